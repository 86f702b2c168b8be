package org.parvis.testing;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a client following the contract holds of one stream: its state at a revision, the chain
 * hash there and the last hashes it saw, built from a snapshot and events in order. A board's notes
 * keep the order they come in (stream order); the workshop keeps its plenary and its boards' locks.
 */
public final class StreamReplica {

  private static final int REMEMBERED_HASHES = 64;

  private final String stream;
  private final Map<String, JsonObject> notes = new LinkedHashMap<>();
  private final Map<String, Boolean> locks = new TreeMap<>();
  private JsonArray plenary = new JsonArray();
  private final TreeMap<Long, String> hashes = new TreeMap<>();
  private long rev;
  private String h;
  private boolean diverged;

  public StreamReplica(String stream) {
    this.stream = stream;
  }

  public static StreamReplica fromSync(JsonObject syncAnswer) {
    StreamReplica replica = new StreamReplica(syncAnswer.getString("stream"));
    replica.applySync(syncAnswer);
    return replica;
  }

  /** The stream.sync this client sends: from its revision and hash once it has some. */
  public JsonObject syncCommand() {
    return h == null ? Commands.sync(stream) : Commands.sync(stream, rev, h);
  }

  public void applySync(JsonObject answer) {
    if (!answer.getBoolean("ok", false)) {
      throw new AssertionError("sync refused: " + answer);
    }
    if (answer.containsKey("snapshot")) {
      JsonObject snapshot = answer.getJsonObject("snapshot");
      notes.clear();
      if (snapshot.containsKey("notes")) {
        snapshot.getJsonArray("notes").forEach(note -> notes.put(((JsonObject) note).getString("id"), ((JsonObject) note).copy()));
      }
      if (snapshot.containsKey("workshop")) {
        JsonObject workshop = snapshot.getJsonObject("workshop");
        plenary = workshop.getJsonObject("plenary").getJsonArray("boards").copy();
        locks.clear();
        workshop.getJsonArray("boards").forEach(board -> locks.put(((JsonObject) board).getString("id"), ((JsonObject) board).getBoolean("locked")));
      }
      rev = answer.getLong("rev");
      h = answer.getString("h");
      hashes.clear();
      remember(rev, h);
      diverged = false;
    } else {
      answer.getJsonArray("events").forEach(event -> apply((JsonObject) event));
    }
  }

  /**
   * Applies the next event. One already had is ignored, unless its hash differs from the one seen
   * at that revision: the history diverged, and only a fresh snapshot repairs it. A gap is refused
   * so a test notices one.
   */
  public void apply(JsonObject event) {
    long eventRev = event.getLong("rev");
    if (eventRev <= rev) {
      String seen = hashes.get(eventRev);
      if (seen != null && !seen.equals(event.getString("h"))) {
        diverged = true;
      }
      return;
    }
    if (firstRev(event) > rev + 1) {
      throw new AssertionError("gap: at rev " + rev + ", got event " + event);
    }
    switch (event.getString("type")) {
      case "note.created" -> notes.put(event.getJsonObject("note").getString("id"), event.getJsonObject("note").copy());
      case "note.updated" -> {
        JsonObject note = notes.get(event.getString("noteId"));
        note.mergeIn(event.getJsonObject("fields"));
        note.put("updatedAt", event.getValue("at"));
        if (event.containsKey("moderatedBy")) {
          note.put("moderatedBy", event.getString("moderatedBy"));
        }
      }
      case "note.deleted" -> notes.remove(event.getString("noteId"));
      case "notes.revealed" -> {
        notes.values().forEach(note -> note.remove("unrevealed"));
        event.getJsonArray("notes").forEach(note -> notes.put(((JsonObject) note).getString("id"), ((JsonObject) note).copy()));
      }
      case "note.hidden" -> notes.get(event.getString("noteId")).put("hiddenBy", event.getString("hiddenBy"));
      case "note.restored" -> notes.put(event.getJsonObject("note").getString("id"), event.getJsonObject("note").copy());
      case "notes.merged" -> {
        notes.get(event.getString("noteId")).put("text", event.getString("text")).put("moderatedBy", event.getString("moderatedBy"));
        notes.remove(event.getString("otherId"));
      }
      case "board.locked" -> locks.put(event.getString("board"), event.getBoolean("locked"));
      case "plenary.changed" -> plenary = event.getJsonObject("plenary").getJsonArray("boards").copy();
      default -> { }
    }
    rev = eventRev;
    h = event.getString("h");
    remember(rev, h);
  }

  /** The first revision an event accounts for: a merged shadow's {@code from}, else its own. */
  private static long firstRev(JsonObject event) {
    Long from = "hidden".equals(event.getString("type")) ? event.getLong("from") : null;
    return from == null ? event.getLong("rev") : from;
  }

  private void remember(long at, String hash) {
    hashes.put(at, hash);
    while (hashes.size() > REMEMBERED_HASHES) {
      hashes.pollFirstEntry();
    }
  }

  /**
   * Follows the stream on a connection as the contract says, until this replica is at
   * {@code untilRev}: events in order; a sync from its revision and hash on a gap, on
   * {@code stream.resync} or on a head that differs; a sync without revision once the history
   * diverged.
   */
  public void follow(BridgeClient client, String address, long untilRev) {
    follow(client, address, untilRev, null);
  }

  /** As {@link #follow(BridgeClient, String, long)}, until this replica also has the chain hash {@code untilH}. */
  public void follow(BridgeClient client, String address, long untilRev, String untilH) {
    long deadline = System.currentTimeMillis() + 20_000;
    while ((rev != untilRev || diverged || (untilH != null && !untilH.equals(h))) && System.currentTimeMillis() < deadline) {
      JsonObject event = client.nextOn(address, 500);
      if (diverged) {
        applySync(client.command(Commands.sync(stream)));
      }
      if (event == null) {
        continue;
      }
      boolean behind = switch (event.getString("type")) {
        case "stream.resync" -> true;
        case "stream.head" -> isBehind(event);
        default -> firstRev(event) > rev + 1;
      };
      if (behind) {
        applySync(client.command(syncCommand()));
      } else if (!event.getString("type").startsWith("stream.")) {
        apply(event);
      }
    }
    if (rev != untilRev || (untilH != null && !untilH.equals(h))) {
      throw new AssertionError("still at revision " + rev + " (" + h + ") of " + stream + ", not " + untilRev + " (" + untilH + ")");
    }
  }

  /** The chain hash this replica recorded at a revision, if it still remembers it. */
  public String hashAt(long at) {
    return hashes.get(at);
  }

  /** Whether an event told this client that its history is not the server's any more. */
  public boolean diverged() {
    return diverged;
  }

  /** Whether a stream.head says this client is behind or elsewhere. */
  public boolean isBehind(JsonObject head) {
    return head.getLong("rev") != rev || !head.getString("h").equals(h);
  }

  public long rev() {
    return rev;
  }

  public String h() {
    return h;
  }

  public String stream() {
    return stream;
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

  /** Note ids bottom to top: the order overlapping notes stack in. */
  public List<String> stackingOrder() {
    List<String> ids = new ArrayList<>(notes.keySet());
    ids.sort((a, b) -> Long.compare(notes.get(a).getLong("order"), notes.get(b).getLong("order")));
    return ids;
  }

  /** Note ids in the order this replica received them (a snapshot's order, then creations). */
  public List<String> receivedOrder() {
    return List.copyOf(notes.keySet());
  }

  public JsonArray plenary() {
    return plenary.copy();
  }

  public Map<String, Boolean> locks() {
    return Map.copyOf(locks);
  }
}
