package org.parvis.stream;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The streams this node's clients follow, counted, so the relay can tell them to catch up after a gap, and send their heads. */
public final class WatchedStreams {

  private final ConcurrentHashMap<StreamId, Integer> watchers = new ConcurrentHashMap<>();

  public void watch(StreamId stream) {
    watchers.merge(stream, 1, Integer::sum);
  }

  public void unwatch(StreamId stream) {
    watchers.computeIfPresent(stream, (id, count) -> count > 1 ? count - 1 : null);
  }

  public Set<StreamId> streams() {
    return Set.copyOf(watchers.keySet());
  }
}
