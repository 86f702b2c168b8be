package org.parvis.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.sockjs.SockJSHandler;
import io.vertx.ext.web.handler.sockjs.SockJSHandlerOptions;
import io.vertx.ext.web.handler.sockjs.SockJSSocket;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.parvis.bridge.PreEncodedText;
import org.parvis.stream.WireText;

/**
 * The server's CPU per recipient of one frame, by way of writing it, measured on the server's one
 * event-loop thread ({@code ThreadMXBean} CPU time, so other processes on a shared machine disturb it
 * far less than a whole benchmark): the same event written to N WebSocket clients of another Vert.x
 * instance in this JVM, at a fixed pace, until every client has received every frame.
 *
 * <ul>
 *   <li>{@code sockjs-ws}: through the SockJS WebSocket transport as the web client uses it
 *   ({@code /<server>/<session>/websocket}), {@code SockJSSocket.write(String)}: the session wraps and
 *   escapes the text as {@code a["..."]} for each recipient.
 *   <li>{@code sockjs-ws-preframed}: the same bytes on the wire, the {@code a["..."]} text built once
 *   and written to each recipient's WebSocket as it is ({@code writeTextMessage}: encoded to UTF-8
 *   for each).
 *   <li>{@code sockjs-ws-preencoded}: the same, its UTF-8 bytes encoded once and written to each as a
 *   text message over them ({@code PreEncodedText}, what the server's fan-out does).
 *   <li>{@code raw-ws}: the raw WebSocket endpoint ({@code /websocket}, what the load driver uses),
 *   {@code SockJSSocket.write(String)}.
 *   <li>{@code raw-ws-buffer}: the same, the UTF-8 bytes encoded once and written as a Buffer.
 * </ul>
 *
 * {@code java -cp bench/target/parvis-bench.jar org.parvis.bench.WriteCost [clients] [frames] [rounds]}
 */
public final class WriteCost {

  /** A note.updated event as the relay frames it, with the accented text of a French workshop. */
  static final String EVENT_FRAME = "{\"type\":\"rec\",\"address\":\"parvis.board.w7Qk2mZp-3\",\"body\":"
      + "{\"type\":\"note.updated\",\"stream\":\"board:w7Qk2mZp-3\",\"rev\":1842,\"h\":\"5f2c9a1e\","
      + "\"noteId\":\"n_c41_1842\",\"fields\":{\"text\":\"Créer un café-rencontre pour les aînés du quartier, "
      + "le mercredi après-midi\",\"color\":\"yellow\"},\"cmd\":\"c41_1842_1764541234567890\","
      + "\"by\":\"p_8Hq2LmZx\",\"at\":1764541234567}}";

  private enum Variant { SOCKJS_WS, SOCKJS_WS_PREFRAMED, SOCKJS_WS_PREENCODED, RAW_WS, RAW_WS_BUFFER }

  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  public static void main(String[] args) throws Exception {
    int clients = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    int frames = args.length > 1 ? Integer.parseInt(args[1]) : 1_500;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    Vertx server = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    Vertx clientSide = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    try {
      WriteCost bench = new WriteCost(server);
      int port = bench.listen().await();
      String sockJsFrame = WireText.sockJsFrame(EVENT_FRAME);
      System.out.printf(Locale.ROOT, "frame: %d chars as the bridge's text, %d as SockJS's a[\"...\"]; %d clients, %d frames, %d rounds%n",
          EVENT_FRAME.length(), sockJsFrame.length(), clients, frames, rounds);
      List<Variant> variants = List.of(Variant.values());
      long[][] nanosPerWrite = new long[variants.size()][rounds];
      long[][] bytesPerWrite = new long[variants.size()][rounds];
      for (int round = 0; round < rounds; round++) {
        for (Variant variant : variants) {
          PerWrite cost = bench.measure(clientSide, port, variant, clients, frames, sockJsFrame);
          nanosPerWrite[variant.ordinal()][round] = cost.cpuNanos();
          bytesPerWrite[variant.ordinal()][round] = cost.allocatedBytes();
        }
      }
      print("server event-loop CPU per recipient write (ns)", variants, nanosPerWrite);
      print("bytes the server's event loop allocated per recipient write", variants, bytesPerWrite);
    } finally {
      clientSide.close().await();
      server.close().await();
    }
  }

  private final Vertx vertx;
  private final List<SockJSSocket> sockJsSockets = new CopyOnWriteArrayList<>();
  private final List<ServerWebSocket> preframedSockets = new CopyOnWriteArrayList<>();
  private volatile long loopThreadId;

