package org.parvis.agenda;

import static org.parvis.sync.RejectedException.guarded;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.parvis.protocol.Command;
import org.parvis.protocol.Event;
import org.parvis.store.LuaScript;
import org.parvis.stream.StreamId;
import org.parvis.stream.StreamStore;
import org.parvis.sync.CommandHandlers;
import org.parvis.sync.RejectedException;
import org.parvis.sync.Rejection;
import org.parvis.sync.Verdict;
import org.parvis.workshop.Identity;
import org.parvis.workshop.WorkshopService;

/**
 * The agenda and the timers, events of the workshop stream: agenda.set, sequence.go (which keeps
 * the boards' state at the end of each sequence), timer.set; and two reads, clock.get (the
 * server's time, against which clients correct their clock) and sequence.snapshot.
 */
public final class AgendaCommands {

  /** The apply functions of the agenda feature. */
  public static final List<LuaScript.Part> APPLY_FUNCTIONS = List.of(
      new LuaScript.Part(AgendaCommands.class, "agenda.set.lua"),
      new LuaScript.Part(AgendaCommands.class, "sequence.go.lua"),
      new LuaScript.Part(AgendaCommands.class, "timer.set.lua"));

  private static final Map<String, String> REFUSALS = Map.of(
      "sequence_in_progress", "The sequence in progress cannot be removed from the agenda: move to another one first.",
      "no_next_sequence", "There is no sequence after this one.",
      "unknown_sequence", "The agenda has no such sequence.",
      "timer_not_running", "The timer is not running.",
      "timer_not_paused", "The timer is not paused.");

  private final WorkshopService workshops;
  private final StreamStore streams;
  private final AgendaStore store;
  private final LongSupplier clock;

  public AgendaCommands(WorkshopService workshops, StreamStore streams, AgendaStore store, LongSupplier clock) {
    this.workshops = workshops;
    this.streams = streams;
    this.store = store;
    this.clock = clock;
  }

  public void register(CommandHandlers handlers) {
    handlers.on(Command.AgendaSet.class, this::setAgenda)
        .on(Command.SequenceGo.class, this::go)
        .on(Command.TimerSet.class, this::setTimer)
        .on(Command.SequenceSnapshot.class, this::snapshot)
        .on(Command.ClockGet.class, (sender, command) -> Future.succeededFuture(new JsonObject().put("time", clock.getAsLong())));
  }

  private Future<JsonObject> setAgenda(Identity sender, Command.AgendaSet command) {
    return checked(command).compose(ok -> workshops.workshop(sender.workshopId()))
        .compose(workshop -> guarded(AgendaRules.agenda(sender, workshop.boardIds(), command.sequences())))
        .compose(sequences -> submit(sender, command, "agenda.set", new Event.AgendaChanged(sequences), Map.of()));
  }

  private Future<JsonObject> go(Identity sender, Command.SequenceGo command) {
    return checked(command).compose(ok -> guarded(AgendaRules.destination(sender, command.to())))
        .compose(to -> submit(sender, command, "sequence.go", new Event.SequenceChanged(null, null, null), Map.of("to", to)));
  }

  private Future<JsonObject> setTimer(Identity sender, Command.TimerSet command) {
    return checked(command).compose(ok -> workshops.workshop(sender.workshopId()))
        .compose(workshop -> guarded(TimerRules.change(sender, workshop.boardIds(), command)))
        .compose(change -> {
          Map<String, Object> rules = new HashMap<>(Map.of("action", change.action(), "durationMs", change.durationMs(),
              "deltaMs", change.deltaMs(), "freezeAtZero", change.freezeAtZero()));
          if (change.group() != null) {
            rules.put("group", change.group());
          }
          return submit(sender, command, "timer.set", new Event.TimerChanged(change.group(), null), rules);
        });
  }

  private Future<JsonObject> snapshot(Identity sender, Command.SequenceSnapshot command) {
    if (!sender.role().mayRunWorkshop()) {
      return Future.failedFuture(new RejectedException(Rejection.of("forbidden", "Only animators read past sequences.")));
    }
    if (command.n() == null) {
      return store.snapshots(sender.workshopId()).map(list -> new JsonObject().put("snapshots", list));
    }
    if (command.board() == null || !sender.ownsBoard(command.board())) {
      return Future.failedFuture(new RejectedException(Rejection.invalidField("board", "board is a board of this workshop.")));
    }
    return store.notes(sender.workshopId(), command.n(), command.board()).compose(notes -> notes
        .map(found -> Future.succeededFuture(new JsonObject().put("n", command.n()).put("board", command.board()).put("notes", found)))
        .orElseGet(() -> Future.failedFuture(new RejectedException(
            Rejection.of("unknown_sequence", "No snapshot " + command.n() + " of this board.")))));
  }

  private Future<JsonObject> submit(Identity sender, Command.Change command, String type, Event body, Map<String, Object> rules) {
    return streams.submit(new StreamStore.ApplyRequest(StreamId.workshop(sender.workshopId()), type, command.id(),
        sender.participantId(), clock.getAsLong(), body, rules), REFUSALS);
  }

  private static Future<Command.Change> checked(Command.Change command) {
    return guarded(command.checked());
  }
}
