package org.parvis.setup;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ShortLivedCacheTest {

  private final AtomicLong now = new AtomicLong();
  private final ShortLivedCache<String, String> cache = new ShortLivedCache<>(1_000_000_000L, now::get);
  private final AtomicInteger reads = new AtomicInteger();

  private Future<String> read(String value) {
    reads.incrementAndGet();
    return Future.succeededFuture(value);
  }

  @Test
  void everyoneAskingWhileTheValueIsReadWaitsForThatOneRead() {
    Promise<String> slow = Promise.promise();
    Future<String> first = cache.get("ABC234", () -> {
      reads.incrementAndGet();
      return slow.future();
    });
    Future<String> second = cache.get("ABC234", () -> read("other"));
    Future<String> third = cache.get("ABC234", () -> read("other"));

    assertThat(reads).hasValue(1);
    slow.complete("workshop w1");
    assertThat(first.result()).isEqualTo("workshop w1");
    assertThat(second.result()).isEqualTo("workshop w1");
    assertThat(third.result()).isEqualTo("workshop w1");
  }

  @Test
  void aValueServesForItsWindowThenIsReadAgain() {
    cache.get("ABC234", () -> read("w1"));
    now.addAndGet(900_000_000L);
    assertThat(cache.get("ABC234", () -> read("w2")).result()).isEqualTo("w1");
    now.addAndGet(200_000_000L);
    assertThat(cache.get("ABC234", () -> read("w2")).result()).isEqualTo("w2");
    assertThat(reads).hasValue(2);
  }

  @Test
  void aFailedReadIsNotKeptAndAForgottenKeyIsReadAgain() {
    assertThat(cache.get("ABC234", () -> Future.failedFuture("storage down")).failed()).isTrue();
    assertThat(cache.get("ABC234", () -> read("w1")).result()).isEqualTo("w1");
    cache.forget("ABC234");
    assertThat(cache.get("ABC234", () -> read("w2")).result()).isEqualTo("w2");
  }

  @Test
  void keysAreKeptApart() {
    cache.get("ABC234", () -> read("w1"));
    assertThat(cache.get("XYZ789", () -> read("w2")).result()).isEqualTo("w2");
  }
}
