package org.parvis.charter;

import static org.parvis.sync.RejectedException.guarded;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.parvis.board.BoardAccess;
import org.parvis.board.BoardLayout;
import org.parvis.board.BoardStore;
import org.parvis.protocol.Command;
import org.parvis.protocol.Event;
import org.parvis.protocol.Protocol;
import org.parvis.store.LuaScript;
import org.parvis.stream.StreamId;
import org.parvis.stream.StreamStore;
import org.parvis.stream.StreamStore.ApplyRequest;
import org.parvis.sync.CommandHandlers;
import org.parvis.sync.RejectedException;
import org.parvis.sync.Rejection;
import org.parvis.sync.Verdict;
import org.parvis.workshop.Category;
import org.parvis.workshop.Identity;

/**
 * The charter of a charter board (atelier 4), on the board's stream: commitments written by
 * participants and animators, moderated (edited, merged, deleted, reordered) by animators, signed
 * by name by participants, frozen by an animator for the restitution.
 */
public final class CharterCommands {

  /** The apply functions of the charter, in one Lua file that shares its helpers. */
  public static final List<LuaScript.Part> APPLY_FUNCTIONS = List.of(new LuaScript.Part(CharterCommands.class, "charter.lua"));

  /** The refusals of charter.lua, each with its sentence and the field at fault. */
  private static final Map<String, Rejection> REFUSALS = Map.of(
      "not_a_charter", new Rejection("not_a_charter", "This board is not a charter.", "board"),
      "charter_frozen", new Rejection("charter_frozen", "The charter is frozen: no more changes nor signatures.", "board"),
      "charter_not_frozen", new Rejection("charter_not_frozen", "The charter is not frozen.", "frozen"),
      "unknown_commitment", new Rejection("unknown_commitment", "The charter has no such commitment (any more).", "commitmentId"),
      "commitment_exists", new Rejection("commitment_exists", "A commitment with this id exists.", "commitmentId"),
      "too_many_commitments", new Rejection("too_many_commitments",
          "A charter holds at most " + CharterRules.MAX_COMMITMENTS + " commitments.", "commitmentId"),
      "order_mismatch", new Rejection("order_mismatch", "order must name exactly the indicator's commitments.", "order"),
      "already_signed", new Rejection("already_signed", "You already signed this commitment.", "signed"),
      "not_signed", new Rejection("not_signed", "You had not signed this commitment.", "signed"));

  private final BoardStore boards;
  private final StreamStore streams;
  private final LongSupplier clock;

  public CharterCommands(BoardStore boards, StreamStore streams, LongSupplier clock) {
    this.boards = boards;
    this.streams = streams;
    this.clock = clock;
  }

  public void register(CommandHandlers handlers) {
    handlers.on(Command.CommitmentCreate.class, this::create)
        .on(Command.CommitmentEdit.class, this::edit)
        .on(Command.CommitmentDelete.class, this::delete)
        .on(Command.CommitmentMerge.class, this::merge)
        .on(Command.CommitmentReorder.class, this::reorder)
        .on(Command.CommitmentSign.class, this::sign)
        .on(Command.CharterFreeze.class, this::freeze);
  }

  private Future<JsonObject> create(Identity sender, Command.CommitmentCreate command) {
    return change(sender, command, command.board(), CharterRules::mayWrite, layout -> CharterRules.id(command.commitmentId(), "commitmentId")
        .then(id -> CharterRules.zone(layout, command.zone()))
        .then(zone -> CharterRules.text(command.text()))
        .then(text -> Verdict.allow(request(sender, command, layout,
            new Event.CommitmentCreated(new Event.Commitment(command.commitmentId(), command.zone(), text, null, null, null, null)),
            Map.of("board", layout.boardId(), "category", categoryOf(sender), "max", CharterRules.MAX_COMMITMENTS,
                "mayWriteLocked", sender.role().mayRunWorkshop())))));
  }

  /** The fields of the created event are the command's; charter.lua writes the event from them. */
  private Future<JsonObject> edit(Identity sender, Command.CommitmentEdit command) {
    return change(sender, command, command.board(), CharterRules::mayModerate, layout -> CharterRules.id(command.commitmentId(), "commitmentId")
        .then(id -> command.zone() == null ? Verdict.allow("") : CharterRules.zone(layout, command.zone()))
        .then(zone -> command.text() == null ? Verdict.<String>allow(null) : CharterRules.text(command.text()))
        .then(text -> Verdict.allow(request(sender, command, layout,
            new Event.CommitmentEdited(command.commitmentId(), text, command.zone()), boardOnly(layout)))));
  }

