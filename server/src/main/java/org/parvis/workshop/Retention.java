package org.parvis.workshop;

import java.time.Duration;
import java.util.Optional;

/**
 * How long a workshop is kept after its last activity ({@code PARVIS_RETENTION_DAYS}; none when 0),
 * and from when its animators are warned that it will go.
 */
public record Retention(Optional<Duration> keep, Duration warnBefore) {

  public static final Duration WARN_BEFORE = Duration.ofDays(7);

  public static Retention days(int days) {
    return new Retention(days <= 0 ? Optional.empty() : Optional.of(Duration.ofDays(days)), WARN_BEFORE);
  }

  /** When a workshop last active at that time (ms) is deleted; empty when workshops are kept for good. */
  public Optional<Long> deletesAt(long lastActivityMillis) {
    return keep.map(kept -> lastActivityMillis + kept.toMillis());
  }

  /** From when its animators see the warning: the shorter of a week and the retention itself before it goes. */
  public Optional<Long> warnFrom(long lastActivityMillis) {
    return keep.map(kept -> lastActivityMillis + kept.toMillis() - Math.min(warnBefore.toMillis(), kept.toMillis()));
  }

  public boolean isExpired(long lastActivityMillis, long nowMillis) {
    return deletesAt(lastActivityMillis).map(deadline -> nowMillis >= deadline).orElse(false);
  }
}
