package org.parvis.bridge;

import io.vertx.ext.web.handler.sockjs.SockJSSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.parvis.stream.StreamFrame;
import org.parvis.stream.StreamId;
import org.parvis.stream.WatchedStreams;
import org.parvis.workshop.Identity;

/**
 * The sockets of one event loop that follow each stream, each with the identity it proved. Stream
 * events skip the bridge's per-socket event-bus delivery (a copy, a permit check and an encoding per
 * recipient): each frame is written as it is, the event to the sockets of its audience and its
 * shadow to the others; to a browser on the SockJS WebSocket transport, in the SockJS form the
 * frame already carries. Confined to its event loop; keeps the node-wide {@link WatchedStreams} in
 * step, so the relay knows which streams to tell to catch up.
 */
final class StreamFollowers {

  private final WatchedStreams watched;
  private final BoundedWriter writer;
  private final Map<String, Map<SockJSSocket, Identity>> socketsByStream = new HashMap<>();
  private final Map<SockJSSocket, Set<StreamId>> streamsBySocket = new HashMap<>();

  StreamFollowers(WatchedStreams watched, BoundedWriter writer) {
    this.watched = watched;
    this.writer = writer;
  }

  void follow(StreamId stream, SockJSSocket socket, Identity identity) {
    streamsBySocket.computeIfAbsent(socket, s -> new HashSet<>()).add(stream);
    if (socketsByStream.computeIfAbsent(stream.wire(), id -> new HashMap<>()).put(socket, identity) == null) {
      watched.watch(stream);
    }
  }

  void unfollow(StreamId stream, SockJSSocket socket) {
    Set<StreamId> streams = streamsBySocket.get(socket);
    if (streams == null || !streams.remove(stream)) {
      return;
    }
    if (streams.isEmpty()) {
      streamsBySocket.remove(socket);
    }
    Map<SockJSSocket, Identity> sockets = socketsByStream.get(stream.wire());
    sockets.remove(socket);
    if (sockets.isEmpty()) {
      socketsByStream.remove(stream.wire());
    }
    watched.unwatch(stream);
  }

  void unfollowAll(SockJSSocket socket) {
    List.copyOf(streamsBySocket.getOrDefault(socket, Set.of())).forEach(stream -> unfollow(stream, socket));
  }

  /** Writes the frame to every follower that keeps up; one too far behind is dropped (see {@link BoundedWriter}). */
  void deliver(StreamFrame frame) {
    Map<SockJSSocket, Identity> sockets = socketsByStream.get(frame.stream());
    if (sockets == null) {
      return;
    }
    List<SockJSSocket> tooSlow = null;
    for (Map.Entry<SockJSSocket, Identity> follower : sockets.entrySet()) {
      SockJSSocket socket = follower.getKey();
      boolean written = socket instanceof SockJsWebSocket sockJs
          ? writer.tryWriteFramed(sockJs, frame.sockJsTextFor(follower.getValue()))
          : writer.tryWrite(socket, frame.textFor(follower.getValue()));
      if (!written) {
        tooSlow = tooSlow == null ? new ArrayList<>() : tooSlow;
        tooSlow.add(socket);
      }
    }
    // Closing unfollows (the bridge unregisters the socket's addresses), so not while iterating.
    if (tooSlow != null) {
      tooSlow.forEach(writer::drop);
    }
  }
}
