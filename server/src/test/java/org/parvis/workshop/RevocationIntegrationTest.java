package org.parvis.workshop;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parvis.testing.BridgeClient;
import org.parvis.testing.Commands;
import org.parvis.testing.NodeWithRedis;
import org.parvis.testing.ParvisNode;
import org.parvis.testing.RedisInspector;
import org.parvis.testing.RedisProcess;
import org.parvis.testing.TestWorkshop;

/**
 * Revocable identities through two real nodes on one real Redis: a removed participant, a replaced
 * join code and observer link, a deleted workshop. A dead token is refused as invalid_token on every
 * node within a second and its open sockets are closed.
 */
@ExtendWith(VertxExtension.class)
class RevocationIntegrationTest {

  @RegisterExtension
  static final NodeWithRedis node = new NodeWithRedis(Map.of());
  private static ParvisNode other;

  @BeforeAll
  static void startOtherNode() {
    other = ParvisNode.start(node.redisUrl());
  }

  @AfterAll
  static void stopOtherNode() {
    other.close();
  }

  @Test
  void aRemovedParticipantIsRefusedOnBothNodesWithinASecondItsSocketsClosedItsNotesKept(Vertx vertx) {
    TestWorkshop workshop = TestWorkshop.create(vertx, node.port(), "Retrait", "A");
    JsonObject joined = TestWorkshop.post(vertx, node.port(), "/api/join", new JsonObject().put("code", workshop.code())
        .put("name", "Troll").put("category", "habitant")).bodyAsJsonObject();
    String token = joined.getString("token");
    String participant = joined.getJsonObject("participant").getString("id");
    String board = workshop.board(0);
    try (BridgeClient animator = BridgeClient.connectSockJs(vertx, node.port(), workshop.animatorToken());
         BridgeClient here = BridgeClient.connectSockJs(vertx, node.port(), token);
         BridgeClient there = BridgeClient.connectSockJs(vertx, other.port(), token)) {
      animator.register(Commands.workshopAddress(workshop.id()));
      assertThat(animator.command(Commands.sync("workshop:" + workshop.id())).getBoolean("ok")).isTrue();
      here.register(Commands.boardAddress(board));
      assertThat(there.command(Commands.createNote(board, "n1", "Une idée qui reste")).getBoolean("ok")).isTrue();
      assertThat(here.command(Commands.sync("board:" + board)).getBoolean("ok")).isTrue();

      assertThat(TestWorkshop.deleteAs(vertx, node.port(), token, "/api/workshop/participants/" + participant).statusCode())
          .as("a participant may not remove anyone").isEqualTo(403);
      long removedAt = System.nanoTime();
      HttpResponse<Buffer> removed = TestWorkshop.deleteAs(vertx, node.port(), workshop.animatorToken(),
          "/api/workshop/participants/" + participant);
      assertThat(removed.statusCode()).isEqualTo(200);
      assertThat(removed.bodyAsJsonObject().getString("removed")).isEqualTo(participant);

      awaitClosed(here, there);
      long closedMillis = (System.nanoTime() - removedAt) / 1_000_000;
      assertThat(closedMillis).as("both sockets closed within a second").isLessThan(1_000);
      assertThat(there.errors()).extracting(error -> error.getString("body")).contains("removed");
      for (int port : List.of(node.port(), other.port())) {
        try (BridgeClient again = BridgeClient.connectSockJs(vertx, port, token)) {
          JsonObject refused = again.command(Commands.createNote(board, "n2", "Encore"));
          assertThat(refused.getString("error")).as("node on port " + port).isEqualTo("invalid_token");
        }
      }
      long refusedMillis = (System.nanoTime() - removedAt) / 1_000_000;
      System.out.printf("removed participant: both sockets closed after %d ms, refused on both nodes after %d ms%n",
          closedMillis, refusedMillis);
      assertThat(refusedMillis).as("refused on both nodes within a second").isLessThan(1_000);
      assertThat(TestWorkshop.getAs(vertx, other.port(), token, "/api/session").statusCode()).isEqualTo(401);

      JsonObject snapshot = animator.command(Commands.boardSnapshot(board)).getJsonObject("snapshot");
      assertThat(snapshot.getJsonArray("notes")).extracting(note -> ((JsonObject) note).getString("text"))
          .containsExactly("Une idée qui reste");
      assertThat(eventTypes(animator, workshop.id())).contains("participant.removed");
      assertThat(TestWorkshop.deleteAs(vertx, node.port(), workshop.animatorToken(),
          "/api/workshop/participants/pabcdefghijk").bodyAsJsonObject().getString("error")).isEqualTo("unknown_participant");
    }
  }

