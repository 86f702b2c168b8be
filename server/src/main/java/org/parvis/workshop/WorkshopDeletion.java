package org.parvis.workshop;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.lang.System.Logger.Level;
import java.util.List;
import org.parvis.stream.StreamKeys;

/**
 * Deletes a workshop and everything it holds, in one action: its tokens and join code (global keys,
 * found through the workshop's own list), then every key under its hash tag (SCAN in batches, never
 * KEYS), and tells every node to close its sockets. Once the streams' heads are gone the apply script
 * refuses any change, so a second pass right after the first catches what a command applied meanwhile,
 * and a last one a moment later what a request already past its token check wrote.
 */
public final class WorkshopDeletion {

  private static final System.Logger LOG = System.getLogger(WorkshopDeletion.class.getName());
  private static final int SCAN_BATCH = 500;
  private static final long LAST_PASS_AFTER_MS = 5_000;

  private final Vertx vertx;
  private final Redis redis;
  private final WorkshopStore workshops;

  public WorkshopDeletion(Vertx vertx, Redis redis, WorkshopStore workshops) {
    this.vertx = vertx;
    this.redis = redis;
    this.workshops = workshops;
  }

  public Future<Void> delete(String workshopId) {
    return workshops.find(workshopId)
        .compose(found -> found.map(workshop -> workshops.forgetCode(workshop.code())).orElseGet(Future::succeededFuture))
        .compose(codeGone -> workshops.tokens(workshopId))
        .compose(tokens -> workshops.deleteTokens(workshopId, List.copyOf(tokens.keySet())))
        .compose(tokensGone -> redis.send(Request.cmd(Command.SREM).arg(WorkshopStore.WORKSHOPS_KEY).arg(workshopId)))
        .compose(unlisted -> deleteOwnKeys(workshopId))
        .compose(deleted -> workshops.publish(IdentityChange.workshopDeleted(workshopId)))
        .compose(told -> deleteOwnKeys(workshopId))
        .onSuccess(done -> {
          LOG.log(Level.INFO, "Deleted workshop {0}", workshopId);
          vertx.setTimer(LAST_PASS_AFTER_MS, timer -> deleteOwnKeys(workshopId));
        });
  }

  private Future<Void> deleteOwnKeys(String workshopId) {
    return scanAndDelete(StreamKeys.prefix(workshopId) + "*", "0");
  }

  private Future<Void> scanAndDelete(String pattern, String cursor) {
    return redis.send(Request.cmd(Command.SCAN).arg(cursor).arg("MATCH").arg(pattern).arg("COUNT").arg(SCAN_BATCH))
        .compose(page -> {
          String next = page.get(0).toString();
          Response keys = page.get(1);
          Future<?> deleted = Future.succeededFuture();
          if (keys.size() > 0) {
            Request unlink = Request.cmd(Command.UNLINK);
            keys.forEach(key -> unlink.arg(key.toString()));
            deleted = redis.send(unlink);
          }
          return deleted.compose(done -> "0".equals(next) ? Future.<Void>succeededFuture() : scanAndDelete(pattern, next));
        });
  }
}
