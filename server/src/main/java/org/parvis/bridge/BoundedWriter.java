package org.parvis.bridge;

import io.vertx.core.Future;
import io.vertx.ext.web.handler.sockjs.SockJSSocket;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes frames to the bridge's sockets and counts, per socket, the characters written and not yet
 * taken by the network; a socket that falls more than the limit behind is not written to but
 * dropped: it reconnects and catches up from its revision when it can read again.
 *
 * <p>{@link SockJSSocket#writeQueueFull()} cannot tell: on the SockJS WebSocket and streaming
 * transports the session hands every write at once to the connection, whose queue it never
 * consults, so the socket's own queue is always empty. A write's future completes when the
 * connection has passed it to the operating system (or a polling client has fetched it), on every
 * transport, so counting until then bounds the server's memory for any reader. Confined to the
 * event loop of its sockets.
 */
final class BoundedWriter {

  private final int maxUnsentChars;
  private final Map<SockJSSocket, Integer> unsentBySocket = new HashMap<>();

  BoundedWriter(int maxUnsentChars) {
    this.maxUnsentChars = maxUnsentChars;
  }

  /**
   * False when the frame would put the socket beyond the limit: it is not written, and the caller
   * {@linkplain #drop drops} the socket (not while iterating over sockets: closing unfollows).
   */
  boolean tryWrite(SockJSSocket socket, String frame) {
    if (!admit(socket, frame.length())) {
      return false;
    }
    release(socket.write(frame), socket, frame.length());
    return true;
  }

  /** {@link #tryWrite} of a frame already in SockJS's form, written as it is. */
  boolean tryWriteFramed(SockJsWebSocket socket, String sockJsFrame) {
    if (!admit(socket, sockJsFrame.length())) {
      return false;
    }
    release(socket.writeFramed(sockJsFrame), socket, sockJsFrame.length());
    return true;
  }

  private boolean admit(SockJSSocket socket, int length) {
    int unsent = unsentBySocket.getOrDefault(socket, 0) + length;
    if (unsent > maxUnsentChars) {
      return false;
    }
    unsentBySocket.put(socket, unsent);
    return true;
  }

  private void release(Future<Void> written, SockJSSocket socket, int length) {
    written.onComplete(done -> unsentBySocket.computeIfPresent(socket,
        (same, stillUnsent) -> stillUnsent > length ? stillUnsent - length : null));
  }

  void drop(SockJSSocket socket) {
    forget(socket);
    socket.close(4000, "too slow");
  }

  /** A closed socket's writes may never complete. */
  void forget(SockJSSocket socket) {
    unsentBySocket.remove(socket);
  }
}
