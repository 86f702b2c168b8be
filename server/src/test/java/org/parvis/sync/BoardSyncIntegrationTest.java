package org.parvis.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.parvis.testing.StreamReplica;
import org.parvis.testing.BridgeClient;
import org.parvis.testing.Commands;
import org.parvis.testing.ParvisNode;
import org.parvis.testing.RedisProcess;
import org.parvis.testing.TestWorkshop;

/** Live sync through the real SockJS bridge, a real Parvis node and a real redis-server. */
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
      bob.command(Commands.boardSnapshot(board));

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

  @Test
  void aClientHearsOnlyTheBoardsItFollowsAndNothingAfterLeavingOne(Vertx vertx) {
    TestWorkshop workshop = TestWorkshop.create(vertx, node.port(), "Atelier 5", "Mobilité", "Logement");
    String first = "parvis.board." + workshop.board(0);
    String second = "parvis.board." + workshop.board(1);
    try (BridgeClient alice = BridgeClient.connect(vertx, node.port(), workshop.join(vertx, "Alice"));
         BridgeClient bob = BridgeClient.connect(vertx, node.port(), workshop.join(vertx, "Bob"))) {
      alice.register(first);
      alice.register(second);
      bob.register(first);
      alice.command(Commands.boardSnapshot(workshop.board(1)));
      bob.command(Commands.boardSnapshot(workshop.board(0)));

      bob.command(Commands.createNote(workshop.board(1), "s1", "Covoiturage"));
      assertThat(alice.nextOn(second, 5_000).getString("type")).isEqualTo("note.created");
      assertThat(bob.nextOn(second, 300)).as("Bob does not follow the second board").isNull();

      alice.unregister(first);
      // Frames of one socket are handled in order: once this is answered, Alice has left.
      alice.command(Commands.boardSnapshot(workshop.board(1)));
      JsonObject ack = bob.command(Commands.createNote(workshop.board(0), "f1", "Un bus le samedi"));

      assertThat(bob.nextOn(first, 5_000).getLong("rev")).isEqualTo(ack.getLong("rev"));
      assertThat(alice.nextOn(first, 500)).as("Alice left the first board").isNull();
    }
  }

  @Test
  void concurrentEditsOfTheSameNoteConvergeOnEveryClient(Vertx vertx) throws Exception {
    TestWorkshop workshop = TestWorkshop.create(vertx, node.port(), "Atelier 2", "Tendances");
    String board = workshop.board(0);
    String address = "parvis.board." + board;
    try (BridgeClient alice = BridgeClient.connect(vertx, node.port(), workshop.join(vertx, "Alice"));
         BridgeClient bob = BridgeClient.connect(vertx, node.port(), workshop.join(vertx, "Bob"));
         BridgeClient animator = BridgeClient.connect(vertx, node.port(), workshop.animatorToken())) {
      // Bob edits Alice's note: a board where everyone edits everything.
      assertThat(animator.command(Commands.configure(board, "open", true)).getBoolean("ok")).isTrue();
      alice.register(address);
      bob.register(address);
      StreamReplica aliceView = StreamReplica.fromSync(alice.command(Commands.boardSnapshot(board)));
      StreamReplica bobView = StreamReplica.fromSync(bob.command(Commands.boardSnapshot(board)));
      alice.command(Commands.createNote(board, "shared", "départ"));

      CompletableFuture<Void> aliceEdits = CompletableFuture.runAsync(() -> editRepeatedly(alice, board, "alice", "blue"));
      CompletableFuture<Void> bobEdits = CompletableFuture.runAsync(() -> editRepeatedly(bob, board, "bob", "green"));
      CompletableFuture.allOf(aliceEdits, bobEdits).get();

      StreamReplica stored = StreamReplica.fromSync(alice.command(Commands.boardSnapshot(board)));
      drainInto(alice, address, aliceView, stored.rev());
      drainInto(bob, address, bobView, stored.rev());
      assertThat(aliceView.notes()).isEqualTo(stored.notes());
      assertThat(bobView.notes()).isEqualTo(stored.notes());
      assertThat(stored.notes().get("shared").getString("text")).matches("(alice|bob) 14");
    }
  }

  @Test
  void aRetriedCommandIdIsAppliedOnce(Vertx vertx) {
    TestWorkshop workshop = TestWorkshop.create(vertx, node.port(), "Atelier 3", "Scénario");
    String board = workshop.board(0);
    try (BridgeClient alice = BridgeClient.connect(vertx, node.port(), workshop.join(vertx, "Alice"))) {
      JsonObject create = Commands.createNote(board, "once", "Une navette solidaire");

      JsonObject first = alice.command(create);
      JsonObject retry = alice.command(create.copy());

      assertThat(first.getBoolean("ok")).isTrue();
      assertThat(retry.getBoolean("ok")).isTrue();
      assertThat(retry.getBoolean("duplicate")).isTrue();
      assertThat(retry.getLong("rev")).isEqualTo(first.getLong("rev"));
      JsonObject snapshot = alice.command(Commands.boardSnapshot(board));
      assertThat(snapshot.getLong("rev")).isEqualTo(first.getLong("rev"));
      assertThat(snapshot.getJsonObject("snapshot").getJsonArray("notes")).hasSize(1);
    }
  }

  @Test
  void aClientThatWasAwayCatchesUpFromItsLastRevision(Vertx vertx) {
    TestWorkshop workshop = TestWorkshop.create(vertx, node.port(), "Atelier 4", "Charte");
    String board = workshop.board(0);
    String bobToken = workshop.join(vertx, "Bob");
    StreamReplica bobView;
    try (BridgeClient bob = BridgeClient.connect(vertx, node.port(), bobToken)) {
      bob.command(Commands.createNote(board, "before", "avant la coupure"));
      bobView = StreamReplica.fromSync(bob.command(Commands.boardSnapshot(board)));
    }
    try (BridgeClient alice = BridgeClient.connect(vertx, node.port(), workshop.join(vertx, "Alice"));
         BridgeClient animator = BridgeClient.connect(vertx, node.port(), workshop.animatorToken())) {
      // Alice recolours Bob's note: a board where everyone edits everything.
      animator.command(Commands.configure(board, "open", true));
      alice.command(Commands.createNote(board, "during", "pendant"));
      alice.command(Commands.updateNote(board, "before", new JsonObject().put("color", "pink")));
      alice.command(Commands.deleteNote(board, "during"));
    }

    try (BridgeClient bob = BridgeClient.connect(vertx, node.port(), bobToken)) {
      JsonObject catchUp = bob.command(bobView.syncCommand());

      assertThat(catchUp.getJsonArray("events")).hasSize(3);
      bobView.applySync(catchUp);
      assertThat(bobView.notes()).isEqualTo(StreamReplica.fromSync(bob.command(Commands.boardSnapshot(board))).notes());
      assertThat(bobView.notes().get("before").getString("color")).isEqualTo("pink");
    }
  }

  private static void editRepeatedly(BridgeClient client, String board, String who, String color) {
    for (int i = 0; i < 15; i++) {
      JsonObject fields = new JsonObject().put("text", who + " " + i).put("x", 10 + i);
      if (i % 3 == 0) {
        fields.put("color", color);
      }
      assertThat(client.command(Commands.updateNote(board, "shared", fields)).getBoolean("ok")).isTrue();
    }
  }

  private static void drainInto(BridgeClient client, String address, StreamReplica replica, long untilRev) {
    List<JsonObject> seen = new ArrayList<>();
    while (replica.rev() < untilRev) {
      JsonObject event = client.nextOn(address, 5_000);
      assertThat(event).as("events after %s (rev %d of %d)", seen, replica.rev(), untilRev).isNotNull();
      seen.add(event);
      replica.apply(event);
    }
  }
}
