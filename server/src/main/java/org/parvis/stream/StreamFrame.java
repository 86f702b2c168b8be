package org.parvis.stream;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;
import org.parvis.workshop.Identity;

/**
 * One event of one stream as this node's followers receive it: the bridge's {@code rec} frame for
 * the event's audience and the one of its shadow for everyone else, each built once per node from
 * the text Redis published, so a thousand followers cost a thousand writes, not a thousand JSON
 * copies and encodings; each in every form a transport writes ({@link WireText}), so a browser
 * costs a write, not an escaping and an encoding.
 * A shadow that says nothing but "a revision went by" ({@link #hasBareShadow}) may reach a follower
 * late and merged with the next ones ({@link #mergedShadow}): a roomful joining a workshop then
 * costs each follower a frame now and then, not one per arrival. {@code rev} is known for those only.
 */
public record StreamFrame(String stream, String audience, long rev, WireText event, WireText shadow, boolean hasBareShadow) {

  /** Local address where the relay hands frames to each HTTP event loop. */
  public static final String ADDRESS = "parvis.local.stream-frames";
  /** Frames only travel inside one JVM; between nodes, Redis pub/sub carries the events. */
  public static final MessageCodec<StreamFrame, StreamFrame> LOCAL_CODEC = new LocalCodec();

  /** The frames of a logged event of {@code stream}. */
  public static StreamFrame of(StreamId stream, LogEntry entry) {
    return entry.isForAll()
        ? of(stream.wire(), Audience.ALL, 0, rec(stream, entry.event()), null, false)
        : of(stream.wire(), entry.audience(), entry.hasBareShadow() ? entry.rev() : 0, rec(stream, entry.event()),
            rec(stream, entry.shadow()), entry.hasBareShadow());
  }

  /** A frame every follower gets as it is: a resync or a head. */
  public static StreamFrame forAll(StreamId stream, String eventJson) {
    return of(stream.wire(), Audience.ALL, 0, rec(stream, eventJson), null, false);
  }

  private static StreamFrame of(String stream, String audience, long rev, String text, String shadowText, boolean bare) {
    return new StreamFrame(stream, audience, rev, WireText.of(text), shadowText == null ? null : WireText.of(shadowText), bare);
  }

  public String textFor(Identity who) {
    return admits(who) ? event.text() : shadow.text();
  }

  /**
   * This bare shadow standing for every revision from {@code from} to its own: the client moves
   * to its revision when it holds {@code from - 1} (docs/protocol.md, {@code hidden}).
   */
  public WireText mergedShadow(long from) {
    String text = shadow.text();
    // "...,"at":N}}" (the shadow, then the rec frame, close): the range goes inside the shadow.
    return WireText.of(text.substring(0, text.length() - 2) + ",\"from\":" + from + "}}");
  }

  public boolean admits(Identity who) {
    return shadow == null || Audience.admits(audience, who);
  }

  private static String rec(StreamId stream, String eventJson) {
    return "{\"type\":\"rec\",\"address\":\"" + stream.address() + "\",\"body\":" + eventJson + "}";
  }

  private static final class LocalCodec implements MessageCodec<StreamFrame, StreamFrame> {

    @Override
    public void encodeToWire(Buffer buffer, StreamFrame frame) {
      throw new UnsupportedOperationException("Stream frames stay inside one node");
    }

    @Override
    public StreamFrame decodeFromWire(int position, Buffer buffer) {
      throw new UnsupportedOperationException("Stream frames stay inside one node");
    }

    @Override
    public StreamFrame transform(StreamFrame frame) {
      return frame;
    }

    @Override
    public String name() {
      return "parvis-stream-frame";
    }

    @Override
    public byte systemCodecID() {
      return -1;
    }
  }
}
