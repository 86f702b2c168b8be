package org.parvis.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.parvis.testing.StreamReplica;
import org.parvis.testing.BridgeClient;
import org.parvis.testing.Commands;
import org.parvis.testing.ParvisNode;
import org.parvis.testing.RedisProcess;
import org.parvis.testing.ServerProcess;
import org.parvis.testing.StoredStream;
import org.parvis.testing.TestWorkshop;

/** The faults of a real evening: a node or Redis killed under load, Redis away, abusive clients. */
@ExtendWith(VertxExtension.class)
class FaultIntegrationTest {

  private static final Map<String, String> UNTHROTTLED = Map.of("PARVIS_RATE_PER_SECOND", "100000", "PARVIS_RATE_BURST", "100000",
      "PARVIS_READ_RATE_PER_SECOND", "100000", "PARVIS_READ_BURST", "100000");

  @Test
  void aNodeKilledUnderLoadLosesNoAcknowledgedEditAndItsClientsCarryOnOnTheOtherNode(Vertx vertx) throws Exception {
    try (RedisProcess redis = RedisProcess.start();
         ParvisNode survivor = ParvisNode.start(redis.url(), UNTHROTTLED)) {
      ServerProcess doomed = ServerProcess.start(redis.url());
      TestWorkshop workshop = TestWorkshop.create(vertx, survivor.port(), "Nœud tué", "A");
      String board = workshop.board(0);
      String token = workshop.join(vertx, "Hugo");
      try (BridgeClient watcher = BridgeClient.connect(vertx, survivor.port(), workshop.observerToken())) {
        watcher.register("parvis.board." + board);
        StreamReplica watched = StreamReplica.fromSync(watcher.command(Commands.boardSnapshot(board)));

        Map<String, JsonObject> attempted = new ConcurrentHashMap<>();
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        BridgeClient writer = BridgeClient.connect(vertx, doomed.port(), token);
        CompletableFuture<Void> load = CompletableFuture.runAsync(() -> writeUntilRefused(writer, board, "k", attempted, acknowledged, 600));
        awaitSomeAcknowledged(acknowledged);
        doomed.kill();
        load.get(30, TimeUnit.SECONDS);

        try (BridgeClient reconnected = BridgeClient.connect(vertx, survivor.port(), token)) {
          attempted.values().forEach(command -> assertThat(reconnected.command(command).getBoolean("ok")).isTrue());
          List<JsonObject> stored = StoredStream.events(vertx, redis.url(), workshop.id(), "board:" + board);
          Map<String, Long> createdTimes = stored.stream()
              .filter(event -> "note.created".equals(event.getString("type")))
              .collect(Collectors.groupingBy(event -> event.getJsonObject("note").getString("id"), Collectors.counting()));

          assertThat(acknowledged).isNotEmpty();
          assertThat(createdTimes.keySet()).containsAll(acknowledged).containsExactlyInAnyOrderElementsOf(attempted.keySet());
          assertThat(createdTimes.values()).allMatch(count -> count == 1);
          drain(watcher, "parvis.board." + board, watched, stored.get(stored.size() - 1).getLong("rev"));
          assertThat(watched.notes()).isEqualTo(StreamReplica.fromSync(reconnected.command(Commands.boardSnapshot(board))).notes());
        }
        writer.close();
      } finally {
        doomed.close();
      }
    }
  }

  @Test
  void redisKilledUnderLoadWithFsyncAlwaysKeepsEveryAcknowledgedEditAndTheNodeReconnectsByItself(Vertx vertx) throws Exception {
    try (RedisProcess redis = RedisProcess.startFsyncAlways();
         ParvisNode node = ParvisNode.start(redis.url(), UNTHROTTLED)) {
      TestWorkshop workshop = TestWorkshop.create(vertx, node.port(), "Redis tué", "A");
      String board = workshop.board(0);
      try (BridgeClient writer = BridgeClient.connect(vertx, node.port(), workshop.join(vertx, "Nadia"));
           BridgeClient watcher = BridgeClient.connect(vertx, node.port(), workshop.observerToken())) {
        watcher.register("parvis.board." + board);
        watcher.command(Commands.boardSnapshot(board));
        Map<String, JsonObject> attempted = new ConcurrentHashMap<>();
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        CompletableFuture<Void> load = CompletableFuture.runAsync(() -> writeUntilRefused(writer, board, "r", attempted, acknowledged, 600));
        awaitSomeAcknowledged(acknowledged);
        redis.kill();
        load.get(30, TimeUnit.SECONDS);
        redis.restart();

        JsonObject after = retryUntilAcknowledged(writer, Commands.createNote(board, "after", "après le redémarrage"));
        assertThat(after.getBoolean("ok")).isTrue();
        Set<String> stored = storedNoteIds(writer, board);
        assertThat(acknowledged).isNotEmpty();
        assertThat(stored).containsAll(acknowledged).contains("after");
        assertThat(liveEventsResume(writer, watcher, board)).isTrue();
      }
    }
  }

