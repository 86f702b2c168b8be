package org.parvis.cluster;

import static org.parvis.sync.RejectedException.guarded;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.LongSupplier;
import org.parvis.board.BoardAccess;
import org.parvis.board.BoardLayout;
import org.parvis.board.BoardRules;
import org.parvis.board.BoardStore;
import org.parvis.protocol.Command;
import org.parvis.protocol.Event;
import org.parvis.protocol.Protocol;
import org.parvis.store.LuaScript;
import org.parvis.stream.StreamId;
import org.parvis.stream.StreamStore;
import org.parvis.stream.StreamStore.ApplyRequest;
import org.parvis.sync.CommandHandlers;
import org.parvis.sync.Verdict;
import org.parvis.workshop.Identity;

/**
 * Clusters of notes on a board's stream: create, join, leave, rename, move, dissolve. Participants
 * and animators alike cluster any note everyone sees: sorting the wall is the group's work, and a
 * cluster changes where a note stands, never what it says or whose it is. A private or hidden note
 * cannot be clustered (nothing about it may reach those who do not see it), and a locked or frozen
 * board refuses participants as it does for notes.
 */
public final class ClusterCommands {

  public static final List<LuaScript.Part> APPLY_FUNCTIONS = List.of(new LuaScript.Part(ClusterCommands.class, "cluster.lua"));

  private static final Map<String, String> REFUSALS = Map.of(
      "unknown_cluster", "No such cluster on this board: it may have been dissolved.",
      "cluster_exists", "A cluster with this id is already on the board.",
      "too_many_clusters", "This board has " + ClusterRules.MAX_CLUSTERS_PER_BOARD + " clusters already.",
      "not_in_cluster", "This note is in no cluster.",
      "unknown_note", "This note is not on the board (any more).",
      "note_not_public", "Only a note everyone sees can be clustered: reveal or restore it first.",
      "board_locked", "The animator has locked this board.",
      "input_frozen", "Time is up: the animator will reopen the board.");

  private final BoardStore boards;
  private final StreamStore streams;
  private final LongSupplier clock;

  public ClusterCommands(BoardStore boards, StreamStore streams, LongSupplier clock) {
    this.boards = boards;
    this.streams = streams;
    this.clock = clock;
  }

  public void register(CommandHandlers handlers) {
    handlers.on(Command.ClusterCreate.class, this::create)
        .on(Command.ClusterJoin.class, this::join)
        .on(Command.ClusterLeave.class, this::leave)
        .on(Command.ClusterRename.class, this::rename)
        .on(Command.ClusterMove.class, this::move)
        .on(Command.ClusterDissolve.class, this::dissolve);
  }

  private Future<JsonObject> create(Identity sender, Command.ClusterCreate command) {
    return change(sender, command, command.board(), () -> ClusterRules.clusterId(command.cluster())
        .then(id -> ClusterRules.title(command.title())
        .then(title -> ClusterRules.notes(command.notes())
        .then(notes -> ClusterRules.position(command.x(), command.y())
        .then(placed -> Verdict.allow(new Event.ClusterCreated(
            new Event.Cluster(id, title, command.x(), command.y(), notes, null))))))));
  }

  private Future<JsonObject> join(Identity sender, Command.ClusterJoin command) {
    return change(sender, command, command.board(), () -> ClusterRules.clusterId(command.cluster())
        .then(id -> BoardRules.noteId("noteId", command.noteId())
        .then(noteId -> ClusterRules.position(command.x(), command.y())
        .then(placed -> Verdict.allow(new Event.ClusterJoined(id, noteId, command.x(), command.y()))))));
  }

  private Future<JsonObject> leave(Identity sender, Command.ClusterLeave command) {
    return change(sender, command, command.board(), () -> BoardRules.noteId("noteId", command.noteId())
        .then(noteId -> ClusterRules.position(command.x(), command.y())
        .then(placed -> Verdict.allow(new Event.ClusterLeft(null, noteId, command.x(), command.y())))));
  }

  private Future<JsonObject> rename(Identity sender, Command.ClusterRename command) {
    return change(sender, command, command.board(), () -> ClusterRules.clusterId(command.cluster())
        .then(id -> ClusterRules.title(command.title())
        .then(title -> Verdict.allow(new Event.ClusterRenamed(id, title)))));
  }

  private Future<JsonObject> move(Identity sender, Command.ClusterMove command) {
    return change(sender, command, command.board(), () -> ClusterRules.clusterId(command.cluster())
        .then(id -> ClusterRules.shift(command.dx(), command.dy())
        .then(finite -> Verdict.allow(new Event.ClusterMoved(id, command.dx(), command.dy())))));
  }

  private Future<JsonObject> dissolve(Identity sender, Command.ClusterDissolve command) {
    return change(sender, command, command.board(), () -> ClusterRules.clusterId(command.cluster())
        .then(id -> Verdict.allow(new Event.ClusterDissolved(id))));
  }

  /** The command's fields, the sender's right to write the board, then the change, decided by cluster.lua. */
  private Future<JsonObject> change(Identity sender, Command.Change command, String boardId, Supplier<Verdict<Event>> event) {
    Verdict<Event> checked = command.checked().then(complete -> BoardAccess.mayWrite(sender, boardId)).then(allowed -> event.get());
    return guarded(checked).compose(body -> boards.layout(boardId).compose(layout ->
        streams.submit(request(sender, command, layout, body), REFUSALS)));
  }

  private ApplyRequest request(Identity sender, Command.Change command, BoardLayout layout, Event body) {
    Map<String, Object> rules = Map.of("board", layout.boardId(), "mayWriteLocked", BoardAccess.mayWriteLocked(sender),
        "moderates", BoardAccess.moderates(sender), "maxClusters", ClusterRules.MAX_CLUSTERS_PER_BOARD,
        "maxCoordinate", BoardRules.MAX_COORDINATE);
    return new ApplyRequest(StreamId.board(layout.boardId()), Protocol.typeName(command.getClass()), command.id(),
        sender.participantId(), clock.getAsLong(), body, rules);
  }
}
