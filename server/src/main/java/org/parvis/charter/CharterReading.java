package org.parvis.charter;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import org.parvis.stream.StreamKeys;
import org.parvis.sync.RejectedException;
import org.parvis.sync.Rejection;
import org.parvis.workshop.Identity;
import org.parvis.workshop.WorkshopRoutes;

/**
 * The frozen charter as it was kept with the workshop (for the restitution and exports):
 * {@code GET /api/workshop/charters/<boardId>}, for the animators of the board's workshop.
 */
public final class CharterReading {

  public static final String PATH = "/api/workshop/charters/:board";

  private final Redis redis;

  private CharterReading(Redis redis) {
    this.redis = redis;
  }

  public static WorkshopRoutes.Reading route(Redis redis) {
    CharterReading reading = new CharterReading(redis);
    return new WorkshopRoutes.Reading(PATH, (identity, ctx) -> reading.frozen(identity, ctx.pathParam("board")));
  }

  /** The document charter.freeze stored: indicators, commitments with their category, signatories and count, frozenAt. */
  public Future<JsonObject> frozen(Identity reader, String boardId) {
    if (!reader.role().mayRunWorkshop() || !reader.ownsBoard(boardId)) {
      return refused(Rejection.of("forbidden", "Only the animators of this workshop read its frozen charter."));
    }
    return redis.send(Request.cmd(Command.HMGET).arg(StreamKeys.board(boardId) + ":charter").arg("frozen").arg("document"))
        .compose(stored -> {
          if (stored == null || stored.get(0) == null) {
            return refused(Rejection.of("not_a_charter", "This board is not a charter."));
          }
          if (stored.get(1) == null) {
            return refused(Rejection.of("charter_not_frozen", "The charter is not frozen yet."));
          }
          return Future.succeededFuture(new JsonObject(stored.get(1).toString()));
        });
  }

  private static <T> Future<T> refused(Rejection rejection) {
    return Future.failedFuture(new RejectedException(rejection));
  }
}
