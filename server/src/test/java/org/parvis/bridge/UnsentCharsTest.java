package org.parvis.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import org.junit.jupiter.api.Test;

class UnsentCharsTest {

  private final UnsentChars unsent = new UnsentChars();

  @Test
  void aWriteThatWouldGoPastTheLimitIsRefusedAndCountsForNothing() {
    assertThat(unsent.tryAdd(600, 1_000)).isTrue();
    assertThat(unsent.tryAdd(500, 1_000)).isFalse();
    assertThat(unsent.chars()).isEqualTo(600);
    assertThat(unsent.tryAdd(400, 1_000)).isTrue();
  }

  @Test
  void eachCompletedWriteTakesOffTheOldestAcrossManyWritesInFlight() {
    for (int i = 1; i <= 20; i++) {
      assertThat(unsent.tryAdd(i, 1_000)).isTrue();
    }
    assertThat(unsent.chars()).isEqualTo(210);
    unsent.handle(Future.succeededFuture());
    unsent.handle(Future.failedFuture("socket closed"));
    assertThat(unsent.chars()).isEqualTo(210 - 1 - 2);
    for (int i = 0; i < 18; i++) {
      unsent.handle(Future.succeededFuture());
    }
    assertThat(unsent.chars()).isZero();
    unsent.handle(Future.succeededFuture());
    assertThat(unsent.chars()).isZero();
  }

  @Test
  void theRingKeepsTheOrderWhenItGrowsAfterWrapping() {
    for (int i = 0; i < 6; i++) {
      unsent.tryAdd(1, 1_000);
    }
    for (int i = 0; i < 5; i++) {
      unsent.handle(Future.succeededFuture());
    }
    for (int length = 10; length <= 100; length += 10) {
      unsent.tryAdd(length, 10_000);
    }
    unsent.handle(Future.succeededFuture());
    assertThat(unsent.chars()).isEqualTo(550);
    unsent.handle(Future.succeededFuture());
    assertThat(unsent.chars()).isEqualTo(540);
  }
}
