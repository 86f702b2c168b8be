package org.parvis.stream;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;
import io.vertx.ext.web.handler.sockjs.impl.JsonCodec;
import org.parvis.workshop.Identity;

/**
 * One event of one stream as this node's followers receive it: the bridge's {@code rec} frame for
 * the event's audience and the one of its shadow for everyone else, each built once per node from
 * the text Redis published, so a thousand followers cost a thousand writes, not a thousand JSON
 * copies and encodings. Each also in SockJS's form ({@code a["<escaped rec frame>"]}), which
 * browsers on the SockJS WebSocket transport receive as it is, instead of one escaping per browser.
 */
public record StreamFrame(String stream, String audience, String text, String shadowText, String sockJsText,
    String sockJsShadowText) {

  /** Local address where the relay hands frames to each HTTP event loop. */
  public static final String ADDRESS = "parvis.local.stream-frames";
  /** Frames only travel inside one JVM; between nodes, Redis pub/sub carries the events. */
  public static final MessageCodec<StreamFrame, StreamFrame> LOCAL_CODEC = new LocalCodec();

  /** The frames of a logged event of {@code stream}. */
  public static StreamFrame of(StreamId stream, LogEntry entry) {
    return of(stream.wire(), entry.audience(), rec(stream, entry.event()), entry.isForAll() ? null : rec(stream, entry.shadow()));
  }

  /** A frame every follower gets as it is: a resync or a head. */
  public static StreamFrame forAll(StreamId stream, String eventJson) {
    return of(stream.wire(), Audience.ALL, rec(stream, eventJson), null);
  }

  private static StreamFrame of(String stream, String audience, String text, String shadowText) {
    return new StreamFrame(stream, audience, text, shadowText, sockJs(text), shadowText == null ? null : sockJs(shadowText));
  }

  public String textFor(Identity who) {
    return admits(who) ? text : shadowText;
  }

  /** {@link #textFor} as a SockJS frame. */
  public String sockJsTextFor(Identity who) {
    return admits(who) ? sockJsText : sockJsShadowText;
  }

  private boolean admits(Identity who) {
    return shadowText == null || Audience.admits(audience, who);
  }

  /** Escaped by the SockJS handler's own codec, so a browser reads the same bytes either way. */
  private static String sockJs(String text) {
    return "a" + JsonCodec.encode(new String[] {text});
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
