package org.parvis.board;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.parvis.protocol.Command;
import org.parvis.protocol.Event;
import org.parvis.protocol.Protocol;
import org.parvis.stream.StreamId;
import org.parvis.stream.StreamStore;
import org.parvis.stream.StreamStore.ApplyRequest;
import org.parvis.sync.CommandHandlers;
import org.parvis.sync.RejectedException;
import org.parvis.sync.Verdict;
import org.parvis.workshop.Identity;

/**
 * The board commands: note.create, note.update, note.delete on the board's stream, and board.lock
 * on the workshop's. Each is checked here (who, which fields) and decided in Redis by its apply
 * function (lock, existence, room on the board).
 */
public final class BoardCommands {

  private static final Map<String, String> REFUSALS = Map.of(
      "unknown_board", "No such board.",
      "unknown_note", "This note does not exist any more: it may have been deleted.",
      "note_exists", "A note with this id is already on the board.",
      "board_locked", "The animator has locked this board.",
      "input_frozen", "Time is up: the animator will reopen the board.",
      "too_many_notes", "This board is full (" + BoardRules.MAX_NOTES_PER_BOARD + " notes).",
      "unknown_participant", "No such participant in this workshop.");

  private final BoardStore boards;
  private final StreamStore streams;
  private final LongSupplier clock;

  public BoardCommands(BoardStore boards, StreamStore streams, LongSupplier clock) {
    this.boards = boards;
    this.streams = streams;
    this.clock = clock;
  }

  public void register(CommandHandlers handlers) {
    handlers.on(Command.NoteCreate.class, this::create)
        .on(Command.NoteUpdate.class, this::update)
        .on(Command.NoteDelete.class, this::delete)
        .on(Command.BoardLock.class, this::lock);
  }

  private Future<JsonObject> create(Identity sender, Command.NoteCreate command) {
    return change(sender, command, command.board(), BoardAccess::mayWrite, layout -> BoardRules.noteId("note.id", command.note().id())
        .then(noteId -> Attribution.of(sender, command.speaker())
        .then(by -> BoardRules.newNote(command.note().fields(), layout)
            .then(fields -> Verdict.allow(request(sender, command, StreamId.board(layout.boardId()),
                new Event.NoteCreated(new Event.Note(noteId, fields.text(), fields.color(), fields.zone(), fields.x(),
                    fields.y(), by.author(), by.authorName(), null, null, null, by.authorCategory(), by.scribe(),
                    by.scribeName())),
                createRules(sender, layout, by)))))));
  }

  private Future<JsonObject> update(Identity sender, Command.NoteUpdate command) {
    return change(sender, command, command.board(), BoardAccess::mayWrite, layout -> BoardRules.noteId("noteId", command.noteId())
        .then(noteId -> BoardRules.patch(command.fields(), layout)
            .then(fields -> Verdict.allow(request(sender, command, StreamId.board(layout.boardId()),
                new Event.NoteUpdated(noteId, fields), noteRules(sender, layout))))));
  }

  private Future<JsonObject> delete(Identity sender, Command.NoteDelete command) {
    return change(sender, command, command.board(), BoardAccess::mayWrite, layout -> BoardRules.noteId("noteId", command.noteId())
        .then(noteId -> Verdict.allow(request(sender, command, StreamId.board(layout.boardId()),
            new Event.NoteDeleted(noteId), noteRules(sender, layout)))));
  }

  private Future<JsonObject> lock(Identity sender, Command.BoardLock command) {
    return change(sender, command, command.board(), BoardAccess::mayLock, layout -> Verdict.allow(request(sender, command,
        StreamId.workshop(layout.workshopId()), new Event.BoardLocked(layout.boardId(), command.locked()), Map.of())));
  }

  /** The checks every board change shares, then the change the command makes, applied by its stream. */
  private Future<JsonObject> change(Identity sender, Command.Change command, String boardId,
      BiFunction<Identity, String, Verdict<String>> access, Function<BoardLayout, Verdict<ApplyRequest>> change) {
    Verdict<String> checked = command.checked().then(complete -> access.apply(sender, boardId));
    return guarded(checked)
        .compose(allowed -> boards.layout(boardId))
        .compose(layout -> guarded(change.apply(layout)))
        .compose(request -> streams.submit(request, REFUSALS));
  }

  private ApplyRequest request(Identity sender, Command.Change command, StreamId stream, Event body, Map<String, Object> rules) {
    return new ApplyRequest(stream, typeOf(command), command.id(), sender.participantId(), clock.getAsLong(), body, rules);
  }

  /** {@code speaker}: the roster participant whose stored name and category the note takes. */
  private static Map<String, Object> createRules(Identity sender, BoardLayout layout, Attribution by) {
    Map<String, Object> rules = new HashMap<>(Map.of("board", layout.boardId(),
        "maxNotes", BoardRules.MAX_NOTES_PER_BOARD, "mayWriteLocked", BoardAccess.mayWriteLocked(sender)));
    if (by.speakerId() != null) {
      rules.put("speaker", by.speakerId());
    }
    return rules;
  }

  private static Map<String, Object> noteRules(Identity sender, BoardLayout layout) {
    return Map.of("board", layout.boardId(), "mayWriteLocked", BoardAccess.mayWriteLocked(sender));
  }

  private static String typeOf(Command command) {
    return Protocol.typeName(command.getClass());
  }

  private static <T> Future<T> guarded(Verdict<T> verdict) {
    return verdict.isAllowed() ? Future.succeededFuture(verdict.value()) : Future.failedFuture(new RejectedException(verdict.rejection()));
  }
}
