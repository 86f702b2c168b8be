package org.parvis.sync;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/** A token bucket per sender: a steady rate with room for a burst, so a flood is refused and a person typing is not. */
public final class RateLimiter {

  private static final int MAX_TRACKED_SENDERS = 100_000;

  private final double perSecond;
  private final int burst;
  private final LongSupplier nanoClock;
  private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

  public RateLimiter(double perSecond, int burst, LongSupplier nanoClock) {
    this.perSecond = perSecond;
    this.burst = burst;
    this.nanoClock = nanoClock;
  }

  public boolean tryAcquire(String sender) {
    if (buckets.size() > MAX_TRACKED_SENDERS) {
      buckets.clear();
    }
    long now = nanoClock.getAsLong();
    return buckets.computeIfAbsent(sender, key -> new TokenBucket(perSecond, burst, now)).tryTake(now);
  }
}
