package org.parvis.demarche;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Response;
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

/** recap.display: an animator shows or hides the previous atelier's recap on the projector, an event of the workshop stream. */
public final class RecapCommands {

  /** The apply function of the démarche feature. */
  public static final List<LuaScript.Part> APPLY_FUNCTIONS = List.of(new LuaScript.Part(RecapCommands.class, "recap.display.lua"));

  private final StreamStore streams;
  private final LongSupplier clock;

  public RecapCommands(StreamStore streams, LongSupplier clock) {
    this.streams = streams;
    this.clock = clock;
  }

  public void register(CommandHandlers handlers) {
    handlers.on(Command.RecapDisplay.class, this::display);
  }

  /** Adds {@code recap: {shown}} to a workshop snapshot when the workshop opens with a recap. */
  public static void addToSnapshot(JsonObject snapshot, Response fields) {
    Response shown = fields.get("recapShown");
    if (shown != null) {
      snapshot.put("recap", new JsonObject().put("shown", "1".equals(shown.toString())));
    }
  }

  static Verdict<Boolean> display(Identity who, Boolean shown) {
    return who.role().mayRunWorkshop()
        ? Verdict.allow(shown)
        : Verdict.refuse(Rejection.of("forbidden", "Only animators show or hide the recap."));
  }

  private Future<JsonObject> display(Identity sender, Command.RecapDisplay command) {
    Verdict<Boolean> shown = command.checked().then(ok -> display(sender, command.shown()));
    if (!shown.isAllowed()) {
      return Future.failedFuture(new RejectedException(shown.rejection()));
    }
    return streams.submit(new StreamStore.ApplyRequest(StreamId.workshop(sender.workshopId()), "recap.display", command.id(),
        sender.participantId(), clock.getAsLong(), new Event.RecapDisplayed(shown.value()), Map.of()), Map.of());
  }
}
