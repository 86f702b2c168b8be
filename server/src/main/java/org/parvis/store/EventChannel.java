package org.parvis.store;

/** The one Redis pub/sub channel every node listens to; each message is {@code <stream id>\n<audience>\n<event>\n<shadow>}. */
public final class EventChannel {

  public static final String NAME = "parvis:events";

  private EventChannel() {}
}