  private Future<JsonObject> delete(Identity sender, Command.CommitmentDelete command) {
    return change(sender, command, command.board(), CharterRules::mayModerate, layout -> CharterRules.id(command.commitmentId(), "commitmentId")
        .then(id -> Verdict.allow(request(sender, command, layout, new Event.CommitmentDeleted(id), boardOnly(layout)))));
  }

  private Future<JsonObject> merge(Identity sender, Command.CommitmentMerge command) {
    return change(sender, command, command.board(), CharterRules::mayModerate, layout -> CharterRules.id(command.commitmentId(), "commitmentId")
        .then(id -> CharterRules.mergeTarget(id, command.into()))
        .then(into -> CharterRules.text(command.text()))
        .then(text -> Verdict.allow(request(sender, command, layout,
            new Event.CommitmentsMerged(command.commitmentId(), command.into(), text, null), boardOnly(layout)))));
  }

  private Future<JsonObject> reorder(Identity sender, Command.CommitmentReorder command) {
    return change(sender, command, command.board(), CharterRules::mayModerate, layout -> CharterRules.zone(layout, command.zone())
        .then(zone -> CharterRules.order(command.order()))
        .then(order -> Verdict.allow(request(sender, command, layout, new Event.CommitmentsReordered(command.zone(), order),
            boardOnly(layout)))));
  }

  private Future<JsonObject> sign(Identity sender, Command.CommitmentSign command) {
    return change(sender, command, command.board(), CharterRules::maySign, layout -> CharterRules.id(command.commitmentId(), "commitmentId")
        .then(id -> Verdict.allow(request(sender, command, layout,
            new Event.CommitmentSigned(id, command.signed(), null, null),
            Map.of("board", layout.boardId(), "name", sender.displayName(), "category", categoryOf(sender))))));
  }

  private Future<JsonObject> freeze(Identity sender, Command.CharterFreeze command) {
    return change(sender, command, command.board(), (who, layout) -> CharterRules.mayFreeze(who, layout, command.frozen()),
        layout -> Verdict.allow(request(sender, command, layout, new Event.CharterFrozen(command.frozen(), null),
            Map.of("board", layout.boardId(), "name", layout.name(), "by", sender.displayName(),
                "zones", layout.zones().stream().map(zone -> Map.of("id", zone.id(), "title", zone.title())).toList()))));
  }

  private static String categoryOf(Identity sender) {
    return sender.category().orElse(Category.AUTRE).wireName();
  }

  private static Map<String, Object> boardOnly(BoardLayout layout) {
    return Map.of("board", layout.boardId());
  }

  /** The command's own fields, the board in the sender's workshop, its layout, who may, then the change, applied by the board's stream. */
  private Future<JsonObject> change(Identity sender, Command.Change command, String boardId,
      BiFunction<Identity, BoardLayout, Verdict<String>> access, Function<BoardLayout, Verdict<ApplyRequest>> change) {
    return guarded(command.checked().then(complete -> BoardAccess.mayRead(sender, boardId)))
        .compose(readable -> boards.layout(boardId))
        .compose(layout -> guarded(access.apply(sender, layout).then(allowed -> change.apply(layout))))
        .compose(request -> streams.submit(request, Map.of()))
        .recover(CharterCommands::named);
  }

  /** A refusal of charter.lua, with its sentence and its field. */
  private static Future<JsonObject> named(Throwable failure) {
    if (failure instanceof RejectedException refused && REFUSALS.containsKey(refused.rejection().code())) {
      return Future.failedFuture(new RejectedException(REFUSALS.get(refused.rejection().code())));
    }
    return Future.failedFuture(failure);
  }

  private ApplyRequest request(Identity sender, Command.Change command, BoardLayout layout, Event body, Map<String, Object> rules) {
    return new ApplyRequest(StreamId.board(layout.boardId()), Protocol.typeName(command.getClass()), command.id(),
        sender.participantId(), clock.getAsLong(), body, rules);
  }
}
