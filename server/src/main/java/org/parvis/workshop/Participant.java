package org.parvis.workshop;

import io.vertx.core.json.JsonObject;

/**
 * Someone who joined with the code. {@code boardId} is the sub-group board they picked, or the one
 * the lead animator moved them to; {@code done}: they said "j'ai fini".
 */
public record Participant(String id, String name, Category category, String boardId, boolean done) {

  public Participant(String id, String name, Category category, String boardId) {
    this(id, name, category, boardId, false);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("id", id).put("name", name).put("category", category.wireName()).put("board", boardId);
    return done ? json.put("done", true) : json;
  }

  public static Participant fromJson(JsonObject json) {
    return new Participant(json.getString("id"), json.getString("name"),
        Category.fromWire(json.getString("category")).orElse(Category.AUTRE), json.getString("board"),
        json.getBoolean("done", false));
  }
}
