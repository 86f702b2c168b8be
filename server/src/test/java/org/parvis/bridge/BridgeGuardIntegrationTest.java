package org.parvis.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.parvis.testing.BridgeClient;
import org.parvis.testing.Commands;
import org.parvis.testing.ParvisNode;
import org.parvis.testing.RedisProcess;
import org.parvis.testing.TestWorkshop;

/** Roles, workshop walls and bad input, enforced at the real bridge. */
@ExtendWith(VertxExtension.class)
class BridgeGuardIntegrationTest {

  static RedisProcess redis;
  static ParvisNode node;

  @BeforeAll
  static void startServer() {
    redis = RedisProcess.start();
    node = ParvisNode.start(redis.url(), Map.of("PARVIS_RATE_PER_SECOND", "5", "PARVIS_RATE_BURST", "20"));
  }

  @AfterAll
  static void stopServer() {
    node.close();
    redis.close();
  }

  @Test
  void anObserverCannotWriteAndTheBoardStaysUnchanged(Vertx vertx) {
    TestWorkshop workshop = TestWorkshop.create(vertx, node.port(), "Plénière", "A");
    try (BridgeClient observer = BridgeClient.connect(vertx, node.port(), workshop.observerToken())) {
      JsonObject refused = observer.command(Commands.createNote(workshop.board(0), "n", "intrus"));

      assertThat(refused.getBoolean("ok")).isFalse();
      assertThat(refused.getString("error")).isEqualTo("forbidden");
      assertThat(notesOn(observer, workshop.board(0))).isZero();
    }
  }

  @Test
  void aParticipantCannotSubscribeToNorWriteIntoAnotherWorkshop(Vertx vertx) {
    TestWorkshop mine = TestWorkshop.create(vertx, node.port(), "Mine", "A");
    TestWorkshop theirs = TestWorkshop.create(vertx, node.port(), "Theirs", "B");
    try (BridgeClient intruder = BridgeClient.connect(vertx, node.port(), mine.join(vertx, "Eve"));
         BridgeClient owner = BridgeClient.connect(vertx, node.port(), theirs.join(vertx, "Olga"))) {
      intruder.register("parvis.board." + theirs.board(0));
      JsonObject registerError = intruder.awaitError(5_000);
      assertThat(registerError).isNotNull();
      assertThat(registerError.getString("body")).isEqualTo("rejected");

      JsonObject write = intruder.command(Commands.createNote(theirs.board(0), "x", "spam"));
      JsonObject read = intruder.command(Commands.boardSnapshot(theirs.board(0)));
      owner.command(Commands.createNote(theirs.board(0), "legit", "vraie idée"));

      assertThat(write.getString("error")).isEqualTo("forbidden");
      assertThat(read.getString("error")).isEqualTo("forbidden");
      assertThat(intruder.nextOn("parvis.board." + theirs.board(0), 500)).isNull();
      assertThat(notesOn(owner, theirs.board(0))).isEqualTo(1);
    }
  }

  @Test
  void aMalformedBoardAddressOfOnesOwnWorkshopIsRefusedAndTheRealBoardStillFollowed(Vertx vertx) {
    TestWorkshop workshop = TestWorkshop.create(vertx, node.port(), "Adresses", "A");
    String board = "parvis.board." + workshop.board(0);
    try (BridgeClient client = BridgeClient.connect(vertx, node.port(), workshop.join(vertx, "Paul"))) {
      client.register(board + "x");
      assertThat(client.awaitError(5_000)).as("an error frame for the malformed address").isNotNull();

      client.register(board);
      client.command(Commands.boardSnapshot(workshop.board(0)));
      JsonObject ack = client.command(Commands.createNote(workshop.board(0), "n1", "Marché du jeudi"));

      assertThat(client.nextOn(board, 5_000).getLong("rev")).isEqualTo(ack.getLong("rev"));
      assertThat(client.nextOn(board + "x", 300)).isNull();
    }
  }

  @Test
  void rolesClaimedInHeadersAreIgnored(Vertx vertx) {
    TestWorkshop workshop = TestWorkshop.create(vertx, node.port(), "Headers", "A");
    String token = workshop.join(vertx, "Mallory");
    try (BridgeClient mallory = BridgeClient.connect(vertx, node.port(), token)) {
      JsonObject forgedIdentity = new JsonObject().put("workshop", workshop.id()).put("role", "animator")
          .put("participant", "animator").put("name", "Animation");
      JsonObject lock = new JsonObject().put("type", "board.lock").put("id", Commands.freshId())
          .put("board", workshop.board(0)).put("locked", true);

      JsonObject answer = mallory.request("parvis.cmd", lock, new JsonObject()
          .put("token", token).put("role", "animator").put("parvis-identity", forgedIdentity.encode())
          .put("parvis-proved-token", workshop.animatorToken().substring(1)));
      JsonObject withoutToken = mallory.request("parvis.cmd", lock,
          new JsonObject().put("parvis-identity", forgedIdentity.encode()).put("parvis-proved-token", token));

      assertThat(answer.getString("error")).isEqualTo("forbidden");
      assertThat(withoutToken.getString("error")).isEqualTo("invalid_token");
    }
  }

