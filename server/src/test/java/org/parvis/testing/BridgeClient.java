package org.parvis.testing;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A client of the real SockJS event-bus bridge, speaking the bridge's JSON frames as a browser does:
 * over the raw WebSocket endpoint, over the SockJS WebSocket transport the web client uses
 * (SockJS frames {@code o}, {@code h}, {@code a[...]}, {@code c[...]} around the same JSON), or over
 * SockJS's xhr-polling fallback (what a browser behind a proxy that blocks WebSockets ends up with).
 * Blocking calls, for test threads only.
 */
public final class BridgeClient implements AutoCloseable {

  private static final long TIMEOUT_SECONDS = 10;

  private final WebSocketClient client;
  private final WebSocket socket;
  private final XhrPolling polling;
  private final String token;
  private final boolean sockJsFraming;
  private final List<String> rawFrames = new CopyOnWriteArrayList<>();
  private volatile boolean keepingRawFrames;
  private final Map<String, CompletableFuture<JsonObject>> replies = new ConcurrentHashMap<>();
  private final Map<String, BlockingQueue<JsonObject>> received = new ConcurrentHashMap<>();
  private final List<JsonObject> errors = new CopyOnWriteArrayList<>();
  private final CompletableFuture<Void> closed = new CompletableFuture<>();

  private BridgeClient(WebSocketClient client, WebSocket socket, String token, boolean sockJsFraming) {
    this.client = client;
    this.socket = socket;
    this.polling = null;
    this.token = token;
    this.sockJsFraming = sockJsFraming;
    socket.textMessageHandler(this::onText);
    socket.binaryMessageHandler(buffer -> onText(buffer.toString()));
    socket.closeHandler(none -> closed.complete(null));
  }

  private BridgeClient(Vertx vertx, int port, String token) {
    this.client = null;
    this.socket = null;
    this.token = token;
    this.sockJsFraming = false;
    this.polling = new XhrPolling(vertx, port, this::onFrame, () -> closed.complete(null));
  }

  /** Over SockJS xhr-polling (POST .../xhr to read, .../xhr_send to write) instead of a WebSocket. */
  public static BridgeClient connectPolling(Vertx vertx, int port, String token) {
    BridgeClient bridge = new BridgeClient(vertx, port, token);
    bridge.polling.open();
    return bridge;
  }

  /** Through the raw WebSocket endpoint, {@code /eventbus/websocket}. */
  public static BridgeClient connect(Vertx vertx, int port, String token) {
    return connect(vertx, port, token, "/eventbus/websocket", false);
  }

  /** Through the SockJS WebSocket transport, {@code /eventbus/<server>/<session>/websocket}, as the web client. */
  public static BridgeClient connectSockJs(Vertx vertx, int port, String token) {
    String session = UUID.randomUUID().toString().substring(0, 8);
    return connect(vertx, port, token, "/eventbus/000/" + session + "/websocket", true);
  }

