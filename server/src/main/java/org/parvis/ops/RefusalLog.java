package org.parvis.ops;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Decides whether a refusal is worth a log line: at most one per client address per minute. The
 * others are only counted in the metrics, so a client cannot grow the log at will.
 */
public final class RefusalLog {

  private static final long INTERVAL_NANOS = 60_000_000_000L;
  private static final int MAX_CLIENTS = 10_000;

  private final LongSupplier nanoClock;
  private final Map<String, Long> lastLogged = new LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
      return size() > MAX_CLIENTS;
    }
  };

  public RefusalLog(LongSupplier nanoClock) {
    this.nanoClock = nanoClock;
  }

  public synchronized boolean shouldLog(String clientAddress) {
    long now = nanoClock.getAsLong();
    Long last = lastLogged.get(clientAddress);
    if (last != null && now - last < INTERVAL_NANOS) {
      return false;
    }
    lastLogged.put(clientAddress, now);
    return true;
  }
}
