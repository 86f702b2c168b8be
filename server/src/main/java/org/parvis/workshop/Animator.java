package org.parvis.workshop;

import io.vertx.core.json.JsonObject;

/** An animator invited by the lead animator; {@code boardId} is the sub-group it animates, or null. */
public record Animator(String id, String name, String boardId) {

  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("name", name).put("board", boardId);
  }
}
