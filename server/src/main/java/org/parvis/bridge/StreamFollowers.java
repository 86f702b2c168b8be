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
import org.parvis.stream.WireText;
import org.parvis.workshop.Identity;

/**
 * The sockets of one event loop that follow each stream, each with the identity it proved. Stream
 * events skip the bridge's per-socket event-bus delivery (a copy, a permit check and an encoding per
 * recipient): each frame is written as it is, the event to the sockets of its audience and its
 * shadow to the others; to a WebSocket Parvis serves itself, as the bytes the frame already carries
 * in that endpoint's form. A bare shadow (a revision the follower may not see, and nothing else) is
 * held back and merged with the next ones until {@link #sendHeldShadows} or the follower's next frame
 * of that stream, whichever comes first. Confined to its event loop; keeps the node-wide
 * {@link WatchedStreams} in step, so the relay knows which streams to tell to catch up.
 */
final class StreamFollowers {

  /** How late a held shadow may reach its follower: the caller's timer runs {@link #sendHeldShadows} this often. */
  static final long HELD_SHADOW_MAX_MS = 1_000;

  private final WatchedStreams watched;
  private final BoundedWriter writer;
  private final Map<String, Map<SockJSSocket, Follower>> socketsByStream = new HashMap<>();
  private final Map<SockJSSocket, Set<StreamId>> streamsBySocket = new HashMap<>();
  private List<Follower> holding = new ArrayList<>();
  private MergedShadow merged;

  /** One socket following one stream: who it is, and the shadows held back for it, from revision {@code heldFrom} on. */
  private static final class Follower {
    final SockJSSocket socket;
    final Identity identity;
    long heldFrom;
    StreamFrame lastHeld;
    /** In {@code holding}: its shadows wait for the timer. */
    boolean listed;
    boolean gone;

    Follower(SockJSSocket socket, Identity identity) {
      this.socket = socket;
      this.identity = identity;
    }
  }

  StreamFollowers(WatchedStreams watched, BoundedWriter writer) {
    this.watched = watched;
    this.writer = writer;
  }

  void follow(StreamId stream, SockJSSocket socket, Identity identity) {
    streamsBySocket.computeIfAbsent(socket, s -> new HashSet<>()).add(stream);
    Follower before = socketsByStream.computeIfAbsent(stream.wire(), id -> new HashMap<>())
        .put(socket, new Follower(socket, identity));
    if (before == null) {
      watched.watch(stream);
    } else {
      before.gone = true;
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
    Map<SockJSSocket, Follower> sockets = socketsByStream.get(stream.wire());
    sockets.remove(socket).gone = true;
    if (sockets.isEmpty()) {
      socketsByStream.remove(stream.wire());
    }
    watched.unwatch(stream);
  }

  void unfollowAll(SockJSSocket socket) {
    List.copyOf(streamsBySocket.getOrDefault(socket, Set.of())).forEach(stream -> unfollow(stream, socket));
  }

  /**
   * Writes the frame to every follower that keeps up, or holds its bare shadow back; one too far
   * behind is dropped (see {@link BoundedWriter}). A follower's held shadows go out before the frame.
   */
  void deliver(StreamFrame frame) {
    Map<SockJSSocket, Follower> sockets = socketsByStream.get(frame.stream());
    if (sockets == null) {
      return;
    }
    List<SockJSSocket> tooSlow = null;
    for (Follower follower : sockets.values()) {
      boolean admitted = frame.admits(follower.identity);
      if (!admitted && frame.hasBareShadow()) {
        hold(follower, frame);
        continue;
      }
      boolean written = sendHeld(follower) && (admitted
          ? write(follower.socket, frame.event())
          : write(follower.socket, frame.shadow()));
      if (!written) {
        tooSlow = tooSlow == null ? new ArrayList<>() : tooSlow;
        tooSlow.add(follower.socket);
      }
    }
    dropAll(tooSlow);
  }

  /** Sends every shadow held back, merged per follower: called on a timer, every {@link #HELD_SHADOW_MAX_MS}. */
  void sendHeldShadows() {
    if (holding.isEmpty()) {
      return;
    }
    List<Follower> due = holding;
    holding = new ArrayList<>();
    List<SockJSSocket> tooSlow = null;
    for (Follower follower : due) {
      follower.listed = false;
      if (!follower.gone && !sendHeld(follower)) {
        tooSlow = tooSlow == null ? new ArrayList<>() : tooSlow;
        tooSlow.add(follower.socket);
      }
    }
    dropAll(tooSlow);
  }

  private void hold(Follower follower, StreamFrame frame) {
    if (follower.lastHeld == null) {
      follower.heldFrom = frame.rev();
    }
    if (!follower.listed) {
      follower.listed = true;
      holding.add(follower);
    }
    follower.lastHeld = frame;
  }

  /** Writes what is held for this follower, one shadow for the whole range; false when the socket is too far behind. */
  private boolean sendHeld(Follower follower) {
    StreamFrame last = follower.lastHeld;
    if (last == null) {
      return true;
    }
    follower.lastHeld = null;
    if (follower.heldFrom == last.rev()) {
      return write(follower.socket, last.shadow());
    }
    // Followers of one stream mostly hold the same range: its frame is built once for them all.
    if (merged == null || merged.last() != last || merged.from() != follower.heldFrom) {
      merged = new MergedShadow(last, follower.heldFrom, last.mergedShadow(follower.heldFrom));
    }
    return write(follower.socket, merged.wire());
  }

  /** The frame in the form the socket's transport writes; false when the socket is too far behind. */
  private boolean write(SockJSSocket socket, WireText frame) {
    return socket instanceof BridgeWebSocket ws ? writer.tryWritePreEncoded(ws, ws.formOf(frame)) : writer.tryWrite(socket, frame.text());
  }

  /** The last merged shadow built. */
  private record MergedShadow(StreamFrame last, long from, WireText wire) {}

  // Closing unfollows (the bridge unregisters the socket's addresses), so not while iterating.
  private void dropAll(List<SockJSSocket> tooSlow) {
    if (tooSlow != null) {
      tooSlow.forEach(writer::drop);
    }
  }
}
