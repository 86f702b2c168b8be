package org.parvis.ops;

/**
 * Whether this node should be given new clients. A draining node (shutting down) still answers
 * liveness but not readiness, so a proxy or orchestrator stops sending people to it.
 */
public final class NodeState {

  private volatile boolean draining;

  public void drain() {
    draining = true;
  }

  public boolean isReady() {
    return !draining;
  }
}
