package org.parvis.workshop;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What every node must forget about some identities, published on {@link org.parvis.store.EventChannel#IDENTITIES}:
 * the people {@code people} of a workshop (every one of its people when empty), or every identity a node holds
 * when {@code workshopId} is null (a node that may have missed changes). {@code revokedBecause} (one of
 * {@link #REMOVED}, {@link #LINK_REPLACED}, {@link #WORKSHOP_DELETED}, {@link #REVOKED}): their tokens are gone, so their sockets
 * are told why and closed; null (a person's group or role changed): only the cached identities are dropped and
 * the sockets closed quietly, so that they reconnect and prove their token again.
 */
public record IdentityChange(String workshopId, Set<String> people, String revokedBecause) {

  public static final String REMOVED = "removed";
  public static final String LINK_REPLACED = "link_replaced";
  public static final String WORKSHOP_DELETED = "workshop_deleted";
  /** Found dead after the node missed the change that said why. */
  public static final String REVOKED = "revoked";

  /** The local event-bus address every node's guards listen to, after the node-wide cache has forgotten. */
  public static final String ADDRESS = "parvis.identity.changed";

  public static IdentityChange revoked(String workshopId, Set<String> people, String because) {
    return new IdentityChange(workshopId, Set.copyOf(people), because);
  }

  public static IdentityChange workshopDeleted(String workshopId) {
    return new IdentityChange(workshopId, Set.of(), WORKSHOP_DELETED);
  }

  /** A person's stored identity was rewritten (e.g. moved to another group): its sockets prove it again. */
  public static IdentityChange changed(String workshopId, String person) {
    return new IdentityChange(workshopId, Set.of(person), null);
  }

  /** Forget every cached identity, revoke none: after a node's subscription was away. */
  public static IdentityChange everything() {
    return new IdentityChange(null, Set.of(), null);
  }

  public boolean revoked() {
    return revokedBecause != null;
  }

  /** Whether this change concerns that identity (the person it names, before any screen id). */
  public boolean concerns(Identity identity) {
    return workshopId == null
        || workshopId.equals(identity.workshopId()) && (people.isEmpty() || people.contains(identity.participantId()));
  }

  public String encode() {
    JsonObject json = new JsonObject().put("workshop", workshopId).put("people", new JsonArray(people.stream().sorted().toList()));
    return json.put("revoked", revokedBecause).encode();
  }

  public static IdentityChange decode(String text) {
    JsonObject json = new JsonObject(text);
    Set<String> people = json.getJsonArray("people", new JsonArray()).stream().map(Object::toString).collect(Collectors.toSet());
    return new IdentityChange(json.getString("workshop"), people, json.getString("revoked"));
  }
}