  private WriteCost(Vertx vertx) {
    this.vertx = vertx;
  }

  private Future<Integer> listen() {
    Router router = Router.router(vertx);
    router.get("/pre/websocket").handler(ctx -> ctx.request().toWebSocket().onSuccess(ws -> {
      ws.writeTextMessage("o");
      preframedSockets.add(ws);
    }));
    router.route("/sock/*").subRouter(SockJSHandler.create(vertx, new SockJSHandlerOptions().setRegisterWriteHandler(false))
        .socketHandler(sockJsSockets::add));
    HttpServerOptions options = new HttpServerOptions().setHost("127.0.0.1").setPort(0)
        .setPerMessageWebSocketCompressionSupported(false).setPerFrameWebSocketCompressionSupported(false);
    return vertx.createHttpServer(options).requestHandler(router).listen().map(HttpServer::actualPort);
  }

  private static void print(String what, List<Variant> variants, long[][] perRound) {
    System.out.println(what + ", median [min-max] of the rounds:");
    for (Variant variant : variants) {
      long[] values = perRound[variant.ordinal()].clone();
      Arrays.sort(values);
      System.out.printf(Locale.ROOT, "  %-22s %6d  [%d-%d]  rounds %s%n", variant.name().toLowerCase(Locale.ROOT).replace('_', '-'),
          values[values.length / 2], values[0], values[values.length - 1], Arrays.toString(perRound[variant.ordinal()]));
    }
  }

  /** What one recipient's write cost the server's event loop. */
  private record PerWrite(long cpuNanos, long allocatedBytes) {}

  private PerWrite measure(Vertx clientSide, int port, Variant variant, int clients, int frames, String sockJsFrame) {
    String uri = switch (variant) {
      case SOCKJS_WS -> "/sock/000/%s/websocket";
      case SOCKJS_WS_PREFRAMED, SOCKJS_WS_PREENCODED -> "/pre/websocket";
      case RAW_WS, RAW_WS_BUFFER -> "/sock/websocket";
    };
    WebSocketClient client = clientSide.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(clients * 2));
    AtomicLong received = new AtomicLong();
    List<WebSocket> opened = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      WebSocket ws = client.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port)
          .setURI(uri.formatted("s" + i))).await();
      ws.textMessageHandler(text -> {
        if (text.startsWith("a") || text.startsWith("{")) {
          received.incrementAndGet();
        }
      });
      ws.binaryMessageHandler(buffer -> received.incrementAndGet());
      opened.add(ws);
    }
    Buffer utf8 = Buffer.buffer(EVENT_FRAME);
    byte[] sockJsUtf8 = sockJsFrame.getBytes(StandardCharsets.UTF_8);
    Consumer<Integer> writeOne = switch (variant) {
      case SOCKJS_WS, RAW_WS -> none -> sockJsSockets.forEach(socket -> socket.write(EVENT_FRAME));
      case SOCKJS_WS_PREFRAMED -> none -> preframedSockets.forEach(ws -> ws.writeTextMessage(sockJsFrame));
      case SOCKJS_WS_PREENCODED -> none -> preframedSockets.forEach(ws -> ws.writeFrame(PreEncodedText.message(sockJsUtf8)));
      case RAW_WS_BUFFER -> none -> sockJsSockets.forEach(socket -> socket.write(utf8));
    };
    waitFor(() -> sockJsSockets.size() + preframedSockets.size() == clients);
    vertx.runOnContext(none -> loopThreadId = Thread.currentThread().getId());
    waitFor(() -> loopThreadId != 0);
    long cpuBefore = THREADS.getThreadCpuTime(loopThreadId);
    long allocatedBefore = THREADS.getThreadAllocatedBytes(loopThreadId);
    Promise<Void> sent = Promise.promise();
    long[] count = {0};
    vertx.setPeriodic(2, timer -> {
      writeOne.accept(0);
      if (++count[0] == frames) {
        vertx.cancelTimer(timer);
        sent.complete();
      }
    });
    sent.future().await();
    long expected = (long) clients * frames;
    waitFor(() -> received.get() >= expected);
    long cpu = THREADS.getThreadCpuTime(loopThreadId) - cpuBefore;
    long allocated = THREADS.getThreadAllocatedBytes(loopThreadId) - allocatedBefore;
    opened.forEach(WebSocket::close);
    client.close().await();
    sockJsSockets.clear();
    preframedSockets.clear();
    return new PerWrite(cpu / expected, allocated / expected);
  }

  private static void waitFor(java.util.function.BooleanSupplier condition) {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("timed out");
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }
}
