package org.parvis.bench;

import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;

/** The raw WebSocket endpoint of the bridge, /eventbus/websocket: one bridge frame per text message. */
final class WsTransport implements Transport {

  private final WebSocketClient client;
  private final WebSocketConnectOptions options;
  private WebSocket socket;
  private boolean closing;

  WsTransport(WebSocketClient client, String host, int port, long timeoutMs) {
    this.client = client;
    this.options = new WebSocketConnectOptions().setHost(host).setPort(port).setURI("/eventbus/websocket")
        .setConnectTimeout(timeoutMs).setTimeout(timeoutMs);
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
      socket.textMessageHandler(listener::onMessage);
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
      listener.onOpen();
    });
  }

  @Override
  public void send(String frame) {
    if (socket != null && !closing && !socket.isClosed()) {
      socket.writeTextMessage(frame);
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
    return "websocket";
  }
}