  @Test
  void redisUnreachableForTwentySecondsRefusesEditsVisiblyAndTheNodeRecoversWithoutARestart(Vertx vertx) throws Exception {
    try (RedisProcess redis = RedisProcess.start();
         ParvisNode node = ParvisNode.start(redis.url(), UNTHROTTLED)) {
      TestWorkshop workshop = TestWorkshop.create(vertx, node.port(), "Coupure", "A");
      String board = workshop.board(0);
      try (BridgeClient writer = BridgeClient.connect(vertx, node.port(), workshop.join(vertx, "Odile"))) {
        redis.kill();
        long end = System.currentTimeMillis() + 20_000;
        JsonObject held = Commands.createNote(board, "held", "écrit pendant la coupure");
        Set<String> answers = new java.util.HashSet<>();
        while (System.currentTimeMillis() < end) {
          JsonObject answer = writer.command(held);
          answers.add(answer.getBoolean("ok") ? "ok" : answer.getString("error"));
          assertThat(TestWorkshop.get(vertx, node.port(), "/health").statusCode()).isEqualTo(503);
          Thread.sleep(1_000);
        }
        assertThat(answers).containsExactly("unavailable");

        redis.restart();
        assertThat(retryUntilAcknowledged(writer, held).getBoolean("ok")).isTrue();
        assertThat(writer.command(held).getBoolean("duplicate")).isTrue();
        assertThat(TestWorkshop.get(vertx, node.port(), "/health").statusCode()).isEqualTo(200);
        assertThat(storedNoteIds(writer, board)).containsExactly("held");
      }
    }
  }