  private static BridgeClient connect(Vertx vertx, int port, String token, String path, boolean sockJsFraming) {
    // A snapshot of a full board is one large message; browsers take it whole, so must we.
    WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions()
        .setMaxFrameSize(16 * 1024 * 1024).setMaxMessageSize(32 * 1024 * 1024));
    WebSocket socket = client.connect(port, "127.0.0.1", path).await();
    BridgeClient bridge = new BridgeClient(client, socket, token, sockJsFraming);
    vertx.setPeriodic(5_000, timer -> {
      if (bridge.closed.isDone()) {
        vertx.cancelTimer(timer);
      } else {
        bridge.write("{\"type\":\"ping\"}");
      }
    });
    return bridge;
  }

  /** Sends a command to parvis.cmd and waits for the server's answer. */
  public JsonObject command(JsonObject command) {
    return request("parvis.cmd", command, new JsonObject().put("token", token));
  }

  /** Sends a command without waiting; the future completes with the answer. */
  public CompletableFuture<JsonObject> commandAsync(JsonObject command) {
    String replyAddress = UUID.randomUUID().toString();
    CompletableFuture<JsonObject> reply = new CompletableFuture<>();
    replies.put(replyAddress, reply);
    write(new JsonObject().put("type", "send").put("address", "parvis.cmd").put("body", command)
        .put("headers", new JsonObject().put("token", token)).put("replyAddress", replyAddress).encode());
    return reply.orTimeout(TIMEOUT_SECONDS, TimeUnit.SECONDS).whenComplete((answer, failure) -> replies.remove(replyAddress));
  }

  /** Reads again until the server closes the socket or the time is up; the number of messages it got on an address. */
  public int resumeAndCount(String address, long timeoutMillis) {
    socket.resume();
    long deadline = System.currentTimeMillis() + timeoutMillis;
    while (!closed.isDone() && System.currentTimeMillis() < deadline) {
      RedisProcess.sleep(50);
    }
    return queue(address).size();
  }

  /** Stops reading from the socket, as a phone whose app froze. */
  public void stopReading() {
    socket.pause();
  }

  /** Sends any frame body to any address, with any headers, and waits for an answer. */
  public JsonObject request(String address, Object body, JsonObject headers) {
    String replyAddress = UUID.randomUUID().toString();
    CompletableFuture<JsonObject> reply = new CompletableFuture<>();
    replies.put(replyAddress, reply);
    send(new JsonObject().put("type", "send").put("address", address).put("body", body)
        .put("headers", headers).put("replyAddress", replyAddress));
    try {
      return reply.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("no answer from " + address + " to " + body + "; error frames: " + errors, e);
    } finally {
      replies.remove(replyAddress);
    }
  }

  public void register(String address) {
    send(new JsonObject().put("type", "register").put("address", address)
        .put("headers", new JsonObject().put("token", token)));
  }

  public void unregister(String address) {
    send(new JsonObject().put("type", "unregister").put("address", address)
        .put("headers", new JsonObject().put("token", token)));
  }

  /** Writes a frame and does not care whether the server takes it (it may close the connection). */
  public void sendWithoutWaiting(JsonObject frame) {
    write(frame.encode());
  }

  public void send(JsonObject frame) {
    if (polling != null) {
      polling.send(frame.encode());
    } else {
      write(frame.encode()).await();
    }
  }

  private Future<Void> write(String frame) {
    if (polling != null) {
      polling.send(frame);
      return Future.succeededFuture();
    }
    return socket.writeTextMessage(sockJsFraming ? new JsonArray().add(frame).encode() : frame);
  }

  /** From now on, keeps every frame the server sends as text (a flood would fill memory, so only when asked). */
  public BridgeClient keepRawFrames() {
    keepingRawFrames = true;
    return this;
  }

  /** Every frame the server sent since {@link #keepRawFrames}, as text: to check that something never reached this client. */
  public List<String> rawFrames() {
    return List.copyOf(rawFrames);
  }

  /** The next message delivered on an address, or null when none comes within the timeout. */
  public JsonObject nextOn(String address, long timeoutMillis) {
    try {
      return queue(address).poll(timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /** The event of revision {@code rev} on an address, past the ones before it (heads and resyncs skipped). */
  public JsonObject eventAt(String address, long rev, long timeoutMillis) {
    for (JsonObject event = nextOn(address, timeoutMillis); event != null; event = nextOn(address, timeoutMillis)) {
      Long eventRev = event.getLong("rev");
      if (eventRev != null && eventRev == rev && !event.getString("type").startsWith("stream.")) {
        return event;
      }
    }
    throw new AssertionError("no event of revision " + rev + " on " + address);
  }

  public String token() {
    return token;
  }

  /** Forgets the messages received and not read yet, so that they hold no memory. */
  public void discardReceived() {
    received.values().forEach(BlockingQueue::clear);
  }

  public List<JsonObject> errors() {
    return List.copyOf(errors);
  }

  /** The first error frame to arrive within the timeout, or null. */
  public JsonObject awaitError(long timeoutMillis) {
    long deadline = System.currentTimeMillis() + timeoutMillis;
    while (errors.isEmpty() && System.currentTimeMillis() < deadline) {
      RedisProcess.sleep(20);
    }
    return errors.isEmpty() ? null : errors.get(0);
  }

  public boolean isClosed() {
    return closed.isDone();
  }

  @Override
  public void close() {
    if (polling != null) {
      polling.close();
      closed.complete(null);
      return;
    }
    if (!closed.isDone()) {
      socket.close();
    }
    client.close();
  }

  private BlockingQueue<JsonObject> queue(String address) {
    return received.computeIfAbsent(address, key -> new LinkedBlockingQueue<>());
  }

  private void onText(String text) {
    if (!sockJsFraming) {
      onFrame(text);
    } else if (text.startsWith("a")) {
      new JsonArray(text.substring(1)).forEach(frame -> onFrame((String) frame));
    } else if (text.startsWith("c")) {
      socket.close();
    }
    // "o" opens the session and "h" is a heartbeat: nothing to do.
  }

  private void onFrame(String text) {
    if (keepingRawFrames) {
      rawFrames.add(text);
    }
    JsonObject frame = new JsonObject(text);
    String address = frame.getString("address");
    if ("err".equals(frame.getString("type"))) {
      errors.add(frame);
      CompletableFuture<JsonObject> waiting = address == null ? null : replies.get(address);
      if (waiting != null) {
        waiting.completeExceptionally(new AssertionError("error frame " + frame));
      }
      return;
    }
    CompletableFuture<JsonObject> waiting = replies.get(address);
    if (waiting != null) {
      waiting.complete(frame.getJsonObject("body"));
    } else {
      queue(address).add(frame.getJsonObject("body"));
    }
  }
}
