package org.parvis.board;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import org.parvis.sync.CommandHandler;
import org.parvis.sync.RejectedException;
import org.parvis.sync.Rejection;
import org.parvis.sync.Verdict;
import org.parvis.workshop.Identity;

/** The board commands of the protocol: note.create, note.update, note.delete, board.lock, board.sync. */
public final class BoardCommands implements CommandHandler {

  /** Snapshots list notes oldest first, so every client stacks overlapping notes the same way. */
  private static final Comparator<JsonObject> OLDEST_FIRST = Comparator
      .comparingLong((JsonObject note) -> note.getLong("createdAt", 0L))
      .thenComparing(note -> note.getString("id"));

  public static final Set<String> TYPES = Set.of("note.create", "note.update", "note.delete", "board.lock", "board.sync");

  private final BoardStore store;
  private final LongSupplier clock;

  public BoardCommands(BoardStore store, LongSupplier clock) {
    this.store = store;
    this.clock = clock;
  }

  @Override
  public Future<JsonObject> handle(Identity sender, String type, JsonObject command) {
    Verdict<String> board = stringField(command, "board");
    if (!board.isAllowed()) {
      return refused(board.rejection());
    }
    String boardId = board.value();
    if (type.equals("board.sync")) {
      return guarded(BoardAccess.mayRead(sender, boardId)).compose(allowed -> sync(boardId, command));
    }
    Verdict<String> commandId = BoardRules.commandId(command.getValue("id") instanceof String id ? id : null);
    if (!commandId.isAllowed()) {
      return refused(commandId.rejection());
    }
    Verdict<String> access = type.equals("board.lock") ? BoardAccess.mayLock(sender, boardId) : BoardAccess.mayWrite(sender, boardId);
    return guarded(access)
        .compose(allowed -> store.layout(boardId))
        .compose(layout -> guarded(change(sender, type, command, layout, commandId.value())))
        .compose(store::apply)
        .compose(BoardCommands::acknowledgement);
  }

  private Verdict<BoardChange> change(Identity sender, String type, JsonObject command, BoardLayout layout, String commandId) {
    long now = clock.getAsLong();
    boolean mayWriteLocked = BoardAccess.mayWriteLocked(sender);
    String boardId = layout.boardId();
    return switch (type) {
      case "note.create" -> objectField(command, "note")
          .then(note -> BoardRules.noteId("note.id", note.getValue("id") instanceof String id ? id : null)
              .then(noteId -> fields(note)
                  .then(draft -> BoardRules.newNote(draft, layout))
                  .then(fields -> Verdict.allow(new BoardChange(BoardChange.Kind.CREATE, boardId, noteId,
                      new JsonObject(fields.asMap())
                          .put("author", sender.participantId())
                          .put("authorName", sender.displayName())
                          .encode(),
                      commandId, sender.participantId(), now, mayWriteLocked)))));
      case "note.update" -> noteId(command)
          .then(noteId -> objectField(command, "fields")
              .then(BoardCommands::fields)
              .then(patch -> BoardRules.patch(patch, layout))
              .then(fields -> Verdict.allow(new BoardChange(BoardChange.Kind.UPDATE, boardId, noteId,
                  new JsonObject(fields.asMap()).encode(), commandId, sender.participantId(), now, mayWriteLocked))));
      case "note.delete" -> noteId(command)
          .then(noteId -> Verdict.allow(new BoardChange(BoardChange.Kind.DELETE, boardId, noteId, "",
              commandId, sender.participantId(), now, mayWriteLocked)));
      case "board.lock" -> command.getValue("locked") instanceof Boolean locked
          ? Verdict.allow(new BoardChange(BoardChange.Kind.LOCK, boardId, null, locked.toString(),
              commandId, sender.participantId(), now, true))
          : Verdict.refuse(Rejection.invalidField("locked", "locked is true or false."));
      default -> Verdict.refuse("unknown_command", "Unknown command type: " + type + ".");
    };
  }

