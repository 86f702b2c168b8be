package org.parvis.plenary;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import org.parvis.sync.CommandHandler;
import org.parvis.sync.RejectedException;
import org.parvis.sync.Verdict;
import org.parvis.workshop.Identity;
import org.parvis.workshop.WorkshopService;
import org.parvis.workshop.WorkshopStore;

/** The plenary command of the protocol: plenary.show, which the projector and observers follow live. */
public final class PlenaryCommands implements CommandHandler {

  public static final Set<String> TYPES = Set.of("plenary.show");

  private final WorkshopService workshops;
  private final WorkshopStore store;

  public PlenaryCommands(WorkshopService workshops, WorkshopStore store) {
    this.workshops = workshops;
    this.store = store;
  }

  @Override
  public Future<JsonObject> handle(Identity sender, String type, JsonObject command) {
    Object requested = command.getValue("boards") instanceof JsonArray boards ? boards.getList() : null;
    return workshops.workshop(sender.workshopId()).compose(workshop -> {
      Verdict<List<String>> choice = PlenaryRules.choice(sender, workshop, requested);
      if (!choice.isAllowed()) {
        return Future.failedFuture(new RejectedException(choice.rejection()));
      }
      JsonObject plenary = new JsonObject().put("boards", new JsonArray(choice.value()));
      return store.setPlenary(workshop.id(), choice.value())
          .compose(saved -> store.publish(new JsonObject()
              .put("type", "plenary.changed")
              .put("workshop", workshop.id())
              .put("plenary", plenary)))
          .map(published -> new JsonObject().put("plenary", plenary));
    });
  }
}
