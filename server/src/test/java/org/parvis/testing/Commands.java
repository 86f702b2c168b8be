package org.parvis.testing;

import io.vertx.core.json.JsonObject;
import java.util.UUID;

/** Builders for the protocol's commands, with fresh command ids. */
public final class Commands {

  private Commands() {}

  public static String freshId() {
    return UUID.randomUUID().toString().replace("-", "");
  }

  public static JsonObject createNote(String board, String noteId, String text) {
    return new JsonObject().put("type", "note.create").put("id", freshId()).put("board", board)
        .put("note", new JsonObject().put("id", noteId).put("text", text).put("color", "yellow")
            .put("zone", "z1").put("x", 10).put("y", 20));
  }

  public static JsonObject updateNote(String board, String noteId, JsonObject fields) {
    return new JsonObject().put("type", "note.update").put("id", freshId()).put("board", board)
        .put("noteId", noteId).put("fields", fields);
  }

  public static JsonObject deleteNote(String board, String noteId) {
    return new JsonObject().put("type", "note.delete").put("id", freshId()).put("board", board).put("noteId", noteId);
  }

  public static JsonObject sync(String board, Long since) {
    JsonObject sync = new JsonObject().put("type", "board.sync").put("board", board);
    return since == null ? sync : sync.put("since", since);
  }
}
