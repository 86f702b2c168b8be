package org.parvis.store;

/** The Redis pub/sub channels every node listens to. Events: each message is {@code <stream id>\n<audience>\n<event>\n<shadow>}. */
public final class EventChannel {

  public static final String NAME = "parvis:events";
  /** Identities every node must forget (revoked tokens, changed groups): an {@code IdentityChange} as JSON. */
  public static final String IDENTITIES = "parvis:identities";

  private EventChannel() {}
}
