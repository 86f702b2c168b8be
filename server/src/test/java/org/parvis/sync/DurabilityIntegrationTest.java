package org.parvis.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.parvis.testing.BridgeClient;
import org.parvis.testing.Commands;
import org.parvis.testing.ParvisNode;
import org.parvis.testing.RedisProcess;
import org.parvis.testing.TestWorkshop;

/** What survives restarts and outages, and what several nodes on one Redis show each other. */
@ExtendWith(VertxExtension.class)
class DurabilityIntegrationTest {

  @Test
  void everyAcknowledgedNoteSurvivesAServerRestartAndARedisKill(Vertx vertx) {
    try (RedisProcess redis = RedisProcess.start()) {
      TestWorkshop workshop;
      String token;
      List<String> acknowledged = new ArrayList<>();
      try (ParvisNode node = ParvisNode.start(redis.url())) {
        workshop = TestWorkshop.create(vertx, node.port(), "Restitution", "A");
        token = workshop.join(vertx, "Paul");
        try (BridgeClient paul = BridgeClient.connect(vertx, node.port(), token)) {
          for (int i = 0; i < 20; i++) {
            if (paul.command(Commands.createNote(workshop.board(0), "n" + i, "idée " + i)).getBoolean("ok")) {
              acknowledged.add("n" + i);
            }
          }
        }
      }
      redis.kill();
      redis.restart();

      try (ParvisNode node = ParvisNode.start(redis.url());
           BridgeClient paul = BridgeClient.connect(vertx, node.port(), token)) {
        JsonObject snapshot = paul.command(Commands.boardSnapshot(workshop.board(0))).getJsonObject("snapshot");
        List<String> stored = snapshot.getJsonArray("notes").stream().map(note -> ((JsonObject) note).getString("id")).toList();

        assertThat(acknowledged).hasSize(20);
        assertThat(stored).containsExactlyInAnyOrderElementsOf(acknowledged);
      }
    }
  }

  @Test
  void clientsOfTwoNodesOnOneRedisSeeEachOthersEditsAndPlenaryChoices(Vertx vertx) {
    try (RedisProcess redis = RedisProcess.start();
         ParvisNode first = ParvisNode.start(redis.url());
         ParvisNode second = ParvisNode.start(redis.url())) {
      TestWorkshop workshop = TestWorkshop.create(vertx, first.port(), "Deux nœuds", "A", "B");
      String board = workshop.board(1);
      try (BridgeClient onFirst = BridgeClient.connect(vertx, first.port(), workshop.observerToken());
           BridgeClient onSecond = BridgeClient.connect(vertx, second.port(), workshop.join(vertx, "Inès"));
           BridgeClient animator = BridgeClient.connect(vertx, second.port(), workshop.animatorToken())) {
        onFirst.register("parvis.board." + board);
        onFirst.register("parvis.workshop." + workshop.id());
        onFirst.command(Commands.boardSnapshot(board));

        onSecond.command(Commands.createNote(board, "cross", "vu de l'autre nœud"));
        JsonObject shown = animator.command(Commands.showOnPlenary(List.of(board)));

        JsonObject noteEvent = onFirst.nextOn("parvis.board." + board, 5_000);
        assertThat(noteEvent).isNotNull();
        assertThat(noteEvent.getJsonObject("note").getString("text")).isEqualTo("vu de l'autre nœud");
        // Inès's join (a shadow to the observer) may still reach it after its register: the plenary's is of its own revision.
        JsonObject plenaryEvent = onFirst.eventAt("parvis.workshop." + workshop.id(), shown.getLong("rev"), 5_000);
        assertThat(plenaryEvent).isNotNull();
        assertThat(plenaryEvent.getString("type")).isEqualTo("plenary.changed");
        assertThat(plenaryEvent.getJsonObject("plenary").getJsonArray("boards").getList()).containsExactly(board);
        assertThat(onFirst.command(new JsonObject().put("type", "workshop.get"))
            .getJsonObject("workshop").getJsonObject("plenary").getJsonArray("boards").getList()).containsExactly(board);
        JsonObject animatorSession = animator.command(new JsonObject().put("type", "workshop.get"));
        assertThat(animatorSession.getJsonObject("links").getString("observer")).isEqualTo("/#/o/" + workshop.observerToken());
        assertThat(onFirst.command(new JsonObject().put("type", "workshop.get")).containsKey("links")).isFalse();
      }
    }
  }

  @Test
  void whileRedisIsDownEditsAreRefusedNeverFalselyAcknowledgedAndTheNodeRecoversAlone(Vertx vertx) {
    try (RedisProcess redis = RedisProcess.start();
         ParvisNode node = ParvisNode.start(redis.url())) {
      TestWorkshop workshop = TestWorkshop.create(vertx, node.port(), "Panne", "A");
      String board = workshop.board(0);
      try (BridgeClient writer = BridgeClient.connect(vertx, node.port(), workshop.join(vertx, "Rémi"));
           BridgeClient watcher = BridgeClient.connect(vertx, node.port(), workshop.join(vertx, "Léa"))) {
        watcher.register("parvis.board." + board);
        watcher.command(Commands.boardSnapshot(board));

        redis.kill();
        JsonObject duringOutage = writer.command(Commands.createNote(board, "held", "pendant la panne"));
        assertThat(duringOutage.getBoolean("ok")).isFalse();
        assertThat(duringOutage.getString("error")).isEqualTo("unavailable");
        assertThat(TestWorkshop.get(vertx, node.port(), "/health").statusCode()).isEqualTo(503);

        redis.restart();
        JsonObject retried = retryUntilAcknowledged(writer, Commands.createNote(board, "held", "pendant la panne"));
        assertThat(retried.getBoolean("ok")).isTrue();
        assertThat(TestWorkshop.get(vertx, node.port(), "/health").statusCode()).isEqualTo(200);

        JsonObject arrived = awaitNote(watcher, board);
        assertThat(arrived.getString("id")).isEqualTo("held");
      }
    }
  }

  private static JsonObject retryUntilAcknowledged(BridgeClient client, JsonObject command) {
    long deadline = System.currentTimeMillis() + 20_000;
    JsonObject answer = client.command(command);
    while (!answer.getBoolean("ok") && System.currentTimeMillis() < deadline) {
      RedisProcess.sleep(200);
      answer = client.command(command);
    }
    return answer;
  }

  /**
   * Pub/sub is at most once: an edit made before the node's subscription came back is not relayed,
   * so the node tells watchers to catch up instead. Either way the watcher ends up with the note.
   */
  private static JsonObject awaitNote(BridgeClient watcher, String board) {
    long deadline = System.currentTimeMillis() + 15_000;
    while (System.currentTimeMillis() < deadline) {
      JsonObject event = watcher.nextOn(Commands.boardAddress(board), 1_000);
      if (event != null && "note.created".equals(event.getString("type"))) {
        return event.getJsonObject("note");
      }
      if (event != null && "stream.resync".equals(event.getString("type"))) {
        JsonObject caughtUp = watcher.command(Commands.sync(event.getString("stream")));
        return caughtUp.getJsonObject("snapshot").getJsonArray("notes").getJsonObject(0);
      }
    }
    throw new AssertionError("the watcher was neither sent the note nor told to catch up");
  }
}
