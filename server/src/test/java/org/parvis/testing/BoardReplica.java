package org.parvis.testing;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.TreeMap;

/** What a client holds of a board: notes by id at a revision, built from a snapshot and events in order. */
public final class BoardReplica {

  private final Map<String, JsonObject> notes = new TreeMap<>();
  private long rev;

  public static BoardReplica fromSync(JsonObject syncAnswer) {
    BoardReplica replica = new BoardReplica();
    replica.applySync(syncAnswer);
    return replica;
  }

  public void applySync(JsonObject answer) {
    if (answer.containsKey("snapshot")) {
      notes.clear();
      JsonArray snapshot = answer.getJsonObject("snapshot").getJsonArray("notes");
      snapshot.forEach(note -> notes.put(((JsonObject) note).getString("id"), (JsonObject) note));
      rev = answer.getLong("rev");
    } else {
      answer.getJsonArray("events").forEach(event -> apply((JsonObject) event));
    }
  }

  /** Applies the next event; refuses a gap so a test notices one. */
  public void apply(JsonObject event) {
    long eventRev = event.getLong("rev");
    if (eventRev <= rev) {
      return;
    }
    if (eventRev != rev + 1) {
      throw new AssertionError("gap: at rev " + rev + ", got event " + event);
    }
    switch (event.getString("type")) {
      case "note.created" -> notes.put(event.getJsonObject("note").getString("id"), event.getJsonObject("note").copy());
      case "note.updated" -> {
        JsonObject note = notes.get(event.getString("noteId"));
        note.mergeIn(event.getJsonObject("fields"));
        note.put("updatedAt", event.getValue("at"));
      }
      case "note.deleted" -> notes.remove(event.getString("noteId"));
      default -> { }
    }
    rev = eventRev;
  }

  public long rev() {
    return rev;
  }

  /** The notes without timestamps, which a client may format as it likes. */
  public Map<String, JsonObject> notes() {
    Map<String, JsonObject> comparable = new TreeMap<>();
    notes.forEach((id, note) -> {
      JsonObject copy = note.copy();
      copy.remove("updatedAt");
      copy.remove("createdAt");
      copy.put("x", copy.getNumber("x").doubleValue()).put("y", copy.getNumber("y").doubleValue());
      comparable.put(id, copy);
    });
    return comparable;
  }
}
