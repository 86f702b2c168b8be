package org.parvis.charter;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parvis.testing.BridgeClient;
import org.parvis.testing.Commands;
import org.parvis.testing.NodeWithRedis;
import org.parvis.testing.TestWorkshop;

/**
 * The charter through the real bridge and Redis: a commitment written on one phone reaches the
 * others with its author's category; two people sign it and everyone (observer included) sees the
 * count and the names live; a second signature by the same person, a command sent twice, an
 * animator's signature change nothing; once frozen, signatures and changes are refused
 * charter_frozen, a reload's snapshot and a catch-up show the frozen charter, and the animators read
 * the kept document over HTTP.
 */
@ExtendWith(VertxExtension.class)
class CharterIntegrationTest {

  @RegisterExtension
  static final NodeWithRedis NODE = new NodeWithRedis(Map.of());

  @Test
  void signaturesAreCountedOncePerPersonLiveForAllAndFreezingKeepsTheCharter(Vertx vertx) {
    Room room = Room.open(vertx);
    String board = room.board;
    String address = Commands.boardAddress(board);
    String aliceToken = room.join(vertx, "Alice", "habitant");
    String brunoToken = room.join(vertx, "Bruno", "acteur");
    JsonObject brunoState;
    try (BridgeClient animator = BridgeClient.connect(vertx, NODE.port(), room.animatorToken);
         BridgeClient alice = BridgeClient.connect(vertx, NODE.port(), aliceToken);
         BridgeClient bruno = BridgeClient.connectPolling(vertx, NODE.port(), brunoToken);
         BridgeClient observer = BridgeClient.connectSockJs(vertx, NODE.port(), room.observerToken)) {
      for (BridgeClient client : List.of(animator, alice, bruno, observer)) {
        client.register(address);
        JsonObject charter = client.command(Commands.boardSnapshot(board)).getJsonObject("snapshot").getJsonObject("charter");
        assertThat(charter.getBoolean("frozen")).isFalse();
        assertThat(charter.getJsonArray("commitments")).isEmpty();
      }

      assertThat(alice.command(create(board, "c1", "z1", "  Ouvrir la salle   des fêtes le jeudi soir ")).getBoolean("ok")).isTrue();
      JsonObject created = nextEventOf(bruno, address);
      assertThat(created.getString("type")).isEqualTo("commitment.created");
      JsonObject commitment = created.getJsonObject("commitment");
      assertThat(commitment.getString("text")).isEqualTo("Ouvrir la salle des fêtes le jeudi soir");
      assertThat(commitment.getString("category")).isEqualTo("habitant");
      assertThat(commitment.getString("zone")).isEqualTo("z1");
      assertThat(commitment.getJsonArray("signatures")).isEmpty();
      assertThat(nextEventOf(observer, address).getString("type")).isEqualTo("commitment.created");

      JsonObject aliceSigns = sign(board, "c1", true);
      assertThat(alice.command(aliceSigns).getBoolean("ok")).isTrue();
      assertThat(bruno.command(sign(board, "c1", true)).getBoolean("ok")).isTrue();
      JsonObject first = nextEventOf(observer, address);
      JsonObject second = nextEventOf(observer, address);
      assertThat(List.of(first.getInteger("count"), second.getInteger("count"))).containsExactly(1, 2);
      assertThat(second.getJsonObject("signature").getString("name")).isEqualTo("Bruno");
      assertThat(second.getJsonObject("signature").getString("category")).isEqualTo("acteur");
      assertThat(nextEventOf(alice, address).getString("type")).isEqualTo("commitment.created");
      assertThat(nextEventOf(alice, address).getInteger("count")).isEqualTo(1);
      assertThat(nextEventOf(alice, address).getInteger("count")).as("Alice sees Bruno's signature live").isEqualTo(2);

      JsonObject twice = alice.command(sign(board, "c1", true));
      assertThat(twice.getString("error")).isEqualTo("already_signed");
      assertThat(twice.getString("field")).isEqualTo("signed");
      assertThat(alice.command(aliceSigns).getBoolean("duplicate")).as("the same command sent again").isTrue();
      assertThat(animator.command(sign(board, "c1", true)).getString("error")).isEqualTo("forbidden");
      JsonObject tooLong = alice.command(create(board, "c2", "z2", "x".repeat(CharterRules.MAX_TEXT + 1)));
      assertThat(tooLong.getString("error")).isEqualTo("text_too_long");
      assertThat(tooLong.getString("field")).isEqualTo("text");
      assertThat(alice.command(create(board, "c2", "z9", "Un texte")).getString("field")).isEqualTo("zone");
      assertThat(alice.command(sign(board, "nope", true)).getString("error")).isEqualTo("unknown_commitment");
      assertThat(alice.command(new JsonObject().put("type", "commitment.delete").put("id", Commands.freshId())
          .put("board", board).put("commitmentId", "c1")).getString("error")).as("moderation is the animators'").isEqualTo("forbidden");

      JsonObject counted = observer.command(Commands.boardSnapshot(board)).getJsonObject("snapshot").getJsonObject("charter");
      JsonArray signatures = counted.getJsonArray("commitments").getJsonObject(0).getJsonArray("signatures");
      assertThat(signatures.stream().map(s -> ((JsonObject) s).getString("name")).toList()).containsExactly("Alice", "Bruno");

      brunoState = bruno.command(Commands.boardSnapshot(board));
      assertThat(alice.command(freeze(board, true)).getString("error")).isEqualTo("forbidden");
      assertThat(animator.command(freeze(board, true)).getBoolean("ok")).isTrue();
      JsonObject refused = alice.command(sign(board, "c1", false));
      assertThat(refused.getString("error")).isEqualTo("charter_frozen");
      assertThat(alice.command(create(board, "c3", "z1", "Trop tard")).getString("error")).isEqualTo("charter_frozen");
      assertThat(animator.command(new JsonObject().put("type", "commitment.edit").put("id", Commands.freshId()).put("board", board)
          .put("commitmentId", "c1").put("text", "Autre")).getString("error")).isEqualTo("charter_frozen");
    }

    try (BridgeClient bruno = BridgeClient.connect(vertx, NODE.port(), brunoToken);
         BridgeClient reloaded = BridgeClient.connect(vertx, NODE.port(), aliceToken)) {
      bruno.register(address);
      JsonObject caughtUp = bruno.command(Commands.sync("board:" + board, brunoState.getLong("rev"), brunoState.getString("h")));
      assertThat(caughtUp.getJsonArray("events").stream().map(e -> ((JsonObject) e).getString("type")).toList())
          .as("catch-up after the freeze").containsExactly("charter.frozen");
      reloaded.register(address);
      JsonObject charter = reloaded.command(Commands.boardSnapshot(board)).getJsonObject("snapshot").getJsonObject("charter");
      assertThat(charter.getBoolean("frozen")).isTrue();
      assertThat(charter.getLong("frozenAt")).isPositive();
      assertThat(charter.getJsonArray("commitments").getJsonObject(0).getJsonArray("signatures")).hasSize(2);
    }

    JsonObject kept = TestWorkshop.getAs(vertx, NODE.port(), room.animatorToken, "/api/workshop/charters/" + board).bodyAsJsonObject();
    JsonObject firstIndicator = kept.getJsonArray("indicators").getJsonObject(0);
    assertThat(firstIndicator.getString("title")).isEqualTo("Rendez-vous / Isolement");
    JsonObject keptCommitment = firstIndicator.getJsonArray("commitments").getJsonObject(0);
    assertThat(keptCommitment.getInteger("count")).isEqualTo(2);
    assertThat(keptCommitment.getString("category")).isEqualTo("habitant");
    assertThat(kept.getLong("frozenAt")).isPositive();
    assertThat(TestWorkshop.getAs(vertx, NODE.port(), aliceToken, "/api/workshop/charters/" + board).statusCode()).isEqualTo(403);
    assertThat(TestWorkshop.getAs(vertx, NODE.port(), room.animatorToken, "/api/workshop/charters/" + room.notesBoard).statusCode())
        .isEqualTo(400);
  }

