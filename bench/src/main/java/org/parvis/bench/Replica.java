package org.parvis.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * One client's copy of one board: the snapshot it synced, then the events applied in revision order.
 * It also records which revisions arrived live (pushed, not fetched by a resync), for the loss and
 * duplicate counts. Touched only on its client's event loop.
 */
final class Replica {

  static final class Note {
    final String id;
    String text;
    String color;
    String zone;
    double x;
    double y;
    int index;

    Note(String id) {
      this.id = id;
    }

    static Note of(JsonObject json) {
      Note note = new Note(json.getString("id"));
      note.set(json);
      return note;
    }

    void set(JsonObject fields) {
      for (Map.Entry<String, Object> field : fields) {
        Object v = field.getValue();
        switch (field.getKey()) {
          case "text" -> text = (String) v;
          case "color" -> color = (String) v;
          case "zone" -> zone = (String) v;
          case "x" -> x = ((Number) v).doubleValue();
          case "y" -> y = ((Number) v).doubleValue();
          default -> { }
        }
      }
    }

    String differenceFrom(Note other) {
      if (!Objects.equals(text, other.text)) {
        return "text";
      }
      if (!Objects.equals(color, other.color)) {
        return "color";
      }
      if (!Objects.equals(zone, other.zone)) {
        return "zone";
      }
      if (x != other.x || y != other.y) {
        return "x/y";
      }
      return null;
    }
  }

  final BoardInfo board;
  boolean synced;
  long syncRev = -1;
  long appliedRev;
  /** The chain hash at appliedRev, which a catch-up from appliedRev must name. */
  String appliedH;
  boolean locked;
  long anomalies;
  long gapSinceNanos;
  final BitSet seen = new BitSet();
  final TreeMap<Long, JsonObject> buffered = new TreeMap<>();
  final List<Object[]> early = new ArrayList<>();
  private final Map<String, Note> notes = new HashMap<>();
  private final List<Note> list = new ArrayList<>();

  Replica(BoardInfo board) {
    this.board = board;
  }

  int size() {
    return list.size();
  }

  /** A note whose id starts with {@code prefix} (its writer's own), from a random place on; null when there is none. */
  Note randomWithPrefix(SplittableRandom random, String prefix) {
    int size = list.size();
    int start = size == 0 ? 0 : random.nextInt(size);
    for (int i = 0; i < size; i++) {
      Note note = list.get((start + i) % size);
      if (note.id.startsWith(prefix)) {
        return note;
      }
    }
    return null;
  }

  /** Replaces the notes with a snapshot answer's ({"rev", "snapshot": {"board", "notes"}}). */
  void loadSnapshot(JsonObject answer) {
    long rev = answer.getLong("rev");
    JsonObject snapshot = answer.getJsonObject("snapshot");
    notes.clear();
    list.clear();
    JsonArray stored = snapshot.getJsonArray("notes");
    for (int i = 0; i < stored.size(); i++) {
      put(Note.of(stored.getJsonObject(i)));
    }
    JsonObject meta = snapshot.getJsonObject("board");
    locked = meta != null && meta.getBoolean("locked", false);
    appliedRev = rev;
    appliedH = answer.getString("h");
    buffered.headMap(rev, true).clear();
    drain();
  }

  /** Takes an event in revision order, buffering one that is ahead of a gap. True when it was out of order. */
  boolean offer(long rev, JsonObject event) {
    if (rev <= appliedRev) {
      return false;
    }
    if (rev == appliedRev + 1) {
      apply(event);
      appliedRev = rev;
      appliedH = event.getString("h");
      drain();
      return false;
    }
    if (buffered.isEmpty()) {
      gapSinceNanos = System.nanoTime();
    }
    buffered.put(rev, event);
    return true;
  }

  private void drain() {
    while (!buffered.isEmpty() && buffered.firstKey() <= appliedRev + 1) {
      Map.Entry<Long, JsonObject> next = buffered.pollFirstEntry();
      if (next.getKey() == appliedRev + 1) {
        apply(next.getValue());
        appliedRev = next.getKey();
        appliedH = next.getValue().getString("h");
      }
    }
    if (buffered.isEmpty()) {
      gapSinceNanos = 0;
    }
  }

  private void apply(JsonObject event) {
    String type = event.getString("type");
    switch (type) {
      case "note.created" -> {
        Note note = Note.of(event.getJsonObject("note"));
        if (notes.containsKey(note.id)) {
          anomalies++;
          remove(note.id);
        }
        put(note);
      }
      case "note.updated" -> {
        Note note = notes.get(event.getString("noteId"));
        if (note == null) {
          anomalies++;
        } else {
          note.set(event.getJsonObject("fields"));
        }
      }
      case "note.deleted" -> {
        if (remove(event.getString("noteId")) == null) {
          anomalies++;
        }
      }
      case "board.locked" -> locked = event.getBoolean("locked", false);
      default -> anomalies++;
    }
  }

  private void put(Note note) {
    note.index = list.size();
    list.add(note);
    notes.put(note.id, note);
  }

  private Note remove(String id) {
    Note note = notes.remove(id);
    if (note != null) {
      Note last = list.remove(list.size() - 1);
      if (last != note) {
        last.index = note.index;
        list.set(note.index, last);
      }
    }
    return note;
  }

  /** Records a live arrival; false when this revision had already arrived live (a duplicate). */
  boolean markSeen(long rev) {
    int index = (int) (rev - syncRev - 1);
    if (seen.get(index)) {
      return false;
    }
    seen.set(index);
    return true;
  }

  /** Revisions in (from, to] that this replica was due to receive live but did not. */
  long missing(long from, long to) {
    if (!synced) {
      return 0;
    }
    long lo = Math.max(from, syncRev);
    if (to <= lo) {
      return 0;
    }
    int a = (int) (lo - syncRev);
    int b = (int) (to - syncRev);
    return (b - a) - seen.get(a, b).cardinality();
  }

  /** Null when equal to the stored state, else a short description of the first differences. */
  String differenceFrom(long storedRev, Map<String, Note> stored) {
    List<String> problems = new ArrayList<>();
    if (appliedRev != storedRev) {
      problems.add("rev " + appliedRev + " vs stored " + storedRev);
    }
    int missing = 0;
    int extra = 0;
    int changed = 0;
    String example = null;
    for (Note note : stored.values()) {
      Note mine = notes.get(note.id);
      if (mine == null) {
        missing++;
        example = example == null ? "missing " + note.id : example;
      } else {
        String field = mine.differenceFrom(note);
        if (field != null) {
          changed++;
          example = example == null ? note.id + "." + field : example;
        }
      }
    }
    for (Note mine : list) {
      if (!stored.containsKey(mine.id)) {
        extra++;
        example = example == null ? "extra " + mine.id : example;
      }
    }
    if (missing + extra + changed > 0) {
      problems.add(missing + " missing, " + extra + " extra, " + changed + " different notes (e.g. " + example + ")");
    }
    return problems.isEmpty() ? null : String.join("; ", problems);
  }

  static Map<String, Note> notesOf(JsonObject snapshotAnswer) {
    Map<String, Note> out = new HashMap<>();
    JsonArray stored = snapshotAnswer.getJsonObject("snapshot").getJsonArray("notes");
    for (int i = 0; i < stored.size(); i++) {
      Note note = Note.of(stored.getJsonObject(i));
      out.put(note.id, note);
    }
    return out;
  }
}
