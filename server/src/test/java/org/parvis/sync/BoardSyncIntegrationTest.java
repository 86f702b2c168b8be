package org.parvis.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.parvis.testing.BridgeClient;
import org.parvis.testing.Commands;
import org.parvis.testing.ParvisNode;
import org.parvis.testing.RedisProcess;
import org.parvis.testing.TestWorkshop;

@ExtendWith(VertxExtension.class)
class BoardSyncIntegrationTest {

  static RedisProcess redis;
  static ParvisNode node;

  @BeforeAll
  static void startServer() {
    redis = RedisProcess.start();
    node = ParvisNode.start(redis.url());
  }

  @AfterAll
  static void stopServer() {
    node.close();
    redis.close();
  }

  @Test
  void aNoteCreatedByOneParticipantReachesAnother(Vertx vertx) {
    TestWorkshop workshop = TestWorkshop.create(vertx, node.port(), "Atelier 1", "Rendez-vous");
    String board = workshop.board(0);
    try (BridgeClient alice = BridgeClient.connect(vertx, node.port(), workshop.join(vertx, "Alice"));
         BridgeClient bob = BridgeClient.connect(vertx, node.port(), workshop.join(vertx, "Bob"))) {
      bob.register("parvis.board." + board);
      bob.command(Commands.sync(board, null));

      JsonObject ack = alice.command(Commands.createNote(board, "n1", "Un café associatif"));

      assertThat(ack.getBoolean("ok")).isTrue();
      JsonObject event = bob.nextOn("parvis.board." + board, 5_000);
      assertThat(event).isNotNull();
      assertThat(event.getString("type")).isEqualTo("note.created");
      assertThat(event.getLong("rev")).isEqualTo(ack.getLong("rev"));
      assertThat(event.getJsonObject("note").getString("text")).isEqualTo("Un café associatif");
      assertThat(event.getJsonObject("note").getString("authorName")).isEqualTo("Alice");
    }
  }
}
