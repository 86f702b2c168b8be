package org.parvis.testing;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;

/** Builders for the protocol's commands (version 2), with fresh command ids. */
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

  public static JsonObject lock(String board, boolean locked) {
    return new JsonObject().put("type", "board.lock").put("id", freshId()).put("board", board).put("locked", locked);
  }

  public static JsonObject configure(String board, String mode, boolean anyoneEdits) {
    return new JsonObject().put("type", "board.configure").put("id", freshId()).put("board", board).put("mode", mode)
        .put("anyoneEdits", anyoneEdits);
  }

  public static JsonObject reveal(String board, boolean anonymous) {
    return new JsonObject().put("type", "board.reveal").put("id", freshId()).put("board", board).put("anonymous", anonymous);
  }

  public static JsonObject hideNote(String board, String noteId) {
    return new JsonObject().put("type", "note.hide").put("id", freshId()).put("board", board).put("noteId", noteId);
  }

  public static JsonObject restoreNote(String board, String noteId) {
    return new JsonObject().put("type", "note.restore").put("id", freshId()).put("board", board).put("noteId", noteId);
  }

  public static JsonObject mergeNotes(String board, String noteId, String otherId) {
    return new JsonObject().put("type", "note.merge").put("id", freshId()).put("board", board).put("noteId", noteId)
        .put("otherId", otherId);
  }

  public static JsonObject trash(String board) {
    return new JsonObject().put("type", "board.trash").put("board", board);
  }

  public static JsonObject showOnPlenary(List<String> boards) {
    return new JsonObject().put("type", "plenary.show").put("id", freshId()).put("boards", new JsonArray(boards));
  }

  /** A vote on every note of one board. */
  public static JsonObject openVote(String voteId, String board, int budget) {
    return new JsonObject().put("type", "vote.open").put("id", freshId()).put("vote", voteId).put("title", "Actions")
        .put("board", board).put("notes", new JsonArray()).put("budget", budget);
  }

  public static JsonObject castDot(String voteId, String board, String noteId) {
    return new JsonObject().put("type", "vote.cast").put("id", freshId()).put("vote", voteId).put("board", board)
        .put("noteId", noteId);
  }

  public static JsonObject retractDot(String voteId, String board, String noteId) {
    return castDot(voteId, board, noteId).put("type", "vote.retract");
  }

  public static JsonObject closeVote(String voteId) {
    return new JsonObject().put("type", "vote.close").put("id", freshId()).put("vote", voteId);
  }

  /** A stream.sync without a revision: the board stream's snapshot. */
  public static JsonObject boardSnapshot(String board) {
    return sync("board:" + board);
  }

  public static JsonObject sync(String stream) {
    return new JsonObject().put("type", "stream.sync").put("stream", stream);
  }

  public static JsonObject sync(String stream, long since, String h) {
    return sync(stream).put("since", since).put("h", h);
  }

  public static String boardAddress(String board) {
    return "parvis.board." + board;
  }

  public static String workshopAddress(String workshopId) {
    return "parvis.workshop." + workshopId;
  }
}
