package org.parvis.sync;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiFunction;
import org.parvis.protocol.Command;
import org.parvis.workshop.Identity;

/** Which feature handles each command record. An answer is merged into {"ok": true, ...}. */
public final class CommandHandlers {

  private final Map<Class<? extends Command>, BiFunction<Identity, Command, Future<JsonObject>>> byType = new HashMap<>();

  public <C extends Command> CommandHandlers on(Class<C> type, BiFunction<Identity, C, Future<JsonObject>> handler) {
    byType.put(type, (sender, command) -> handler.apply(sender, type.cast(command)));
    return this;
  }

  Future<JsonObject> handle(Identity sender, Command command) {
    BiFunction<Identity, Command, Future<JsonObject>> handler = byType.get(command.getClass());
    return handler == null
        ? Future.failedFuture(new RejectedException(Rejection.of("unknown_command", "No handler for " + command.getClass().getSimpleName() + ".")))
        : handler.apply(sender, command);
  }
}
