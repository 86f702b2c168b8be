package org.parvis.workshop;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.parvis.protocol.Command;
import org.parvis.sync.CommandHandlers;

/** The workshop command of the protocol: workshop.get, the session of whoever asks. */
public final class WorkshopCommands {

  private final WorkshopService service;

  public WorkshopCommands(WorkshopService service) {
    this.service = service;
  }

  public void register(CommandHandlers handlers) {
    handlers.on(Command.WorkshopGet.class, this::get);
  }

  private Future<JsonObject> get(Identity sender, Command.WorkshopGet command) {
    return service.session(sender);
  }
}
