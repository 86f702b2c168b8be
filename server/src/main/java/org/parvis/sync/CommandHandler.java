package org.parvis.sync;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.parvis.workshop.Identity;

/** Handles the commands of one feature. The answer is merged into {"ok": true, ...}. */
public interface CommandHandler {

  Future<JsonObject> handle(Identity sender, String type, JsonObject command);
}
