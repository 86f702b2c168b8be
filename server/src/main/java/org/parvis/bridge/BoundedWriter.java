package org.parvis.bridge;

import io.vertx.ext.web.handler.sockjs.SockJSSocket;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes frames to the bridge's sockets and counts, per socket, the characters written and not yet
 * taken by the network (the bytes, for a frame written already encoded: as many for ASCII, a few
 * more for accented text); a socket that falls more than the limit behind is not written to but
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
  private final Map<SockJSSocket, UnsentChars> unsentBySocket = new HashMap<>();

  BoundedWriter(int maxUnsentChars) {
    this.maxUnsentChars = maxUnsentChars;
  }

  /**
   * False when the frame would put the socket beyond the limit: it is not written, and the caller
   * {@linkplain #drop drops} the socket (not while iterating over sockets: closing unfollows).
   */
  boolean tryWrite(SockJSSocket socket, String frame) {
    UnsentChars unsent = admit(socket, frame.length());
    if (unsent == null) {
      return false;
    }
    socket.write(frame).onComplete(unsent);
    return true;
  }

  /** {@link #tryWrite} of a frame already in the socket's form and encoded, written as it is (counted in bytes). */
  boolean tryWritePreEncoded(BridgeWebSocket socket, byte[] utf8) {
    UnsentChars unsent = admit(socket, utf8.length);
    if (unsent == null) {
      return false;
    }
    socket.writePreEncoded(utf8).onComplete(unsent);
    return true;
  }

  /** The socket's counter with this write added, or null when it would go beyond the limit. */
  private UnsentChars admit(SockJSSocket socket, int length) {
    UnsentChars unsent = unsentBySocket.get(socket);
    if (unsent == null) {
      unsent = new UnsentChars();
      unsentBySocket.put(socket, unsent);
    }
    return unsent.tryAdd(length, maxUnsentChars) ? unsent : null;
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
