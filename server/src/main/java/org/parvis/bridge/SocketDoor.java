package org.parvis.bridge;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.bridge.BridgeEventType;
import io.vertx.ext.web.handler.sockjs.BridgeEvent;
import io.vertx.ext.web.handler.sockjs.SockJSSocket;
import java.util.Map;
import java.util.WeakHashMap;
import org.parvis.ops.ClientAddress;

/**
 * In front of the bridge guard: admits a new socket only while its client address has room
 * (ConnectionCap), and closes a socket on any error of its own, such as a message assembled from
 * fragments beyond the size limit. Vert.x drops such a message with an exception on the socket, and
 * the bridge's handler would only log it and leave the socket open.
 */
final class SocketDoor implements Handler<BridgeEvent> {

  private final Vertx vertx;
  private final Handler<BridgeEvent> guard;
  private final ConnectionCap cap;
  private final boolean trustProxy;
  private final Map<SockJSSocket, String> clients = new WeakHashMap<>();

  SocketDoor(Vertx vertx, Handler<BridgeEvent> guard, ConnectionCap cap, boolean trustProxy) {
    this.vertx = vertx;
    this.guard = guard;
    this.cap = cap;
    this.trustProxy = trustProxy;
  }

  @Override
  public void handle(BridgeEvent event) {
    SockJSSocket socket = event.socket();
    if (event.type() == BridgeEventType.SOCKET_CREATED) {
      String client = ClientAddress.of(socket.remoteAddress(), socket.headers(), trustProxy);
      if (!cap.admit(client)) {
        event.complete(false);
        return;
      }
      clients.put(socket, client);
      // The bridge sets its own exception handler once the socket is admitted: replace it after that.
      event.future().onSuccess(admitted -> vertx.runOnContext(later -> socket.exceptionHandler(failure -> socket.close())));
    } else if (event.type() == BridgeEventType.SOCKET_CLOSED) {
      String client = clients.remove(socket);
      if (client != null) {
        cap.release(client);
      }
    }
    guard.handle(event);
  }
}
