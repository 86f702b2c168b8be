package org.parvis.store;

/** The one Redis pub/sub channel every node listens to; each message is an event JSON naming its board or workshop. */
public final class EventChannel {

  public static final String NAME = "parvis:events";

  private EventChannel() {}
}
