package org.parvis.bridge;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.VertxException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.sockjs.SockJSHandlerOptions;
import io.vertx.ext.web.handler.sockjs.SockJSSocket;
import io.vertx.ext.web.handler.sockjs.impl.JsonCodec;
import io.vertx.ext.web.handler.sockjs.impl.SockJSSocketBase;
import io.vertx.ext.web.impl.Origin;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The SockJS WebSocket transport ({@code <bridge>/<server>/<session>/websocket}, what sockjs-client
 * opens first, so what nearly every browser uses), served here instead of by Vert.x's SockJS handler
 * for one reason: the handler wraps and escapes every message as {@code a["..."]} for each socket
 * it is written to, so a stream event followed by a thousand browsers was escaped a thousand
 * times. {@link #writeFramed} writes a frame already in that form, built and encoded to UTF-8
 * once per node (see {@code StreamFrame}). Otherwise it speaks SockJS as the handler's WebSocket transport does:
 * {@code o} when open, {@code h} heartbeats, every other write wrapped as {@code a["..."]},
 * {@code c[3000,"Go away!"]} before the server closes, incoming {@code ["...", ...]} split into
 * messages, anything else closes the socket. The HTTP fallbacks (xhr-streaming, xhr-polling, ...)
 * stay with the handler.
 */
final class SockJsWebSocket extends SockJSSocketBase {

  private static final String CLOSE_FRAME = "c[3000,\"Go away!\"]";
  private static final String SOCKET_CLOSED = "SockJS socket closed";

  private final ServerWebSocket ws;
  private final long heartbeatTimer;
  private Handler<Void> closeHandler;
  private Handler<Void> endHandler;
  private Handler<Throwable> exceptionHandler;
  private MultiMap headers;
  private boolean closed;
  private boolean closeSent;

  /** Mount before the SockJS handler at {@code bridgePath} ("/eventbus/"): a request that is no WebSocket upgrade goes on to it. */
  static void mount(Router router, String bridgePath, Vertx vertx, SockJSHandlerOptions options, Handler<SockJSSocket> bridge) {
    Origin origin = options.getOrigin() == null ? null : Origin.parse(options.getOrigin());
    router.getWithRegex(Pattern.quote(bridgePath) + "[^/.]+/[^/.]+/websocket").handler(ctx -> {
      HttpServerRequest request = ctx.request();
      if (!request.canUpgradeToWebSocket()) {
        ctx.next();
        return;
      }
      if (!Origin.check(origin, ctx)) {
        ctx.fail(403, new VertxException("Invalid Origin", true));
        return;
      }
      request.toWebSocket().onFailure(ctx::fail).onSuccess(ws -> bridge.handle(new SockJsWebSocket(vertx, ctx, options, ws)));
    });
  }

  private SockJsWebSocket(Vertx vertx, RoutingContext ctx, SockJSHandlerOptions options, ServerWebSocket ws) {
    super(vertx, ctx, options);
    this.ws = ws;
    ws.writeTextMessage("o");
    heartbeatTimer = vertx.setPeriodic(options.getHeartbeatInterval(), timer -> {
      if (!closed) {
        ws.writeTextMessage("h");
      }
    });
    ws.closeHandler(none -> ended());
    ws.exceptionHandler(failure -> {
      Handler<Throwable> handler = exceptionHandler;
      ended();
      if (handler != null) {
        handler.handle(failure);
      }
    });
  }

  /**
   * Writes the UTF-8 bytes of what is already a SockJS frame ({@code a["..."]}, escaped as SockJS
   * escapes it) as they are; its future completes when the connection passed them on, as
   * {@link #write(String)}'s does.
   */
  Future<Void> writeFramed(byte[] sockJsFrameUtf8) {
    return closed ? Future.failedFuture(SOCKET_CLOSED) : ws.writeFrame(PreEncodedText.message(sockJsFrameUtf8));
  }

  @Override
  public Future<Void> write(String text) {
    return closed ? Future.failedFuture(SOCKET_CLOSED) : ws.writeTextMessage("a" + JsonCodec.encode(new String[] {text}));
  }

  @Override
  public Future<Void> write(Buffer data) {
    return write(data.toString());
  }

  @Override
  public SockJSSocket handler(Handler<Buffer> handler) {
    ws.textMessageHandler(messages -> receive(messages, handler));
    return this;
  }

  private void receive(String messages, Handler<Buffer> handler) {
    if (closed || messages.isEmpty() || messages.equals("[]")) {
      return;
    }
    boolean array = messages.startsWith("[\"") && messages.endsWith("\"]");
    if (!array && !(messages.startsWith("\"") && messages.endsWith("\""))) {
      ws.close();
      ended();
      return;
    }
    List<String> decoded = JsonCodec.decodeValues(messages);
    if (decoded != null) {
      decoded.forEach(message -> handler.handle(Buffer.buffer(message)));
    }
  }

  /**
   * The server's close, as SockJS's: the close frame, then the WebSocket. Also after a failure of
   * the WebSocket ended the socket (a message over the size limit), which leaves the connection open.
   */
  @Override
  public void close() {
    if (!closeSent && !ws.isClosed()) {
      closeSent = true;
      ws.writeTextMessage(CLOSE_FRAME);
      vertx.runOnContext(none -> ws.close());
    }
    ended();
  }

  private void ended() {
    if (closed) {
      return;
    }
    closed = true;
    vertx.cancelTimer(heartbeatTimer);
    super.close();
    // Later, as the SockJS session does: a socket dropped while the bridge delivers to it must not
    // have its registrations cleared under the bridge's feet.
    Handler<Void> end = endHandler;
    Handler<Void> close = closeHandler;
    vertx.runOnContext(none -> {
      if (end != null) {
        end.handle(null);
      }
      if (close != null) {
        close.handle(null);
      }
    });
  }

  @Override
  public SockJSSocket exceptionHandler(Handler<Throwable> handler) {
    exceptionHandler = handler;
    return this;
  }

  @Override
  public SockJSSocket endHandler(Handler<Void> handler) {
    endHandler = handler;
    return this;
  }

  @Override
  public SockJSSocket closeHandler(Handler<Void> handler) {
    closeHandler = handler;
    return this;
  }

  @Override
  public SockJSSocket pause() {
    ws.pause();
    return this;
  }

  @Override
  public SockJSSocket resume() {
    ws.resume();
    return this;
  }

  @Override
  public SockJSSocket fetch(long amount) {
    ws.fetch(amount);
    return this;
  }

  @Override
  public SockJSSocket setWriteQueueMaxSize(int maxSize) {
    ws.setWriteQueueMaxSize(maxSize);
    return this;
  }

  @Override
  public boolean writeQueueFull() {
    return ws.writeQueueFull();
  }

  @Override
  public SockJSSocket drainHandler(Handler<Void> handler) {
    ws.drainHandler(handler);
    return this;
  }

  @Override
  public SocketAddress remoteAddress() {
    return ws.remoteAddress();
  }

  @Override
  public SocketAddress localAddress() {
    return ws.localAddress();
  }

  /** The upgrade request's headers less its cookies, as the SockJS handler hands them on. */
  @Override
  public MultiMap headers() {
    if (headers == null) {
      headers = MultiMap.caseInsensitiveMultiMap().addAll(ws.headers()).remove(HttpHeaders.COOKIE);
    }
    return headers;
  }

  @Override
  public String uri() {
    return ws.uri();
  }
}
