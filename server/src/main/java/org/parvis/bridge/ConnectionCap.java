package org.parvis.bridge;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most N open bridge sockets (WebSocket or HTTP fallback sessions) per client address, so one
 * client cannot hold sockets until the process runs out of file descriptors.
 */
final class ConnectionCap {

  private final int maxPerClient;
  private final Map<String, Integer> openByClient = new ConcurrentHashMap<>();

  ConnectionCap(int maxPerClient) {
    this.maxPerClient = maxPerClient;
  }

  /** True, and counted until {@link #release}, when the client has room for one more. */
  boolean admit(String client) {
    boolean[] admitted = {false};
    openByClient.compute(client, (key, open) -> {
      int now = open == null ? 0 : open;
      admitted[0] = now < maxPerClient;
      return admitted[0] ? now + 1 : open;
    });
    return admitted[0];
  }

  /** Bridge sockets open on this node, all addresses together. */
  int open() {
    return openByClient.values().stream().mapToInt(Integer::intValue).sum();
  }

  void release(String client) {
    openByClient.computeIfPresent(client, (key, open) -> open <= 1 ? null : open - 1);
  }
}
