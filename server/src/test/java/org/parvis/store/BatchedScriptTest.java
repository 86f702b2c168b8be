package org.parvis.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parvis.testing.RedisProcess;

/** Runs asked for in one turn of an event loop reach Redis together, in order, and survive a script cache emptied under them. */
class BatchedScriptTest {

  private static final int RUNS = 40;

  private static RedisProcess redisProcess;
  private static Vertx vertx;
  private static Redis redis;
  private static BatchedScript appendToList;

  @BeforeAll
  static void start() {
    redisProcess = RedisProcess.start();
    vertx = Vertx.vertx();
    // One connection: runs sent one by one would each wait for the previous answer, and be read one by one.
    redis = Redis.createClient(vertx, new RedisOptions().setConnectionString(redisProcess.url()).setMaxPoolSize(1).setMaxPoolWaiting(RUNS * 2));
    appendToList = new BatchedScript(redis, LuaScript.fromResource(BatchedScriptTest.class, "append.lua"), RUNS);
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
    redisProcess.close();
  }

  @BeforeEach
  void empty() {
    redis.send(Request.cmd(Command.DEL).arg("appended")).await();
  }

  @Test
  void theRunsOfOneTurnAreReadByRedisAtOnceAndAppliedInTheOrderAsked() throws Exception {
    // Redis learns the script on the first run (EVALSHA refused, then EVAL).
    appendToList.run(List.of("warm-up"), List.of("loaded")).await();
    long readsBefore = readsProcessed();
    List<Long> lengths = runAllInOneTurn();
    long reads = readsProcessed() - readsBefore;

    List<Long> expected = new ArrayList<>();
    for (long length = 1; length <= RUNS; length++) {
      expected.add(length);
    }
    assertEquals(expected, lengths, "each run answered with its own reply, in the order asked");
    assertEquals(appendedInOrder(), stored());
    // The INFO asking for the count is a read too; one run per read would be 40.
    assertTrue(reads <= 3, RUNS + " runs took " + reads + " reads by Redis");
  }

  @Test
  void aBatchRefusedBecauseRedisForgotTheScriptIsSentAgainOneRunAtATime() throws Exception {
    redis.send(Request.cmd(Command.SCRIPT).arg("FLUSH")).await();

    List<Long> lengths = runAllInOneTurn();

    assertEquals(RUNS, lengths.size());
    assertEquals(Long.valueOf(RUNS), lengths.get(RUNS - 1));
    assertEquals(appendedInOrder(), stored());
  }

  private static List<Long> runAllInOneTurn() throws Exception {
    CompletableFuture<List<Long>> lengths = new CompletableFuture<>();
    vertx.runOnContext(inOneTurn -> {
      List<Future<Response>> answers = new ArrayList<>();
      for (int index = 0; index < RUNS; index++) {
        answers.add(appendToList.run(List.of("appended"), List.of("run" + index)));
      }
      Future.all(answers).onComplete(all -> {
        if (all.failed()) {
          lengths.completeExceptionally(all.cause());
          return;
        }
        List<Long> values = new ArrayList<>();
        answers.forEach(answer -> values.add(answer.result().toLong()));
        lengths.complete(values);
      });
    });
    return lengths.get(10, TimeUnit.SECONDS);
  }

  private static List<String> appendedInOrder() {
    List<String> runs = new ArrayList<>();
    for (int index = 0; index < RUNS; index++) {
      runs.add("run" + index);
    }
    return runs;
  }

  private static List<String> stored() {
    List<String> values = new ArrayList<>();
    redis.send(Request.cmd(Command.LRANGE).arg("appended").arg(0).arg(-1)).await().forEach(value -> values.add(value.toString()));
    return values;
  }

  private static long readsProcessed() {
    String info = redis.send(Request.cmd(Command.INFO).arg("stats")).await().toString();
    return info.lines().filter(line -> line.startsWith("total_reads_processed:"))
        .mapToLong(line -> Long.parseLong(line.substring(line.indexOf(':') + 1).trim())).findFirst().orElseThrow();
  }
}
