package org.parvis.sync;

/** A steady rate with room for a burst: {@link #tryTake} spends one token, refilled at {@code perSecond}. */
public final class TokenBucket {

  private final double perSecond;
  private final int burst;
  private double tokens;
  private long refilledAt;

  public TokenBucket(double perSecond, int burst, long nowNanos) {
    this.perSecond = perSecond;
    this.burst = burst;
    this.tokens = burst;
    this.refilledAt = nowNanos;
  }

  public synchronized boolean tryTake(long nowNanos) {
    double elapsedSeconds = (nowNanos - refilledAt) / 1e9;
    tokens = Math.min(burst, tokens + elapsedSeconds * perSecond);
    refilledAt = nowNanos;
    if (tokens < 1) {
      return false;
    }
    tokens -= 1;
    return true;
  }
}
