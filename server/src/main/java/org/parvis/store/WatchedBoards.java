package org.parvis.store;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The boards this node's clients follow, counted, so the relay can tell them to catch up after a gap. */
public final class WatchedBoards {

  private final ConcurrentHashMap<String, Integer> watchers = new ConcurrentHashMap<>();

  public void watch(String boardId) {
    watchers.merge(boardId, 1, Integer::sum);
  }

  public void unwatch(String boardId) {
    watchers.computeIfPresent(boardId, (id, count) -> count > 1 ? count - 1 : null);
  }

  public Set<String> boards() {
    return Set.copyOf(watchers.keySet());
  }
}
