package org.parvis.bridge;

import io.vertx.ext.web.handler.sockjs.SockJSSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.parvis.store.BoardFrame;

/**
 * The sockets of one event loop that follow each board. Board events skip the bridge's per-socket
 * event-bus delivery (a copy, a permit check and an encoding per recipient): each frame is written
 * as it is to every follower. Confined to its event loop.
 */
final class BoardFollowers {

  private final Map<String, Set<SockJSSocket>> socketsByBoard = new HashMap<>();
  private final Map<SockJSSocket, Set<String>> boardsBySocket = new HashMap<>();

  /** Returns false when the socket already followed the board. */
  boolean follow(String boardId, SockJSSocket socket) {
    boardsBySocket.computeIfAbsent(socket, s -> new HashSet<>()).add(boardId);
    return socketsByBoard.computeIfAbsent(boardId, id -> new HashSet<>()).add(socket);
  }

  /** Returns false when the socket did not follow the board. */
  boolean unfollow(String boardId, SockJSSocket socket) {
    Set<String> boards = boardsBySocket.get(socket);
    if (boards == null || !boards.remove(boardId)) {
      return false;
    }
    if (boards.isEmpty()) {
      boardsBySocket.remove(socket);
    }
    Set<SockJSSocket> sockets = socketsByBoard.get(boardId);
    sockets.remove(socket);
    if (sockets.isEmpty()) {
      socketsByBoard.remove(boardId);
    }
    return true;
  }

  /** The boards the socket still followed, now unfollowed. */
  List<String> unfollowAll(SockJSSocket socket) {
    List<String> boards = List.copyOf(boardsBySocket.getOrDefault(socket, Set.of()));
    boards.forEach(board -> unfollow(board, socket));
    return boards;
  }

  /**
   * Writes the frame to every follower that keeps up. One that has {@link BridgeGuard#MAX_UNSENT_BYTES}
   * unsent is closed instead: it reconnects and catches up from its revision when it can read again.
   */
  void deliver(BoardFrame frame) {
    Set<SockJSSocket> sockets = socketsByBoard.get(frame.boardId());
    if (sockets == null) {
      return;
    }
    List<SockJSSocket> tooSlow = new ArrayList<>(0);
    for (SockJSSocket socket : sockets) {
      if (socket.writeQueueFull()) {
        tooSlow.add(socket);
      } else {
        socket.write(frame.text());
      }
    }
    // Closing unfollows (the bridge unregisters the socket's addresses), so not while iterating.
    tooSlow.forEach(BridgeGuard::dropTooSlow);
  }
}
