package org.parvis.ops;

import io.vertx.core.MultiMap;
import io.vertx.core.net.SocketAddress;

/**
 * The address a request comes from. Behind a reverse proxy every request comes from the proxy, so
 * with PARVIS_TRUST_PROXY the last address of X-Forwarded-For (the one the proxy itself saw) is
 * taken; without it the header is ignored, since any client could write it.
 */
public final class ClientAddress {

  private ClientAddress() {}

  public static String of(SocketAddress peer, MultiMap headers, boolean trustProxy) {
    if (trustProxy) {
      String forwarded = headers.get("X-Forwarded-For");
      if (forwarded != null && !forwarded.isBlank()) {
        String[] hops = forwarded.split(",");
        return hops[hops.length - 1].trim();
      }
    }
    return peer == null || peer.hostAddress() == null ? "unknown" : peer.hostAddress();
  }
}