  private Future<JsonObject> sync(String boardId, JsonObject command) {
    Object since = command.getValue("since");
    if (since != null && !(since instanceof Number)) {
      return refused(Rejection.invalidField("since", "since is the last revision seen, a whole number."));
    }
    Long sinceRev = since == null ? null : ((Number) since).longValue();
    return store.layout(boardId).compose(layout -> store.read(boardId, sinceRev).map(catchUp -> {
      JsonObject answer = new JsonObject().put("rev", catchUp.rev());
      if (catchUp.isSnapshot()) {
        JsonArray notes = new JsonArray(catchUp.notes().stream()
            .map(JsonObject::new)
            .sorted(OLDEST_FIRST)
            .map(Object.class::cast)
            .toList());
        return answer.put("snapshot", new JsonObject()
            .put("board", BoardStore.boardJson(layout, catchUp.locked()))
            .put("notes", notes));
      }
      JsonArray events = new JsonArray();
      catchUp.events().forEach(event -> events.add(new JsonObject(event)));
      return answer.put("events", events);
    }));
  }

  private static Future<JsonObject> acknowledgement(BoardStore.Outcome outcome) {
    return switch (outcome.status()) {
      case "ok" -> Future.succeededFuture(new JsonObject().put("rev", outcome.rev()));
      case "duplicate" -> Future.succeededFuture(new JsonObject().put("rev", outcome.rev()).put("duplicate", true));
      default -> refused(Rejection.of(outcome.status(), REFUSALS.getOrDefault(outcome.status(), "Refused.")));
    };
  }

  private static final Map<String, String> REFUSALS = Map.of(
      "unknown_board", "No such board.",
      "unknown_note", "This note does not exist any more: it may have been deleted.",
      "note_exists", "A note with this id is already on the board.",
      "board_locked", "The animator has locked this board.",
      "too_many_notes", "This board is full (" + BoardRules.MAX_NOTES_PER_BOARD + " notes).");

  private static Verdict<NoteFields> fields(JsonObject source) {
    Object text = source.getValue("text");
    Object color = source.getValue("color");
    Object zone = source.getValue("zone");
    Object x = source.getValue("x");
    Object y = source.getValue("y");
    if (text != null && !(text instanceof String)) {
      return Verdict.refuse(Rejection.invalidField("text", "text is a string."));
    }
    if (color != null && !(color instanceof String)) {
      return Verdict.refuse(Rejection.invalidField("color", "color is a colour name."));
    }
    if (zone != null && !(zone instanceof String)) {
      return Verdict.refuse(Rejection.invalidField("zone", "zone is a zone id."));
    }
    if (x != null && !(x instanceof Number)) {
      return Verdict.refuse(Rejection.invalidField("x", "x is a number."));
    }
    if (y != null && !(y instanceof Number)) {
      return Verdict.refuse(Rejection.invalidField("y", "y is a number."));
    }
    return Verdict.allow(new NoteFields((String) text, (String) color, (String) zone,
        x == null ? null : ((Number) x).doubleValue(), y == null ? null : ((Number) y).doubleValue()));
  }

  private static Verdict<String> noteId(JsonObject command) {
    return BoardRules.noteId("noteId", command.getValue("noteId") instanceof String id ? id : null);
  }

  private static Verdict<String> stringField(JsonObject command, String name) {
    return command.getValue(name) instanceof String value && !value.isEmpty()
        ? Verdict.allow(value)
        : Verdict.refuse(Rejection.invalidField(name, name + " is missing."));
  }

  private static Verdict<JsonObject> objectField(JsonObject command, String name) {
    return command.getValue(name) instanceof JsonObject value
        ? Verdict.allow(value)
        : Verdict.refuse(Rejection.invalidField(name, name + " must be an object."));
  }

  private static <T> Future<T> guarded(Verdict<T> verdict) {
    return verdict.isAllowed() ? Future.succeededFuture(verdict.value()) : refused(verdict.rejection());
  }

  private static <T> Future<T> refused(Rejection rejection) {
    return Future.failedFuture(new RejectedException(rejection));
  }
}
