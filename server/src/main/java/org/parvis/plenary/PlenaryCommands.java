package org.parvis.plenary;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
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
import org.parvis.sync.Verdict;
import org.parvis.workshop.Identity;
import org.parvis.workshop.WorkshopService;

/**
 * The plenary command: plenary.show, an event of the workshop stream, so every screen that follows
 * the workshop ends on what Redis holds, whoever of two animators wins.
 */
public final class PlenaryCommands {

  /** The apply function of the plenary feature. */
  public static final List<LuaScript.Part> APPLY_FUNCTIONS = List.of(new LuaScript.Part(PlenaryCommands.class, "plenary.show.lua"),
      new LuaScript.Part(PlenaryCommands.class, "join.display.lua"));

  private final WorkshopService workshops;
  private final StreamStore streams;
  private final LongSupplier clock;

  public PlenaryCommands(WorkshopService workshops, StreamStore streams, LongSupplier clock) {
    this.workshops = workshops;
    this.streams = streams;
    this.clock = clock;
  }

  public void register(CommandHandlers handlers) {
    handlers.on(Command.PlenaryShow.class, this::show).on(Command.JoinDisplay.class, this::joinDisplay);
  }

  private Future<JsonObject> joinDisplay(Identity sender, Command.JoinDisplay command) {
    Verdict<String> mode = command.checked().then(ok -> PlenaryRules.joinDisplay(sender, command.mode()));
    if (!mode.isAllowed()) {
      return Future.failedFuture(new RejectedException(mode.rejection()));
    }
    return streams.submit(new StreamStore.ApplyRequest(StreamId.workshop(sender.workshopId()), "join.display", command.id(),
        sender.participantId(), clock.getAsLong(), new Event.JoinDisplayed(mode.value()), Map.of()), Map.of());
  }

  private Future<JsonObject> show(Identity sender, Command.PlenaryShow command) {
    Verdict<Command.Change> checked = command.checked();
    if (!checked.isAllowed()) {
      return Future.failedFuture(new RejectedException(checked.rejection()));
    }
    return workshops.workshop(sender.workshopId()).compose(workshop -> {
      Verdict<List<String>> choice = PlenaryRules.choice(sender, workshop, command.boards());
      if (!choice.isAllowed()) {
        return Future.failedFuture(new RejectedException(choice.rejection()));
      }
      return streams.submit(new StreamStore.ApplyRequest(StreamId.workshop(workshop.id()), "plenary.show", command.id(),
          sender.participantId(), clock.getAsLong(), new Event.PlenaryChanged(new Event.Plenary(choice.value())), Map.of()), Map.of());
    });
  }
}
