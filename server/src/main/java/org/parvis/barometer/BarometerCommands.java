package org.parvis.barometer;

import static org.parvis.sync.RejectedException.guarded;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
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
import org.parvis.sync.Verdict;
import org.parvis.workshop.Category;
import org.parvis.workshop.Identity;

/**
 * The barometer of a barometer board, on the board's stream: barometer.set (the animator's scales),
 * barometer.answer (a participant places the territory on one scale; the answer goes to its author,
 * the others learn the new tally only), barometer.close (closing publishes the split by category).
 */
public final class BarometerCommands {

  /** The apply functions of the barometer, in one Lua file that shares its helpers. */
  public static final List<LuaScript.Part> APPLY_FUNCTIONS = List.of(new LuaScript.Part(BarometerCommands.class, "barometer.lua"));

  private static final Map<String, String> REFUSALS = Map.of(
      "not_a_barometer", "This board has no barometer.",
      "unknown_indicator", "The barometer has no such indicator.",
      "indicator_answered", "Someone already answered an indicator this would remove.",
      "barometer_closed", "The animator has closed the barometer.",
      "off_scale", "This answer is not a place on this barometer's scale.",
      "barometer_answered", "Someone already answered: the kind of scale no longer changes.");

  /** The order of the split's rows within an indicator (those who did not say make none). */
  private static final List<String> CATEGORY_ORDER = Arrays.stream(Category.values()).filter(Category::isSplit)
      .map(Category::wireName).toList();

  private final BoardStore boards;
  private final StreamStore streams;
  private final LongSupplier clock;

  public BarometerCommands(BoardStore boards, StreamStore streams, LongSupplier clock) {
    this.boards = boards;
    this.streams = streams;
    this.clock = clock;
  }

  public void register(CommandHandlers handlers) {
    handlers.on(Command.BarometerSet.class, this::set)
        .on(Command.BarometerAnswer.class, this::answer)
        .on(Command.BarometerClose.class, this::close);
  }

  private Future<JsonObject> set(Identity sender, Command.BarometerSet command) {
    return change(sender, command, command.board(), BarometerRules::mayRun, layout -> BarometerRules.indicators(command.indicators())
        .then(indicators -> BarometerRules.scale(command.scale())
            .then(scale -> Verdict.allow(request(sender, command, layout, new Event.BarometerChanged(indicators, scale),
                Map.of("board", layout.boardId(), "places", BarometerRules.PLACES))))));
  }

  private Future<JsonObject> answer(Identity sender, Command.BarometerAnswer command) {
    return change(sender, command, command.board(), BarometerRules::mayAnswer, layout -> BarometerRules.indicator(command.indicator())
        .then(indicator -> BarometerRules.value(command.value())
            .then(value -> Verdict.allow(request(sender, command, layout, new Event.BarometerAnswered(indicator, value, null),
                Map.of("board", layout.boardId(), "unknown", BarometerRules.UNKNOWN, "continuous", BarometerRules.SCALE_CONTINUOUS,
                    "category", sender.category().orElse(Category.AUTRE).wireName()))))));
  }

  private Future<JsonObject> close(Identity sender, Command.BarometerClose command) {
    return change(sender, command, command.board(), BarometerRules::mayRun, layout -> Verdict.allow(request(sender, command, layout,
        new Event.BarometerClosed(command.closed(), List.of()),
        Map.of("board", layout.boardId(), "unknown", BarometerRules.UNKNOWN, "continuous", BarometerRules.SCALE_CONTINUOUS,
            "minAnswers", BarometerRules.MIN_CATEGORY_ANSWERS, "categories", CATEGORY_ORDER))));
  }

  /** The command's own fields, the board in the sender's workshop, its layout, who may, then the change, applied by the board's stream. */
  private Future<JsonObject> change(Identity sender, Command.Change command, String boardId,
      BiFunction<Identity, BoardLayout, Verdict<String>> access, Function<BoardLayout, Verdict<ApplyRequest>> change) {
    return guarded(command.checked().then(complete -> BoardAccess.mayRead(sender, boardId)))
        .compose(readable -> boards.layout(boardId))
        .compose(layout -> guarded(access.apply(sender, layout).then(allowed -> change.apply(layout))))
        .compose(request -> streams.submit(request, REFUSALS));
  }

  private ApplyRequest request(Identity sender, Command.Change command, BoardLayout layout, Event body, Map<String, Object> rules) {
    return new ApplyRequest(StreamId.board(layout.boardId()), Protocol.typeName(command.getClass()), command.id(),
        sender.participantId(), clock.getAsLong(), body, rules);
  }
}
