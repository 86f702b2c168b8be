package org.parvis.store;

/** Where a node's subscription hands the messages of {@link EventChannel#IDENTITIES}. */
public interface IdentityFeed {

  /** One message of the channel, as published. */
  void changed(String text);

  /** The subscription was away: changes published meanwhile were missed. */
  void mayHaveMissedChanges();
}
