package org.parvis.ops;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * At most N requests per client address in each window (a minute, an hour) at one door. A refused
 * client is told how many seconds remain until the next window, for a Retry-After header.
 */
public final class ClientThrottle {

  private static final int MAX_TRACKED_CLIENTS = 100_000;

  private final int perWindow;
  private final long windowNanos;
  private final LongSupplier nanoClock;
  private final Map<String, Window> windows = new ConcurrentHashMap<>();

  public ClientThrottle(int perWindow, long windowSeconds, LongSupplier nanoClock) {
    this.perWindow = perWindow;
    this.windowNanos = windowSeconds * 1_000_000_000L;
    this.nanoClock = nanoClock;
  }

  /** 0 when the request may go through (and is counted); else the whole seconds to wait. */
  public long secondsToWait(String client) {
    if (windows.size() > MAX_TRACKED_CLIENTS) {
      windows.clear();
    }
    long now = nanoClock.getAsLong();
    Window window = windows.computeIfAbsent(client, key -> new Window(now));
    synchronized (window) {
      if (now - window.startedAt >= windowNanos) {
        window.startedAt = now;
        window.count = 0;
      }
      if (window.count < perWindow) {
        window.count++;
        return 0;
      }
      long remaining = window.startedAt + windowNanos - now;
      return Math.max(1, (remaining + 999_999_999L) / 1_000_000_000L);
    }
  }

  private static final class Window {
    long startedAt;
    int count;

    Window(long startedAt) {
      this.startedAt = startedAt;
    }
  }
}