  @Test
  void animatorsMergeReorderAndTheLeadUnfreezes(Vertx vertx) {
    Room room = Room.open(vertx);
    String board = room.board;
    try (BridgeClient animator = BridgeClient.connect(vertx, NODE.port(), room.animatorToken);
         BridgeClient alice = BridgeClient.connect(vertx, NODE.port(), room.join(vertx, "Alice", "elu"));
         BridgeClient bruno = BridgeClient.connect(vertx, NODE.port(), room.join(vertx, "Bruno", "habitant"))) {
      for (String id : List.of("a", "b", "c")) {
        assertThat(alice.command(create(board, id, "z3", "Engagement " + id)).getBoolean("ok")).isTrue();
      }
      alice.command(sign(board, "a", true));
      alice.command(sign(board, "b", true));
      bruno.command(sign(board, "b", true));
      JsonObject merge = new JsonObject().put("type", "commitment.merge").put("id", Commands.freshId()).put("board", board)
          .put("commitmentId", "b").put("into", "a").put("text", "Engagement a et b");
      assertThat(animator.command(merge).getBoolean("ok")).isTrue();
      JsonObject reorder = new JsonObject().put("type", "commitment.reorder").put("id", Commands.freshId()).put("board", board)
          .put("zone", "z3").put("order", new JsonArray().add("c").add("a"));
      assertThat(animator.command(reorder).getBoolean("ok")).isTrue();
      JsonObject wrongOrder = reorder.copy().put("id", Commands.freshId()).put("order", new JsonArray().add("c"));
      assertThat(animator.command(wrongOrder).getString("error")).isEqualTo("order_mismatch");

      JsonArray commitments = bruno.command(Commands.boardSnapshot(board)).getJsonObject("snapshot").getJsonObject("charter")
          .getJsonArray("commitments");
      assertThat(commitments.stream().map(c -> ((JsonObject) c).getString("id")).toList()).containsExactly("c", "a");
      JsonObject merged = commitments.getJsonObject(1);
      assertThat(merged.getString("text")).isEqualTo("Engagement a et b");
      assertThat(merged.getBoolean("edited")).isTrue();
      assertThat(merged.getJsonArray("signatures")).as("Alice signed both: once").hasSize(2);

      assertThat(animator.command(freeze(board, true)).getBoolean("ok")).isTrue();
      assertThat(animator.command(freeze(board, false)).getBoolean("ok")).as("the lead animator unfreezes").isTrue();
      assertThat(bruno.command(sign(board, "c", true)).getBoolean("ok")).isTrue();
      assertThat(TestWorkshop.getAs(vertx, NODE.port(), room.animatorToken, "/api/workshop/charters/" + board).statusCode())
          .as("no frozen charter kept once unfrozen").isEqualTo(404);
    }
  }

