package org.parvis.workshop;

import io.vertx.core.eventbus.EventBus;
import java.lang.System.Logger.Level;
import org.parvis.store.IdentityFeed;

/**
 * A node's end of the identity channel: the node-wide cache forgets first, then every bridge guard of
 * the node hears the change on {@link IdentityChange#ADDRESS} (and drops or closes its sockets), so a
 * socket closed for a revoked token never finds its identity cached when it comes back.
 */
public final class IdentityChanges implements IdentityFeed {

  private static final System.Logger LOG = System.getLogger(IdentityChanges.class.getName());

  private final WorkshopStore workshops;
  private final EventBus bus;

  public IdentityChanges(WorkshopStore workshops, EventBus bus) {
    this.workshops = workshops;
    this.bus = bus;
  }

  @Override
  public void changed(String text) {
    IdentityChange change;
    try {
      change = IdentityChange.decode(text);
    } catch (RuntimeException malformed) {
      LOG.log(Level.WARNING, "Ignoring a malformed identity change");
      return;
    }
    apply(change);
  }

  @Override
  public void mayHaveMissedChanges() {
    apply(IdentityChange.everything());
  }

  private void apply(IdentityChange change) {
    workshops.forget(change);
    bus.publish(IdentityChange.ADDRESS, change.encode());
  }
}