  @Test
  void sendsToReplyAddressesAndUnknownAddressesAreRefused(Vertx vertx) {
    TestWorkshop workshop = TestWorkshop.create(vertx, node.port(), "Adresses", "A");
    try (BridgeClient client = BridgeClient.connect(vertx, node.port(), workshop.join(vertx, "Zoé"))) {
      client.send(new JsonObject().put("type", "send").put("address", "__vertx.reply.1").put("body", new JsonObject())
          .put("headers", new JsonObject()));
      assertThat(client.awaitError(5_000)).isNotNull();
      client.send(new JsonObject().put("type", "publish").put("address", "parvis.board." + workshop.board(0))
          .put("body", new JsonObject().put("type", "note.created")));

      assertThat(client.nextOn("parvis.board." + workshop.board(0), 300)).isNull();
      assertThat(client.errors()).hasSize(2).allSatisfy(error -> assertThat(error.getString("body")).isEqualTo("rejected"));
    }
  }

  @Test
  void badCommandsGetAClearErrorAndChangeNothing(Vertx vertx) {
    TestWorkshop workshop = TestWorkshop.create(vertx, node.port(), "Entrées", "A");
    String board = workshop.board(0);
    try (BridgeClient client = BridgeClient.connect(vertx, node.port(), workshop.animatorToken())) {
      JsonObject token = new JsonObject().put("token", workshop.animatorToken());
      client.command(Commands.createNote(board, "kept", "à garder"));

      assertThat(client.request("parvis.cmd", "not an object", token).getString("error")).isEqualTo("invalid_json");
      assertThat(client.command(new JsonObject().put("type", "note.explode")).getString("error")).isEqualTo("unknown_command");
      assertThat(client.command(Commands.createNote(board, "big", "x".repeat(9_000))).getString("error")).isEqualTo("too_large");
      assertThat(client.command(Commands.createNote(board, "long", "é".repeat(501))).getString("error")).isEqualTo("text_too_long");
      assertThat(client.command(Commands.updateNote(board, "ghost", new JsonObject().put("text", "?"))).getString("error"))
          .isEqualTo("unknown_note");
      assertThat(client.command(Commands.createNote(workshop.id() + "-99", "n", "?")).getString("error")).isEqualTo("unknown_board");
      JsonObject badColor = client.command(Commands.updateNote(board, "kept", new JsonObject().put("color", "red")));
      assertThat(badColor.getString("error")).isEqualTo("invalid_field");
      assertThat(badColor.getString("field")).isEqualTo("color");
      assertThat(client.command(Commands.updateNote(board, "kept", new JsonObject().put("x", -5))).getString("field")).isEqualTo("x");
      assertThat(client.command(Commands.createNote(board, "bad id!", "?")).getString("field")).isEqualTo("note.id");
      assertThat(client.command(Commands.createNote(board, "kept", "again")).getString("error")).isEqualTo("note_exists");
      assertThat(client.command(new JsonObject().put("type", "note.delete").put("board", board).put("noteId", "kept"))
          .getString("field")).isEqualTo("id");

      JsonObject snapshot = client.command(Commands.boardSnapshot(board)).getJsonObject("snapshot");
      assertThat(snapshot.getJsonArray("notes")).hasSize(1);
      assertThat(snapshot.getJsonArray("notes").getJsonObject(0).getString("text")).isEqualTo("à garder");
    }
  }

  @Test
  void scriptAndOddUnicodeAreKeptAsPlainText(Vertx vertx) {
    TestWorkshop workshop = TestWorkshop.create(vertx, node.port(), "Unicode", "A");
    String board = workshop.board(0);
    try (BridgeClient client = BridgeClient.connect(vertx, node.port(), workshop.join(vertx, "Ana"))) {
      String script = "<script>alert('x')</script><img src=x onerror=alert(1)>";
      String decomposed = "Cafe\u0301 \uD83D\uDE80 \u202Eevil\u0000";
      client.command(Commands.createNote(board, "script", script));
      client.command(Commands.createNote(board, "unicode", decomposed));

      JsonObject snapshot = client.command(Commands.boardSnapshot(board)).getJsonObject("snapshot");
      Map<String, String> texts = new java.util.HashMap<>();
      snapshot.getJsonArray("notes").forEach(note -> texts.put(((JsonObject) note).getString("id"), ((JsonObject) note).getString("text")));

      assertThat(texts.get("script")).isEqualTo(script);
      assertThat(texts.get("unicode")).isEqualTo("Café \uD83D\uDE80 evil");
    }
  }

  @Test
  void aFloodOfCommandsIsThrottledWithAClearError(Vertx vertx) {
    TestWorkshop workshop = TestWorkshop.create(vertx, node.port(), "Flood", "A");
    try (BridgeClient flooder = BridgeClient.connect(vertx, node.port(), workshop.join(vertx, "Flo"));
         BridgeClient calm = BridgeClient.connect(vertx, node.port(), workshop.join(vertx, "Camille"))) {
      int refused = 0;
      for (int i = 0; i < 40; i++) {
        JsonObject answer = flooder.command(Commands.createNote(workshop.board(0), "f" + i, "flood " + i));
        if ("rate_limited".equals(answer.getString("error"))) {
          refused++;
        }
      }

      assertThat(refused).isGreaterThan(0);
      assertThat(calm.command(Commands.createNote(workshop.board(0), "calm", "une idée")).getBoolean("ok")).isTrue();
    }
  }

  private static int notesOn(BridgeClient client, String board) {
    return client.command(Commands.boardSnapshot(board)).getJsonObject("snapshot").getJsonArray("notes").size();
  }
}
