package org.parvis.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

  private final AtomicLong now = new AtomicLong();
  private final RateLimiter limiter = new RateLimiter(10, 30, now::get);

  @Test
  void aBurstIsAllowedThenTheSenderWaitsForTheSteadyRate() {
    int allowed = 0;
    for (int i = 0; i < 50; i++) {
      allowed += limiter.tryAcquire("p1") ? 1 : 0;
    }
    assertThat(allowed).isEqualTo(30);

    now.addAndGet(500_000_000L);
    int afterHalfASecond = 0;
    for (int i = 0; i < 10; i++) {
      afterHalfASecond += limiter.tryAcquire("p1") ? 1 : 0;
    }
    assertThat(afterHalfASecond).isEqualTo(5);
  }

  @Test
  void oneSendersFloodDoesNotSlowAnother() {
    for (int i = 0; i < 100; i++) {
      limiter.tryAcquire("flooder");
    }
    assertThat(limiter.tryAcquire("calm")).isTrue();
  }
}
