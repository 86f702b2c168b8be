package org.parvis.workshop;

import io.vertx.core.json.JsonObject;

/**
 * Who a token proves its holder to be. Built by the server only, from the token store, and passed
 * to command handlers in a header the bridge guard sets itself.
 */
public record Identity(String workshopId, Role role, String participantId, String displayName) {

  public static Identity animator(String workshopId) {
    return new Identity(workshopId, Role.ANIMATOR, "animator", "Animation");
  }

  public static Identity observer(String workshopId) {
    return new Identity(workshopId, Role.OBSERVER, "observer", "Observateur");
  }

  /** The observer link is shared by many screens: each one that opens it is its own person (rate limits). */
  public Identity onScreen(String screenId) {
    return role == Role.OBSERVER ? new Identity(workshopId, role, "observer-" + screenId, displayName) : this;
  }

  public boolean ownsBoard(String boardId) {
    return boardId.startsWith(workshopId + "-");
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("workshop", workshopId)
        .put("role", role.wireName())
        .put("participant", participantId)
        .put("name", displayName);
  }

  public static Identity fromJson(JsonObject json) {
    return new Identity(
        json.getString("workshop"),
        Role.valueOf(json.getString("role").toUpperCase()),
        json.getString("participant"),
        json.getString("name"));
  }
}
