package org.parvis.bench;

import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;

/**
 * A WebSocket to the bridge: the raw endpoint, /eventbus/websocket, one bridge frame per message; or
 * the SockJS WebSocket transport, /eventbus/<server>/<session>/websocket, as browsers use it
 * ({@code o} open, {@code h} heartbeat, {@code a["..."]} messages, {@code c[...]} close; frames sent
 * as {@code ["..."]}).
 */
final class WsTransport implements Transport {

  private final WebSocketClient client;
  private final WebSocketConnectOptions options;
  private final boolean sockJs;
  private WebSocket socket;
  private boolean closing;

  /** {@code sockJsPath}: the SockJS WebSocket transport's path, or null for the raw endpoint. */
  WsTransport(WebSocketClient client, String host, int port, long timeoutMs, String sockJsPath) {
    this.client = client;
    this.sockJs = sockJsPath != null;
    this.options = new WebSocketConnectOptions().setHost(host).setPort(port)
        .setURI(sockJs ? sockJsPath : "/eventbus/websocket").setConnectTimeout(timeoutMs).setTimeout(timeoutMs);
  }

  @Override
  public void open(Listener listener) {
    client.connect(options).onComplete(done -> {
      if (done.failed()) {
        listener.onClosed("ws_connect_failed", String.valueOf(done.cause()));
        return;
      }
      socket = done.result();
      if (closing) {
        socket.close();
        return;
      }
      socket.textMessageHandler(sockJs ? text -> onSockJsFrame(text, listener) : listener::onMessage);
      // The SockJS bridge writes its frames as binary WebSocket messages (SockJSSocket.write(Buffer)).
      socket.binaryMessageHandler(buffer -> listener.onMessage(buffer.toString()));
      socket.exceptionHandler(failure -> {
        // The close handler follows when the connection is really gone.
      });
      socket.closeHandler(none -> {
        if (!closing) {
          listener.onClosed("ws_closed_by_server", "status " + socket.closeStatusCode() + " " + socket.closeReason());
        }
      });
      if (!sockJs) {
        listener.onOpen();
      }
    });
  }

  private void onSockJsFrame(String text, Listener listener) {
    switch (text.isEmpty() ? ' ' : text.charAt(0)) {
      case 'o' -> listener.onOpen();
      case 'a' -> new JsonArray(text.substring(1)).forEach(message -> listener.onMessage((String) message));
      default -> { } // h: heartbeat; c[...]: the close of the WebSocket follows
    }
  }

  @Override
  public void send(String frame) {
    if (socket != null && !closing && !socket.isClosed()) {
      socket.writeTextMessage(sockJs ? new JsonArray().add(frame).encode() : frame);
    }
  }

  @Override
  public void close() {
    closing = true;
    if (socket != null && !socket.isClosed()) {
      socket.close();
    }
  }

  @Override
  public String kind() {
    return sockJs ? "sockjs-websocket" : "websocket";
  }
}