  @Test
  void aStalledRedisHoldsAFewCommandsAndRefusesTheRestAtOnceThenEveryEditGoesThroughOnce(Vertx vertx) throws Exception {
    Map<String, String> smallQueue = new HashMap<>(UNTHROTTLED);
    smallQueue.put("PARVIS_REDIS_POOL_SIZE", "2");
    smallQueue.put("PARVIS_REDIS_MAX_WAITING", "2");
    try (RedisProcess redis = RedisProcess.start();
         ParvisNode node = ParvisNode.start(redis.url(), smallQueue)) {
      TestWorkshop workshop = TestWorkshop.create(vertx, node.port(), "Engorgement", "A");
      String board = workshop.board(0);
      try (BridgeClient writer = BridgeClient.connect(vertx, node.port(), workshop.join(vertx, "Gaspard"))) {
        writer.command(Commands.createNote(board, "before", "avant"));
        redis.freeze();
        List<JsonObject> burst = new ArrayList<>();
        List<CompletableFuture<JsonObject>> answers = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
          burst.add(Commands.createNote(board, "n" + i, "idée " + i));
          answers.add(writer.commandAsync(burst.get(i)));
        }
        Thread.sleep(2_000);
        List<String> early = answers.stream().filter(CompletableFuture::isDone)
            .map(CompletableFuture::join).map(answer -> answer.getBoolean("ok") ? "ok" : answer.getString("error")).toList();
        redis.thaw();

        assertThat(early).as("answered while Redis was frozen").hasSizeGreaterThanOrEqualTo(6).containsOnly("unavailable");
        for (int i = 0; i < burst.size(); i++) {
          JsonObject answer = answers.get(i).get(10, TimeUnit.SECONDS);
          if (!answer.getBoolean("ok")) {
            assertThat(answer.getString("error")).isEqualTo("unavailable");
            assertThat(retryUntilAcknowledged(writer, burst.get(i)).getBoolean("ok")).isTrue();
          }
        }
        Set<String> expected = new java.util.HashSet<>(Set.of("before"));
        for (int i = 0; i < burst.size(); i++) {
          expected.add("n" + i);
        }
        assertThat(storedNoteIds(writer, board)).isEqualTo(expected);
      }
    }
  }

  @Test
  void anOversizedFrameIsRefusedAndTheServerCarriesOn(Vertx vertx) {
    try (RedisProcess redis = RedisProcess.start();
         ParvisNode node = ParvisNode.start(redis.url())) {
      TestWorkshop workshop = TestWorkshop.create(vertx, node.port(), "Trop gros", "A");
      try (BridgeClient abuser = BridgeClient.connect(vertx, node.port(), workshop.join(vertx, "Big"));
           BridgeClient other = BridgeClient.connect(vertx, node.port(), workshop.join(vertx, "Small"))) {
        abuser.sendWithoutWaiting(new JsonObject().put("type", "send").put("address", "parvis.cmd")
            .put("body", new JsonObject().put("junk", "y".repeat(1_000_000))));
        long deadline = System.currentTimeMillis() + 5_000;
        while (!abuser.isClosed() && System.currentTimeMillis() < deadline) {
            Thread.onSpinWait();
        }

        assertThat(abuser.isClosed()).isTrue();
        assertThat(other.command(Commands.createNote(workshop.board(0), "fine", "toujours là")).getBoolean("ok")).isTrue();
        var xhr = TestWorkshop.postRaw(vertx, node.port(), "/eventbus/000/abcdefgh/xhr_send", "[\"" + "z".repeat(200_000) + "\"]");
        assertThat(xhr.statusCode()).isEqualTo(413);
      }
    }
  }

  @Test
  void seededConvergenceFuzz(Vertx vertx) {
    long seed = Long.getLong("parvis.fuzz.seed", System.nanoTime());
    try (RedisProcess redis = RedisProcess.start();
         ParvisNode node = ParvisNode.start(redis.url(), UNTHROTTLED)) {
      TestWorkshop workshop = TestWorkshop.create(vertx, node.port(), "Fuzz", "A");
      ConvergenceFuzz fuzz = new ConvergenceFuzz(vertx, node.port(), redis.url(), workshop, seed);
      try {
        fuzz.run(4, 300);
      } catch (AssertionError | RuntimeException failure) {
        throw new AssertionError("convergence fuzz failed; replay with -Dparvis.fuzz.seed=" + seed, failure);
      }
    }
  }

  /** Kills happen under load: once the writer has had some edits acknowledged, however slow the machine is. */
  private static void awaitSomeAcknowledged(Set<String> acknowledged) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 20_000;
    while (acknowledged.size() < 20 && System.currentTimeMillis() < deadline) {
      Thread.sleep(5);
    }
  }

  /** Writes new notes (several in flight) until the server stops answering, recording what it acknowledged. */
  static void writeUntilRefused(BridgeClient writer, String board, String prefix, Map<String, JsonObject> attempted,
      Set<String> acknowledged, int max) {
    List<Map.Entry<String, CompletableFuture<JsonObject>>> inFlight = new ArrayList<>();
    for (int i = 0; i < max; i++) {
      String noteId = prefix + i;
      JsonObject create = Commands.createNote(board, noteId, "charge " + i);
      attempted.put(noteId, create);
      inFlight.add(Map.entry(noteId, writer.commandAsync(create)));
      if (inFlight.size() >= 20 && !settle(inFlight.remove(0), acknowledged)) {
        break;
      }
    }
    inFlight.forEach(entry -> settle(entry, acknowledged));
  }

  private static boolean settle(Map.Entry<String, CompletableFuture<JsonObject>> entry, Set<String> acknowledged) {
    try {
      JsonObject answer = entry.getValue().get(15, TimeUnit.SECONDS);
      if (answer.getBoolean("ok")) {
        acknowledged.add(entry.getKey());
        return true;
      }
      return false;
    } catch (ExecutionException | TimeoutException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static JsonObject retryUntilAcknowledged(BridgeClient client, JsonObject command) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 20_000;
    JsonObject answer = client.command(command);
    while (!answer.getBoolean("ok") && System.currentTimeMillis() < deadline) {
      Thread.sleep(200);
      answer = client.command(command);
    }
    return answer;
  }

  private static Set<String> storedNoteIds(BridgeClient client, String board) {
    return client.command(Commands.boardSnapshot(board)).getJsonObject("snapshot").getJsonArray("notes").stream()
        .map(note -> ((JsonObject) note).getString("id")).collect(Collectors.toSet());
  }

  /** The node's subscription comes back by itself: a note written now reaches a watcher live. */
  private static boolean liveEventsResume(BridgeClient writer, BridgeClient watcher, String board) {
    String address = "parvis.board." + board;
    long deadline = System.currentTimeMillis() + 20_000;
    for (int attempt = 0; System.currentTimeMillis() < deadline; attempt++) {
      String noteId = "late" + attempt;
      writer.command(Commands.createNote(board, noteId, "après"));
      for (JsonObject event = watcher.nextOn(address, 1_000); event != null; event = watcher.nextOn(address, 200)) {
        if ("note.created".equals(event.getString("type")) && noteId.equals(event.getJsonObject("note").getString("id"))) {
          return true;
        }
      }
    }
    return false;
  }

  private static void drain(BridgeClient client, String address, StreamReplica replica, long untilRev) {
    Map<Long, JsonObject> early = new HashMap<>();
    while (replica.rev() < untilRev) {
      JsonObject event = client.nextOn(address, 5_000);
      if (event == null) {
        replica.applySync(client.command(replica.syncCommand()));
        continue;
      }
      if (event.getLong("rev") != null) {
        early.put(event.getLong("rev"), event);
      }
      while (early.containsKey(replica.rev() + 1)) {
        replica.apply(early.remove(replica.rev() + 1));
      }
    }
  }
}
