package org.parvis.stream;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.parvis.stream.StreamStore.Head;

/**
 * Which stream heads a node sends its followers at each liveness tick. A head tells a client that
 * only reads that it is behind; a follower already has every event this node relayed (its socket is
 * closed rather than skip a frame), so a head equal to the last event relayed tells it nothing, and
 * sending it anyway wrote one frame per follower of every busy stream at the same instant, every
 * tick. A head goes out when it says something the node's followers may not know: the node missed
 * events (the head stays ahead of what it relayed for a whole tick), the stored history went back
 * or changed (behind what was relayed, or another hash), or a stream nobody relayed since the node
 * started changed. Besides, every stream's head goes out once per {@code refreshTicks} ticks, a
 * slice of the streams at each tick so that they do not all go at once.
 */
final class HeadSchedule {

  private final int refreshTicks;
  private final Map<StreamId, Head> relayed = new HashMap<>();
  private final Map<StreamId, Head> sent = new HashMap<>();
  private final Map<StreamId, Long> aheadAtLastTick = new HashMap<>();

  HeadSchedule(int refreshTicks) {
    this.refreshTicks = refreshTicks;
  }

  /** This node relayed the event of that revision and hash to its followers. */
  void relayed(StreamId stream, long rev, String h) {
    relayed.put(stream, new Head(stream, rev, h));
  }

  /** Forgets the streams no socket of this node follows any more. */
  void watching(Set<StreamId> streams) {
    relayed.keySet().retainAll(streams);
    sent.keySet().retainAll(streams);
    aheadAtLastTick.keySet().retainAll(streams);
  }

  /** The heads to send at tick number {@code tick}, out of those just read from storage. */
  List<Head> toSend(Collection<Head> heads, long tick) {
    List<Head> out = new ArrayList<>();
    for (Head head : heads) {
      if (shouldSend(head, tick)) {
        sent.put(head.stream(), head);
        out.add(head);
      }
    }
    return out;
  }

  private boolean shouldSend(Head head, long tick) {
    StreamId stream = head.stream();
    Head last = relayed.get(stream);
    boolean followersHaveIt = false;
    if (last != null && head.rev() > last.rev()) {
      // Usually those events are still on their way through pub/sub: wait a tick before saying so.
      Long aheadBefore = aheadAtLastTick.put(stream, head.rev());
      if (aheadBefore == null || last.rev() >= aheadBefore) {
        return false;
      }
    } else {
      aheadAtLastTick.remove(stream);
      followersHaveIt = last != null && last.rev() == head.rev() && last.h().equals(head.h());
    }
    boolean refreshDue = Math.floorMod(stream.id().hashCode(), refreshTicks) == Math.floorMod(tick, refreshTicks);
    return refreshDue || (!followersHaveIt && !head.equals(sent.get(stream)));
  }
}