  @Test
  void aNewJoinCodeRefusesTheOldOneAndTheNewOneLetsPeopleIn(Vertx vertx) {
    TestWorkshop workshop = TestWorkshop.create(vertx, node.port(), "Nouveau code", "A");
    String invited = TestWorkshop.postAs(vertx, node.port(), workshop.animatorToken(), "/api/animators",
        new JsonObject().put("name", "Bernard")).bodyAsJsonObject().getString("token");
    assertThat(TestWorkshop.postAs(vertx, node.port(), invited, "/api/workshop/code", new JsonObject()).statusCode())
        .as("only the lead animator").isEqualTo(403);

    HttpResponse<Buffer> renewed = TestWorkshop.postAs(vertx, node.port(), workshop.animatorToken(), "/api/workshop/code",
        new JsonObject());

    assertThat(renewed.statusCode()).isEqualTo(200);
    String code = renewed.bodyAsJsonObject().getString("code");
    assertThat(code).isNotEqualTo(workshop.code());
    assertThat(renewed.bodyAsJsonObject().getJsonObject("links").getString("join")).isEqualTo("/#/j/" + code);
    for (int port : List.of(node.port(), other.port())) {
      HttpResponse<Buffer> old = TestWorkshop.post(vertx, port, "/api/join", newcomer(workshop.code()));
      assertThat(old.statusCode()).isEqualTo(404);
      assertThat(old.bodyAsJsonObject().getString("error")).isEqualTo("unknown_code");
      assertThat(TestWorkshop.get(vertx, port, "/api/join/" + workshop.code()).statusCode()).isEqualTo(404);
    }
    assertThat(TestWorkshop.post(vertx, other.port(), "/api/join", newcomer(code)).statusCode()).isEqualTo(200);
    assertThat(TestWorkshop.getAs(vertx, node.port(), workshop.animatorToken(), "/api/session").bodyAsJsonObject()
        .getJsonObject("workshop").getString("code")).isEqualTo(code);
  }

  @Test
  void aNewObserverLinkClosesTheOldOnesScreensAndRefusesItsToken(Vertx vertx) {
    TestWorkshop workshop = TestWorkshop.create(vertx, node.port(), "Nouveau lien", "A");
    try (BridgeClient projector = BridgeClient.connectSockJs(vertx, other.port(), workshop.observerToken())) {
      projector.register(Commands.boardAddress(workshop.board(0)));
      assertThat(projector.command(Commands.sync("board:" + workshop.board(0))).getBoolean("ok")).isTrue();

      HttpResponse<Buffer> renewed = TestWorkshop.postAs(vertx, node.port(), workshop.animatorToken(),
          "/api/workshop/observer-link", new JsonObject());

      assertThat(renewed.statusCode()).isEqualTo(200);
      String link = renewed.bodyAsJsonObject().getJsonObject("links").getString("observer");
      String newToken = link.substring("/#/o/".length());
      assertThat(newToken).isNotEqualTo(workshop.observerToken());
      awaitClosed(projector);
      assertThat(projector.errors()).extracting(error -> error.getString("body")).contains("link_replaced");
      for (int port : List.of(node.port(), other.port())) {
        try (BridgeClient old = BridgeClient.connectSockJs(vertx, port, workshop.observerToken());
             BridgeClient fresh = BridgeClient.connectSockJs(vertx, port, newToken)) {
          assertThat(old.command(Commands.sync("board:" + workshop.board(0))).getString("error")).isEqualTo("invalid_token");
          assertThat(fresh.command(Commands.sync("board:" + workshop.board(0))).getBoolean("ok")).isTrue();
        }
      }
      assertThat(TestWorkshop.getAs(vertx, node.port(), workshop.animatorToken(), "/api/session").bodyAsJsonObject()
          .getJsonObject("links").getString("observer")).isEqualTo(link);
    }
  }

