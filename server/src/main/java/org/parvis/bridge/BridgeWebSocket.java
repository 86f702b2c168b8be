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
import org.parvis.stream.WireText;

/**
 * The bridge's two WebSocket endpoints, served here instead of by Vert.x's SockJS handler so that
 * the fan-out writes each frame as bytes encoded once per node ({@link #writePreEncoded}, see
 * {@code WireText}): the handler wraps, escapes and encodes every message again for each socket,
 * so a stream event followed by a thousand browsers was escaped a thousand times.
 *
 * <ul>
 *   <li>SockJS's WebSocket transport ({@code <bridge>/<server>/<session>/websocket}, what
 *   sockjs-client opens first, so what nearly every browser uses), spoken as the handler's
 *   transport does: {@code o} when open, {@code h} heartbeats, every message wrapped as
 *   {@code a["..."]}, {@code c[3000,"Go away!"]} before the server closes, incoming
 *   {@code ["...", ...]} split into messages, anything else closes the socket.
 *   <li>The raw endpoint ({@code <bridge>/websocket}: one WebSocket message per bridge message, for
 *   clients without sockjs-client), as the handler's raw transport: text out, text or binary in.
 * </ul>
 *
 * The HTTP fallbacks (xhr-streaming, xhr-polling, ...) stay with the handler.
 */
final class BridgeWebSocket extends SockJSSocketBase {

  private static final String CLOSE_FRAME = "c[3000,\"Go away!\"]";
  private static final String SOCKET_CLOSED = "SockJS socket closed";

  private final ServerWebSocket ws;
  /** SockJS's framing, or none on the raw endpoint. */
  private final boolean sockJs;
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
    router.getWithRegex(Pattern.quote(bridgePath) + "[^/.]+/[^/.]+/websocket")
        .handler(ctx -> upgrade(ctx, origin, ws -> bridge.handle(new BridgeWebSocket(vertx, ctx, options, ws, true))));
    router.get(bridgePath + "websocket")
        .handler(ctx -> upgrade(ctx, origin, ws -> bridge.handle(new BridgeWebSocket(vertx, ctx, options, ws, false))));
  }

  private static void upgrade(RoutingContext ctx, Origin origin, Handler<ServerWebSocket> opened) {
    HttpServerRequest request = ctx.request();
    if (!request.canUpgradeToWebSocket()) {
      ctx.next();
      return;
    }
    if (!Origin.check(origin, ctx)) {
      ctx.fail(403, new VertxException("Invalid Origin", true));
      return;
    }
    request.toWebSocket().onFailure(ctx::fail).onSuccess(opened);
  }

  private BridgeWebSocket(Vertx vertx, RoutingContext ctx, SockJSHandlerOptions options, ServerWebSocket ws, boolean sockJs) {
    super(vertx, ctx, options);
    this.ws = ws;
    this.sockJs = sockJs;
    if (sockJs) {
      ws.writeTextMessage("o");
      heartbeatTimer = vertx.setPeriodic(options.getHeartbeatInterval(), timer -> {
        if (!closed) {
          ws.writeTextMessage("h");
        }
      });
    } else {
      heartbeatTimer = -1;
    }
    ws.closeHandler(none -> ended());
    ws.exceptionHandler(failure -> {
      Handler<Throwable> handler = exceptionHandler;
      ended();
      if (handler != null) {
        handler.handle(failure);
      }
    });
  }

  /** This frame's bytes in this endpoint's form: SockJS's {@code a["..."]}, or the message alone. */
  byte[] formOf(WireText frame) {
    return sockJs ? frame.sockJsUtf8() : frame.utf8();
  }

  /**
   * Writes bytes {@linkplain #formOf in this endpoint's form} as they are, as one text message; its
   * future completes when the connection passed them on, as {@link #write(String)}'s does.
   */
  Future<Void> writePreEncoded(byte[] utf8) {
    return closed ? Future.failedFuture(SOCKET_CLOSED) : ws.writeFrame(PreEncodedText.message(utf8));
  }

  @Override
  public Future<Void> write(String text) {
    if (closed) {
      return Future.failedFuture(SOCKET_CLOSED);
    }
    return ws.writeTextMessage(sockJs ? WireText.sockJsFrame(text) : text);
  }

  @Override
  public Future<Void> write(Buffer data) {
    if (sockJs || closed) {
      return write(data.toString());
    }
    return ws.writeBinaryMessage(data);
  }

  @Override
  public SockJSSocket handler(Handler<Buffer> handler) {
    if (sockJs) {
      ws.textMessageHandler(messages -> receive(messages, handler));
    } else {
      Handler<Buffer> whileOpen = message -> {
        if (!closed) {
          handler.handle(message);
        }
      };
      ws.textMessageHandler(message -> whileOpen.handle(Buffer.buffer(message)));
      ws.binaryMessageHandler(whileOpen);
    }
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
   * The server's close, as SockJS's: the close frame, then the WebSocket (on the raw endpoint, the
   * WebSocket alone). Also after a failure of the WebSocket ended the socket (a message over the
   * size limit), which leaves the connection open.
   */
  @Override
  public void close() {
    closeOnce(() -> {
      if (sockJs) {
        ws.writeTextMessage(CLOSE_FRAME);
      }
      vertx.runOnContext(none -> ws.close());
    });
  }

  /** On the raw endpoint, the WebSocket's close carries the status and reason; SockJS closes as {@link #close()}. */
  @Override
  public void close(int statusCode, String reason) {
    if (sockJs) {
      close();
    } else {
      closeOnce(() -> ws.close((short) statusCode, reason));
    }
  }

  private void closeOnce(Runnable closing) {
    if (!closeSent && !ws.isClosed()) {
      closeSent = true;
      closing.run();
    }
    ended();
  }

  private void ended() {
    if (closed) {
      return;
    }
    closed = true;
    if (heartbeatTimer >= 0) {
      vertx.cancelTimer(heartbeatTimer);
    }
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
