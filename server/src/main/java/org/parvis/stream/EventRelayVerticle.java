package org.parvis.stream;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.parvis.protocol.Event;
import org.parvis.protocol.Protocol;
import org.parvis.store.EventChannel;
import org.parvis.store.IdentityFeed;

/**
 * Owns this node's Redis subscription: relays every event published by any node to the local
 * event loops as ready-made {@link StreamFrame}s, routed by the message's first line, never by
 * parsing the event. Redis pub/sub is at most once, so after the subscription comes back it tells
 * every watched stream to catch up; it proves the subscription alive by pinging itself through it
 * (a half-open connection never says it is dead); and it sends each watched stream's head now and
 * then, so a client that only reads learns it is behind. It also hands the identity channel's
 * messages to the node ({@link IdentityFeed}), and measures the relay lag: from an event's {@code at}
 * to its hand-over to the local event loops.
 */
public final class EventRelayVerticle extends VerticleBase {

  private static final System.Logger LOG = System.getLogger(EventRelayVerticle.class.getName());
  private static final long MIN_RETRY_MS = 250;
  private static final long MAX_RETRY_MS = 5_000;
  /** Every stream's head goes out once in this many ticks, whatever else {@link HeadSchedule} decides. */
  private static final int HEADS_FOR_ALL_EVERY = 6;

  private final RedisOptions options;
  private final StreamStore streams;
  private final WatchedStreams watched;
  private final long livenessMillis;
  private final IdentityFeed identities;
  private final RelayListener listener;
  private final Timer relayLag;
  private final String pingChannel = "parvis:ping:" + UUID.randomUUID();
  private final HeadSchedule heads = new HeadSchedule(HEADS_FOR_ALL_EVERY);
  private Redis client;
  private RedisConnection connection;
  private long retryDelay = MIN_RETRY_MS;
  private boolean stopping;
  private boolean everConnected;
  private boolean retryScheduled;
  private long pingsSent;
  private long pingsAnswered;
  private long ticks;

  /** {@code livenessMillis}: how often the subscription is pinged (it must answer within that time) and heads are sent. */
  public EventRelayVerticle(RedisOptions options, StreamStore streams, WatchedStreams watched, long livenessMillis,
      IdentityFeed identities, MeterRegistry registry, RelayListener listener) {
    this.listener = listener;
    // Two connections of its own: the subscription, and one for its pings, which a busy command pool must not delay.
    this.options = new RedisOptions(options).setMaxPoolSize(2);
    this.streams = streams;
    this.watched = watched;
    this.livenessMillis = livenessMillis;
    this.identities = identities;
    // Clocks of different nodes differ: across nodes the figure includes their skew.
    this.relayLag = Timer.builder("parvis.relay.lag")
        .description("From an event's time in Redis (its at) to its relay to this node's sockets")
        .publishPercentileHistogram()
        .register(registry);
  }

  @Override
  public Future<?> start() {
    client = Redis.createClient(vertx, options);
    vertx.setPeriodic(livenessMillis, timer -> tick());
    return subscribe();
  }

  @Override
  public Future<?> stop() {
    stopping = true;
    return client.close();
  }

  private Future<Void> subscribe() {
    return client.connect()
        .compose(opened -> {
          connection = opened;
          opened.handler(this::onPush);
          opened.exceptionHandler(failure -> onLost(opened, failure.getMessage()));
          opened.endHandler(ended -> onLost(opened, "connection closed"));
          return opened.send(Request.cmd(Command.SUBSCRIBE).arg(EventChannel.NAME).arg(EventChannel.IDENTITIES).arg(pingChannel));
        })
        .<Void>mapEmpty()
        .onSuccess(subscribed -> {
          retryDelay = MIN_RETRY_MS;
          pingsAnswered = pingsSent;
          listener.subscribed();
          if (everConnected) {
            LOG.log(Level.INFO, "Event subscription restored; asking watched streams to catch up");
            watched.streams().forEach(this::askToCatchUp);
            identities.mayHaveMissedChanges();
          }
          everConnected = true;
        });
  }

  private void onLost(RedisConnection lost, String reason) {
    if (stopping || lost != connection) {
      return;
    }
    connection = null;
    listener.unsubscribed();
    LOG.log(Level.WARNING, "Event subscription lost ({0}); retrying", reason);
    lost.close();
    retryLater();
  }

  private void retryLater() {
    if (retryScheduled || stopping) {
      return;
    }
    retryScheduled = true;
    vertx.setTimer(retryDelay, timer -> {
      retryScheduled = false;
      subscribe().onFailure(failure -> {
        connection = null;
        retryLater();
      });
    });
    retryDelay = Math.min(retryDelay * 2, MAX_RETRY_MS);
  }

  private void tick() {
    ticks++;
    checkAlive();
    sendHeads(ticks);
  }

  /** The previous ping must have come back through the subscription; then the next one goes out. */
  private void checkAlive() {
    RedisConnection current = connection;
    if (current == null) {
      return;
    }
    if (pingsAnswered < pingsSent) {
      onLost(current, "no answer to its ping within " + livenessMillis + " ms");
      return;
    }
    pingsSent++;
    client.send(Request.cmd(Command.PUBLISH).arg(pingChannel).arg(Long.toString(pingsSent)))
        .timeout(livenessMillis, TimeUnit.MILLISECONDS);
  }

  /** The heads {@link HeadSchedule} picks, from one read of every watched stream's head. */
  private void sendHeads(long tick) {
    if (connection == null) {
      return;
    }
    Set<StreamId> now = watched.streams();
    heads.watching(now);
    streams.heads(List.copyOf(now)).onSuccess(read -> heads.toSend(read, tick).forEach(head ->
        publishToFollowers(StreamFrame.forAll(head.stream(),
            Protocol.encodeAlone(new Event.StreamHead(head.stream().wire(), head.rev(), head.h()))))));
  }

  private void onPush(Response push) {
    if (push.size() < 3 || !"message".equals(push.get(0).toString())) {
      return;
    }
    String text = push.get(2).toString();
    String channel = push.get(1).toString();
    if (pingChannel.equals(channel)) {
      pingsAnswered = Math.max(pingsAnswered, Long.parseLong(text));
      return;
    }
    if (EventChannel.IDENTITIES.equals(channel)) {
      identities.changed(text);
      return;
    }
    int endOfStream = text.indexOf('\n');
    Optional<StreamId> stream = endOfStream < 0 ? Optional.empty() : StreamId.fromWire(text.substring(0, endOfStream));
    LogEntry entry = stream.isEmpty() ? null : LogEntry.parse(text, endOfStream + 1);
    if (entry == null) {
      LOG.log(Level.WARNING, "Ignoring a malformed message on {0}", EventChannel.NAME);
      return;
    }
    heads.relayed(stream.get(), entry.rev(), entry.h());
    listener.changed(stream.get());
    publishToFollowers(StreamFrame.of(stream.get(), entry));
    relayLag.record(Math.max(0, System.currentTimeMillis() - entry.at()), TimeUnit.MILLISECONDS);
  }

  private void askToCatchUp(StreamId stream) {
    publishToFollowers(StreamFrame.forAll(stream, Protocol.encodeAlone(new Event.StreamResync(stream.wire()))));
  }

  private void publishToFollowers(StreamFrame frame) {
    vertx.eventBus().publish(StreamFrame.ADDRESS, frame);
  }
}
