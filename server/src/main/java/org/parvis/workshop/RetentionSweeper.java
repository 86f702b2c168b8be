package org.parvis.workshop;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Deletes, now and then, each workshop idle for longer than the retention (one at a time, without
 * ever waiting on the event loop). Every node sweeps; a deletion done twice does nothing more.
 */
public final class RetentionSweeper extends VerticleBase {

  private static final System.Logger LOG = System.getLogger(RetentionSweeper.class.getName());
  private static final int SCAN_BATCH = 200;

  private final Redis redis;
  private final WorkshopStore workshops;
  private final WorkshopDeletion deletion;
  private final Retention retention;
  private final LongSupplier clock;
  private final long everyMillis;
  private boolean sweeping;

  /** {@code clock}: the time in ms (a test sets it ahead); {@code everyMillis}: how often to sweep. */
  public RetentionSweeper(Redis redis, WorkshopStore workshops, WorkshopDeletion deletion, Retention retention,
      LongSupplier clock, long everyMillis) {
    this.redis = redis;
    this.workshops = workshops;
    this.deletion = deletion;
    this.retention = retention;
    this.clock = clock;
    this.everyMillis = everyMillis;
  }

  @Override
  public Future<?> start() {
    if (retention.keep().isPresent()) {
      vertx.setPeriodic(everyMillis, everyMillis, timer -> sweep());
    }
    return Future.succeededFuture();
  }

  /** One sweep over every workshop; one at a time, so a sweep never floods Redis. */
  public Future<Integer> sweep() {
    if (sweeping) {
      return Future.succeededFuture(0);
    }
    sweeping = true;
    return sweepFrom("0", 0)
        .onSuccess(deleted -> {
          if (deleted > 0) {
            LOG.log(Level.INFO, "Retention: deleted {0} workshop(s) idle for more than {1} day(s)", deleted,
                retention.keep().orElseThrow().toDays());
          }
        })
        .onFailure(failure -> LOG.log(Level.WARNING, "Retention sweep failed: {0}", failure.toString()))
        .onComplete(done -> sweeping = false);
  }

  private Future<Integer> sweepFrom(String cursor, int deletedSoFar) {
    return redis.send(Request.cmd(Command.SSCAN).arg(WorkshopStore.WORKSHOPS_KEY).arg(cursor).arg("COUNT").arg(SCAN_BATCH))
        .compose(page -> {
          String next = page.get(0).toString();
          List<String> ids = page.get(1).stream().map(Object::toString).toList();
          Future<Integer> swept = Future.succeededFuture(deletedSoFar);
          for (String id : ids) {
            swept = swept.compose(count -> sweepOne(id).map(deleted -> deleted ? count + 1 : count));
          }
          return swept.compose(count -> "0".equals(next) ? Future.succeededFuture(count) : sweepFrom(next, count));
        });
  }

  private Future<Boolean> sweepOne(String workshopId) {
    long now = clock.getAsLong();
    return workshops.lastActivity(workshopId).compose(last -> {
      // A workshop listed whose hash is gone left keys behind: they go too.
      if (last.isPresent() && !retention.isExpired(last.get(), now)) {
        return Future.succeededFuture(false);
      }
      return deletion.delete(workshopId).map(true);
    });
  }
}
