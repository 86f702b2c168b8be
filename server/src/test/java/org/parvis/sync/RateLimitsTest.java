package org.parvis.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimitsTest {

  private final AtomicLong now = new AtomicLong();
  private final RateLimits limits = new RateLimits(new RateLimiter(5, 20, now::get), new RateLimiter(10, 40, now::get));

  @Test
  void aSyncFloodLeavesTheWriteBudgetWhole() {
    while (limits.tryAcquire("p1", "board.sync")) {
      // spends the read budget
    }

    assertThat(limits.tryAcquire("p1", "stream.sync")).isFalse();
    assertThat(limits.tryAcquire("p1", "workshop.get")).isFalse();
    int writes = 0;
    while (limits.tryAcquire("p1", "note.create")) {
      writes++;
    }
    assertThat(writes).isEqualTo(20);
  }

  @Test
  void aWriteFloodLeavesTheReadBudgetWhole() {
    while (limits.tryAcquire("p1", "note.update")) {
      // spends the write budget
    }

    assertThat(limits.tryAcquire("p1", "board.lock")).isFalse();
    assertThat(limits.tryAcquire("p1", "board.sync")).isTrue();
  }

  @Test
  void anUnknownTypeCountsAsAWrite() {
    for (int i = 0; i < 20; i++) {
      limits.tryAcquire("p1", "no.such");
    }

    assertThat(limits.tryAcquire("p1", "note.create")).isFalse();
  }
}