  @Test
  void aDeletedWorkshopLeavesNoKeyInRedisAndEveryTokenOfItIsRefused(Vertx vertx) {
    TestWorkshop kept = TestWorkshop.create(vertx, node.port(), "Celui qui reste", "A");
    String keptParticipant = kept.join(vertx, "Reste");
    try (RedisInspector redis = new RedisInspector(vertx, node.redisUrl())) {
      Set<String> before = redis.allKeys();
      TestWorkshop doomed = TestWorkshop.create(vertx, node.port(), "À supprimer", "A", "B");
      String participant = doomed.join(vertx, "Sylvie");
      String invited = TestWorkshop.postAs(vertx, node.port(), doomed.animatorToken(), "/api/animators",
          new JsonObject().put("name", "Bernard")).bodyAsJsonObject().getString("token");
      TestWorkshop.postAs(vertx, node.port(), doomed.animatorToken(), "/api/workshop/code", new JsonObject());
      TestWorkshop.postAs(vertx, node.port(), doomed.animatorToken(), "/api/workshop/joining",
          new JsonObject().put("open", true));
      List<String> tokens = List.of(doomed.animatorToken(), doomed.observerToken(), participant, invited);
      try (BridgeClient sylvie = BridgeClient.connectSockJs(vertx, other.port(), participant);
           BridgeClient lead = BridgeClient.connectSockJs(vertx, node.port(), doomed.animatorToken())) {
        assertThat(sylvie.command(Commands.createNote(doomed.board(1), "n1", "Une note")).getBoolean("ok")).isTrue();
        assertThat(lead.command(Commands.showOnPlenary(List.of(doomed.board(1)))).getBoolean("ok")).isTrue();
        lead.register(Commands.workshopAddress(doomed.id()));
        assertThat(lead.command(Commands.sync("workshop:" + doomed.id())).getBoolean("ok")).isTrue();
        assertThat(redis.allKeys()).anyMatch(key -> key.contains(doomed.id()));

        assertThat(TestWorkshop.deleteAs(vertx, node.port(), invited, "/api/workshop").statusCode())
            .as("only the lead animator deletes").isEqualTo(403);
        HttpResponse<Buffer> deleted = TestWorkshop.deleteAs(vertx, node.port(), doomed.animatorToken(), "/api/workshop");

        assertThat(deleted.statusCode()).isEqualTo(200);
        Set<String> left = new HashSet<>(redis.allKeys());
        left.removeAll(before);
        assertThat(left).as("keys the deleted workshop left behind").isEmpty();
        assertThat(redis.isMember(WorkshopStore.WORKSHOPS_KEY, doomed.id())).isFalse();
        awaitClosed(sylvie, lead);
        assertThat(sylvie.errors()).extracting(error -> error.getString("body")).contains("workshop_deleted");
      }
      for (String token : tokens) {
        for (int port : List.of(node.port(), other.port())) {
          try (BridgeClient dead = BridgeClient.connectSockJs(vertx, port, token)) {
            assertThat(dead.command(new JsonObject().put("type", "workshop.get")).getString("error")).isEqualTo("invalid_token");
          }
          assertThat(TestWorkshop.getAs(vertx, port, token, "/api/session").statusCode()).isEqualTo(401);
        }
      }
      assertThat(TestWorkshop.get(vertx, node.port(), "/api/join/" + doomed.code()).statusCode()).isEqualTo(404);
      try (BridgeClient survivor = BridgeClient.connectSockJs(vertx, other.port(), keptParticipant)) {
        assertThat(survivor.command(Commands.createNote(kept.board(0), "n1", "Toujours là")).getBoolean("ok")).isTrue();
      }
    }
  }

  private static JsonObject newcomer(String code) {
    return new JsonObject().put("code", code).put("name", "Nadia").put("category", "habitant");
  }

  private static List<String> eventTypes(BridgeClient client, String workshopId) {
    List<String> types = new java.util.ArrayList<>();
    JsonObject event;
    while ((event = client.nextOn(Commands.workshopAddress(workshopId), 1_000)) != null) {
      types.add(event.getString("type"));
    }
    return types;
  }

  private static void awaitClosed(BridgeClient... clients) {
    long deadline = System.currentTimeMillis() + 5_000;
    while (System.currentTimeMillis() < deadline && !List.of(clients).stream().allMatch(BridgeClient::isClosed)) {
      RedisProcess.sleep(10);
    }
    assertThat(clients).allMatch(BridgeClient::isClosed);
  }
}