  private static JsonObject create(String board, String commitmentId, String zone, String text) {
    return new JsonObject().put("type", "commitment.create").put("id", Commands.freshId()).put("board", board)
        .put("commitmentId", commitmentId).put("zone", zone).put("text", text);
  }

  private static JsonObject sign(String board, String commitmentId, boolean signed) {
    return new JsonObject().put("type", "commitment.sign").put("id", Commands.freshId()).put("board", board)
        .put("commitmentId", commitmentId).put("signed", signed);
  }

  private static JsonObject freeze(String board, boolean frozen) {
    return new JsonObject().put("type", "charter.freeze").put("id", Commands.freshId()).put("board", board).put("frozen", frozen);
  }

  private static JsonObject nextEventOf(BridgeClient client, String address) {
    for (JsonObject event = client.nextOn(address, 10_000); event != null; event = client.nextOn(address, 10_000)) {
      if (event.getLong("rev") != null && !event.getString("type").startsWith("stream.")) {
        return event;
      }
    }
    throw new AssertionError("no event on " + address);
  }

  /** A workshop of atelier 4: a charter board and a board of notes; people join it with their category. */
  private record Room(String code, String board, String notesBoard, String animatorToken, String observerToken) {

    static Room open(Vertx vertx) {
      JsonObject created = TestWorkshop.post(vertx, NODE.port(), "/api/workshops", new JsonObject()
          .put("title", "Atelier 4").put("groups", new JsonArray()
              .add(new JsonObject().put("name", "Charte").put("template", "charte"))
              .add(new JsonObject().put("name", "Exposition").put("template", "free")))).bodyAsJsonObject();
      JsonObject workshop = created.getJsonObject("workshop");
      JsonArray boards = workshop.getJsonArray("boards");
      return new Room(workshop.getString("code"), boards.getJsonObject(0).getString("id"), boards.getJsonObject(1).getString("id"),
          created.getString("animatorToken"), created.getString("observerToken"));
    }

    String join(Vertx vertx, String name, String category) {
      return TestWorkshop.post(vertx, NODE.port(), "/api/join", new JsonObject()
          .put("code", code).put("name", name).put("category", category).put("board", board)).bodyAsJsonObject().getString("token");
    }
  }
}
