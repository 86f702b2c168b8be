package org.parvis.sync;

import java.util.Set;

/**
 * The two budgets of each person: one for reads (catching up, the workshop) and one for writes, so
 * a screen syncing every board after a reconnect never eats the budget for edits, nor the reverse.
 */
public final class RateLimits {

  static final Set<String> READS = Set.of("board.sync", "stream.sync", "workshop.get", "clock.get", "sequence.snapshot",
      "board.trash");

  private final RateLimiter writes;
  private final RateLimiter reads;

  public RateLimits(RateLimiter writes, RateLimiter reads) {
    this.writes = writes;
    this.reads = reads;
  }

  /** Takes one command of this type from the person's budget; false when it is spent. */
  public boolean tryAcquire(String person, String commandType) {
    return (READS.contains(commandType) ? reads : writes).tryAcquire(person);
  }
}
