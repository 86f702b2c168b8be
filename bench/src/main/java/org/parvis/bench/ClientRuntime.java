package org.parvis.bench;

import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * One Vert.x instance of the driver: its event loops and the HTTP and WebSocket clients that the
 * bench clients placed on them use. The ramp has one; a join storm gives the joiners a second one,
 * so that opening their connections and parsing their snapshots runs on loops (threads) of their
 * own and does not queue in front of the editors' acknowledgements.
 */
final class ClientRuntime {

  private static final int MAX_MESSAGE = 64 * 1024 * 1024;

  final Vertx vertx;
  final List<Context> loops;
  /** Set-up requests (workshops, participants), at most {@code httpConcurrency} connections. */
  final HttpClient http;
  /** One connection per person, as phones: SockJS xhr_send and the storm's HTTP joins. */
  final HttpClient xhrHttp;
  /** SockJS xhr_streaming responses, one connection each. */
  final HttpClient xhrStreams;
  final WebSocketClient webSockets;
  private int nextLoop;
  private volatile boolean closing;

  private ClientRuntime(DriverConfig config) {
    this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(config.eventLoops)
        .setWorkerPoolSize(2).setInternalBlockingPoolSize(2));
    List<Context> contexts = Collections.synchronizedList(new ArrayList<>());
    vertx.deployVerticle(() -> new VerticleBase() {
      @Override
      public Future<?> start() {
        contexts.add(context);
        return Future.succeededFuture();
      }
    }, new DeploymentOptions().setInstances(config.eventLoops)).await();
    this.loops = List.copyOf(contexts);
    this.webSockets = vertx.createWebSocketClient(new WebSocketClientOptions()
        .setMaxConnections(200_000)
        .setTryUsePerMessageCompression(false)
        .setTryUsePerFrameCompression(false)
        .setMaxFrameSize(MAX_MESSAGE)
        .setMaxMessageSize(MAX_MESSAGE)
        .setConnectTimeout((int) config.handshakeTimeoutMs));
    this.http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setConnectTimeout(10_000),
        new PoolOptions().setHttp1MaxSize(config.httpConcurrency));
    this.xhrHttp = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setConnectTimeout(10_000),
        new PoolOptions().setHttp1MaxSize(50_000));
    this.xhrStreams = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false).setConnectTimeout(10_000),
        new PoolOptions().setHttp1MaxSize(50_000));
  }

  /** A Vert.x instance with {@code config.eventLoops} loops, each with a context ready for clients. */
  static ClientRuntime start(DriverConfig config) {
    return new ClientRuntime(config);
  }

  /** The loops in turn, one per new client. */
  synchronized Context nextLoop() {
    return loops.get(nextLoop++ % loops.size());
  }

  /**
   * On every loop, a timer due every {@code periodMs}: how late each one fires (microseconds), that
   * is how long a task ready on that loop waited for it (other tasks ahead, the thread descheduled,
   * GC), goes to {@code lateness}.
   */
  void watchLoopLag(long periodMs, LongConsumer lateness) {
    for (Context loop : loops) {
      loop.runOnContext(none -> probe(TimeUnit.MILLISECONDS.toNanos(periodMs), lateness));
    }
  }

  private void probe(long periodNanos, LongConsumer lateness) {
    long due = System.nanoTime() + periodNanos;
    vertx.setTimer(TimeUnit.NANOSECONDS.toMillis(periodNanos), t -> {
      lateness.accept(Math.max(0, System.nanoTime() - due) / 1_000);
      if (!closing) {
        probe(periodNanos, lateness);
      }
    });
  }

  /** Closes the clients and the instance (its loops, timers and connections), waiting at most 20 s. */
  void close() {
    closing = true;
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    } catch (Exception ignored) {
      // exiting
    }
  }
}
