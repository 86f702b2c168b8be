package org.parvis.bridge;

import io.vertx.ext.web.handler.sockjs.SockJSSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.parvis.store.BoardFrame;
import org.parvis.store.WatchedBoards;

/**
 * The sockets of one event loop that follow each board. Board events skip the bridge's per-socket
 * event-bus delivery (a copy, a permit check and an encoding per recipient): each frame is written
 * as it is to every follower. Confined to its event loop; keeps the node-wide {@link WatchedBoards}
 * in step, so the relay knows which boards to tell to catch up.
 */
final class BoardFollowers {

  private final WatchedBoards watched;
  private final BoundedWriter writer;
  private final Map<String, Set<SockJSSocket>> socketsByBoard = new HashMap<>();
  private final Map<SockJSSocket, Set<String>> boardsBySocket = new HashMap<>();

  BoardFollowers(WatchedBoards watched, BoundedWriter writer) {
    this.watched = watched;
    this.writer = writer;
  }

  void follow(String boardId, SockJSSocket socket) {
    boardsBySocket.computeIfAbsent(socket, s -> new HashSet<>()).add(boardId);
    if (socketsByBoard.computeIfAbsent(boardId, id -> new HashSet<>()).add(socket)) {
      watched.watch(boardId);
    }
  }

  void unfollow(String boardId, SockJSSocket socket) {
    Set<String> boards = boardsBySocket.get(socket);
    if (boards == null || !boards.remove(boardId)) {
      return;
    }
    if (boards.isEmpty()) {
      boardsBySocket.remove(socket);
    }
    Set<SockJSSocket> sockets = socketsByBoard.get(boardId);
    sockets.remove(socket);
    if (sockets.isEmpty()) {
      socketsByBoard.remove(boardId);
    }
    watched.unwatch(boardId);
  }

  void unfollowAll(SockJSSocket socket) {
    List.copyOf(boardsBySocket.getOrDefault(socket, Set.of())).forEach(board -> unfollow(board, socket));
  }

  /** Writes the frame to every follower that keeps up; one too far behind is dropped (see {@link BoundedWriter}). */
  void deliver(BoardFrame frame) {
    Set<SockJSSocket> sockets = socketsByBoard.get(frame.boardId());
    if (sockets == null) {
      return;
    }
    List<SockJSSocket> tooSlow = new ArrayList<>(0);
    for (SockJSSocket socket : sockets) {
      if (!writer.tryWrite(socket, frame.text())) {
        tooSlow.add(socket);
      }
    }
    // Closing unfollows (the bridge unregisters the socket's addresses), so not while iterating.
    tooSlow.forEach(writer::drop);
  }
}
