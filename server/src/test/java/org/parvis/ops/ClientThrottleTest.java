package org.parvis.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ClientThrottleTest {

  private final AtomicLong now = new AtomicLong();
  private final ClientThrottle throttle = new ClientThrottle(3, 60, now::get);

  @Test
  void aClientOverItsLimitIsToldHowLongToWaitAndOthersAreNotAffected() {
    for (int request = 0; request < 3; request++) {
      assertThat(throttle.secondsToWait("203.0.113.1")).isZero();
    }
    now.addAndGet(20_000_000_000L);
    assertThat(throttle.secondsToWait("203.0.113.1")).isEqualTo(40);
    assertThat(throttle.secondsToWait("203.0.113.2")).isZero();
  }

  @Test
  void theNextWindowLetsTheClientInAgain() {
    for (int request = 0; request < 4; request++) {
      throttle.secondsToWait("203.0.113.1");
    }
    now.addAndGet(60_000_000_000L);
    assertThat(throttle.secondsToWait("203.0.113.1")).isZero();
  }
}
