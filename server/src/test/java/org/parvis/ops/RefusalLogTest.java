package org.parvis.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RefusalLogTest {

  @Test
  void aClientGetsOneLogLinePerMinuteHoweverOftenItIsRefused() {
    AtomicLong now = new AtomicLong();
    RefusalLog log = new RefusalLog(now::get);
    assertThat(log.shouldLog("203.0.113.1")).isTrue();
    assertThat(log.shouldLog("203.0.113.1")).isFalse();
    assertThat(log.shouldLog("203.0.113.2")).isTrue();
    now.addAndGet(59_000_000_000L);
    assertThat(log.shouldLog("203.0.113.1")).isFalse();
    now.addAndGet(1_000_000_000L);
    assertThat(log.shouldLog("203.0.113.1")).isTrue();
  }
}
