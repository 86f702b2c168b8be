package org.parvis.workshop;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import org.parvis.sync.CommandHandler;

/** The workshop command of the protocol: workshop.get, the session of whoever asks. */
public final class WorkshopCommands implements CommandHandler {

  public static final Set<String> TYPES = Set.of("workshop.get");

  private final WorkshopService service;

  public WorkshopCommands(WorkshopService service) {
    this.service = service;
  }

  @Override
  public Future<JsonObject> handle(Identity sender, String type, JsonObject command) {
    return service.session(sender);
  }
}
