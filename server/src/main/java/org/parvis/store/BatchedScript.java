package org.parvis.store;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs of one Lua script asked for on an event loop while it is busy leave together, as one Redis
 * batch, at the end of the loop's turn: one write, and Redis reads, runs, answers, publishes and
 * logs them in one turn of its own, instead of a round trip and a wake-up of Redis for each
 * (bench/README.md, "Morning of 2026-12-02"). Runs keep their order. A batch Redis fails as
 * a whole (its script cache emptied by a restart, a lost connection) is sent again one run at a
 * time, each loading the script if it must: a script that is idempotent by command id, as the
 * apply script, then answers a run that had gone through as a duplicate. A batch takes one place
 * in the Redis client's queue whatever its size, so the runs held at once are bounded here: beyond
 * {@code maxHeld} unanswered runs, a new one fails at once, as the client's full queue would fail it.
 */
public final class BatchedScript {

  private final Redis redis;
  private final LuaScript script;
  private final int maxHeld;
  private final AtomicInteger held = new AtomicInteger();
  private final ThreadLocal<List<Run>> waiting = ThreadLocal.withInitial(ArrayList::new);

  private record Run(List<String> keys, List<?> args, Promise<Response> answer) {}

  public BatchedScript(Redis redis, LuaScript script, int maxHeld) {
    this.redis = redis;
    this.script = script;
    this.maxHeld = maxHeld;
  }

  /** {@code args}: each a String, or a byte[] that is already its UTF-8 text. */
  public Future<Response> run(List<String> keys, List<?> args) {
    if (held.incrementAndGet() > maxHeld) {
      held.decrementAndGet();
      return Future.failedFuture(new IllegalStateException(maxHeld + " runs already wait for Redis"));
    }
    Context context = Vertx.currentContext();
    Future<Response> answer = context == null || !context.isEventLoopContext()
        ? script.run(redis, keys, args)
        : addToThisTurn(context, keys, args);
    return answer.onComplete(answered -> held.decrementAndGet());
  }

  private Future<Response> addToThisTurn(Context context, List<String> keys, List<?> args) {
    List<Run> runs = waiting.get();
    Promise<Response> answer = Promise.promise();
    runs.add(new Run(keys, args, answer));
    if (runs.size() == 1) {
      context.runOnContext(endOfTurn -> send());
    }
    return answer.future();
  }

  private void send() {
    List<Run> runs = waiting.get();
    List<Run> batch = List.copyOf(runs);
    runs.clear();
    if (batch.size() == 1) {
      oneByOne(batch, 0);
      return;
    }
    List<Request> requests = new ArrayList<>(batch.size());
    batch.forEach(run -> requests.add(script.evalSha(run.keys(), run.args())));
    redis.batch(requests).onComplete(answers -> {
      if (answers.failed()) {
        oneByOne(batch, 0);
        return;
      }
      for (int index = 0; index < batch.size(); index++) {
        batch.get(index).answer().complete(answers.result().get(index));
      }
    });
  }

  private void oneByOne(List<Run> runs, int from) {
    if (from == runs.size()) {
      return;
    }
    Run run = runs.get(from);
    script.run(redis, run.keys(), run.args()).onComplete(answer -> {
      run.answer().handle(answer);
      oneByOne(runs, from + 1);
    });
  }
}
