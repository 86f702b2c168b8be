package org.parvis.workshop;

import io.vertx.core.json.JsonObject;

/** Someone who joined with the code. {@code boardId} is the sub-group board they picked. */
public record Participant(String id, String name, Category category, String boardId) {

  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("name", name).put("category", category.wireName()).put("board", boardId);
  }

  public static Participant fromJson(JsonObject json) {
    return new Participant(json.getString("id"), json.getString("name"),
        Category.fromWire(json.getString("category")).orElse(Category.AUTRE), json.getString("board"));
  }
}
