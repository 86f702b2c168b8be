package org.parvis.subgroups;

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
 * The ateliers' templates through the real HTTP API, SockJS bridge and Redis: an atelier created
 * from its template has its boards and agenda; atelier 3's kept actions get their sub-group boards
 * once the vote is closed, once; the thematic axes become boards that participants pick.
 */
@ExtendWith(VertxExtension.class)
class AtelierIntegrationTest {

  @RegisterExtension
  static final NodeWithRedis node = new NodeWithRedis(Map.of("PARVIS_RATE_PER_SECOND", "1000", "PARVIS_RATE_BURST", "1000"));

  @Test
  void atelierTwoIsCreatedWithItsTrendBoardsAndItsAgenda(Vertx vertx) {
    TestWorkshop workshop = create(vertx, "atelier2", "Se loger", "Se déplacer");
    JsonObject session = session(vertx, workshop.animatorToken());
    JsonArray boards = session.getJsonObject("workshop").getJsonArray("boards");

    assertThat(boards.stream().map(board -> ((JsonObject) board).getString("template"))).containsExactly("tendances", "tendances");
    assertThat(boards.getJsonObject(0).getJsonArray("zones").stream().map(zone -> ((JsonObject) zone).getString("title")))
        .containsExactly("Tendances", "Risques", "Opportunités", "Intentions d'actions");
    try (BridgeClient phone = BridgeClient.connect(vertx, node.port(), workshop.join(vertx, "Sylvie"))) {
      JsonArray agenda = phone.command(Commands.sync("workshop:" + workshop.id())).getJsonObject("snapshot")
          .getJsonObject("agenda").getJsonArray("sequences");
      assertThat(agenda.stream().map(sequence -> ((JsonObject) sequence).getString("title"))).containsExactly(
          "Rappel de l'atelier précédent", "Présentation des grandes tendances d'avenir", "Tendances, risques et opportunités",
          "Intentions d'actions", "Pause dînatoire", "Restitution en plénière");
      assertThat(agenda.stream().mapToInt(sequence -> ((JsonObject) sequence).getInteger("minutes")).sum()).isEqualTo(150);
      assertThat(agenda.getJsonObject(2).getJsonArray("boards")).containsExactlyElementsOf(workshop.boardIds());
    }
    assertThat(TestWorkshop.post(vertx, node.port(), "/api/workshops", new JsonObject().put("title", "X").put("atelier", "atelier9")
        .put("groups", new JsonArray().add(new JsonObject().put("name", "A")))).bodyAsJsonObject().getString("field"))
        .isEqualTo("atelier");
  }

  @Test
  void atelierThreeDeepensTheKeptActionsOnceTheVoteIsClosedAndOnlyOnce(Vertx vertx) {
    TestWorkshop workshop = create(vertx, "atelier3");
    String actions = workshop.board(0);
    String address = Commands.workshopAddress(workshop.id());
    try (BridgeClient animator = BridgeClient.connect(vertx, node.port(), workshop.animatorToken());
         BridgeClient phone = BridgeClient.connect(vertx, node.port(), workshop.join(vertx, "Sylvie"))) {
      for (String[] note : List.of(new String[] {"n-cafe", "Un café associatif"}, new String[] {"n-bus", "Navette du marché"},
          new String[] {"n-troc", "Troc de services"})) {
        assertOk(animator.command(Commands.createNote(actions, note[0], note[1])));
      }
      assertOk(animator.command(Commands.openVote("v1", actions, 3)));
      assertThat(animator.command(deepen("v1", 2)).getString("error")).isEqualTo("vote_not_closed");
      assertOk(phone.command(Commands.castDot("v1", actions, "n-cafe")));
      assertOk(phone.command(Commands.castDot("v1", actions, "n-cafe")));
      assertOk(phone.command(Commands.castDot("v1", actions, "n-bus")));
      assertOk(animator.command(Commands.closeVote("v1")));
      phone.register(address);

      assertThat(phone.command(deepen("v1", 2)).getString("error")).as("a participant").isEqualTo("forbidden");
      assertThat(animator.command(deepen("v0", 2)).getString("error")).isEqualTo("unknown_vote");
      assertThat(animator.command(deepen("v1", 9)).getString("field")).isEqualTo("keep");
      JsonObject deepening = deepen("v1", 2);
      JsonObject deepened = animator.command(deepening);
      assertOk(deepened);

      // The vote's closing may reach the phone after its register: the deepening is the event of its own revision.
      JsonObject added = phone.eventAt(address, deepened.getLong("rev"), 10_000);
      assertThat(added.getString("type")).isEqualTo("boards.added");
      JsonArray boards = added.getJsonArray("boards");
      assertThat(boards.stream().map(board -> ((JsonObject) board).getString("name")))
          .containsExactly("Un café associatif", "Navette du marché");
      assertThat(boards.getJsonObject(0).getJsonArray("zones").stream().map(zone -> ((JsonObject) zone).getString("title")))
          .containsExactly("Qui", "Quoi", "Quand", "Ressources");
      String firstBoard = boards.getJsonObject(0).getString("id");

      assertThat(animator.command(deepen("v1", 2)).getString("error")).as("a second time").isEqualTo("already_deepened");
      assertThat(animator.command(deepening).getBoolean("duplicate")).as("the same command again, after a lost reply").isTrue();
      JsonArray listed = session(vertx, workshop.animatorToken()).getJsonObject("workshop").getJsonArray("boards");
      assertThat(listed).as("the actions board and one per kept action, nothing made twice").hasSize(3);
      assertThat(listed.getJsonObject(1).getString("id")).isEqualTo(firstBoard);

      phone.register(Commands.boardAddress(firstBoard));
      assertOk(phone.command(Commands.createNote(firstBoard, "n-qui", "Le comité des fêtes").put("note",
          new JsonObject().put("id", "n-qui").put("text", "Le comité des fêtes").put("zone", "z1"))));
    }
  }

  @Test
  void participantsPickTheirAxisAndTheLeadAnimatorAssignsTheOthers(Vertx vertx) {
    TestWorkshop workshop = create(vertx, "axes");
    String address = Commands.workshopAddress(workshop.id());
    JsonObject alice = workshop.joinAnswer(vertx, "Alice", "habitant");
    JsonObject bruno = workshop.joinAnswer(vertx, "Bruno", "elu");
    try (BridgeClient animator = BridgeClient.connect(vertx, node.port(), workshop.animatorToken());
         BridgeClient alicePhone = BridgeClient.connect(vertx, node.port(), alice.getString("token"));
         BridgeClient brunoPhone = BridgeClient.connect(vertx, node.port(), bruno.getString("token"))) {
      assertThat(alicePhone.command(choose(workshop.board(0))).getString("error")).isEqualTo("no_axes");
      assertThat(animator.command(axes("1", "2", "3", "4", "5", "6", "7")).getString("field")).isEqualTo("axes");
      animator.register(address);
      alicePhone.register(address);
      JsonObject axesSet = animator.command(axes("Se loger", "Se nourrir", "Se déplacer"));
      assertOk(axesSet);
      JsonArray boards = alicePhone.eventAt(address, axesSet.getLong("rev"), 10_000).getJsonArray("boards");
      assertThat(boards.stream().map(board -> ((JsonObject) board).getString("template"))).containsOnly("axe");
      assertThat(animator.eventAt(address, axesSet.getLong("rev"), 10_000).getString("type")).isEqualTo("boards.added");
      assertThat(animator.command(axes("Autre chose")).getString("error")).isEqualTo("axes_exist");
      String loger = boards.getJsonObject(0).getString("id");
      String deplacer = boards.getJsonObject(2).getString("id");

      assertOk(alicePhone.command(choose(loger)));
      JsonObject moved = nextEvent(alicePhone, address);
      assertThat(moved.getString("type")).isEqualTo("participant.moved");
      assertThat(moved.getString("board")).isEqualTo(loger);
      assertThat(nextEvent(animator, address).getString("participant"))
          .isEqualTo(alice.getJsonObject("participant").getString("id"));
      assertThat(session(vertx, alice.getString("token")).getJsonObject("participant").getString("board")).isEqualTo(loger);

      assertThat(brunoPhone.command(choose(workshop.board(0))).getString("error")).isEqualTo("not_an_axis");
      assertThat(animator.command(choose(loger)).getString("error")).isEqualTo("forbidden");
      assertOk(animator.command(new JsonObject().put("type", "participant.move").put("id", Commands.freshId())
          .put("participant", bruno.getJsonObject("participant").getString("id")).put("board", deplacer)));
      assertThat(session(vertx, bruno.getString("token")).getJsonObject("participant").getString("board")).isEqualTo(deplacer);

      assertOk(animator.command(new JsonObject().put("type", "groups.lock").put("id", Commands.freshId()).put("locked", true)));
      assertThat(alicePhone.command(choose(deplacer)).getString("error")).isEqualTo("groups_locked");
      assertThat(session(vertx, alice.getString("token")).getJsonObject("participant").getString("board")).isEqualTo(loger);
    }
  }

  private static TestWorkshop create(Vertx vertx, String atelier, String... groups) {
    JsonArray groupList = new JsonArray();
    for (String group : groups) {
      groupList.add(new JsonObject().put("name", group));
    }
    JsonObject created = TestWorkshop.post(vertx, node.port(), "/api/workshops",
        new JsonObject().put("title", "Vallée de l'Hérault").put("atelier", atelier).put("groups", groupList)).bodyAsJsonObject();
    JsonObject workshop = created.getJsonObject("workshop");
    assertThat(workshop).as(created.encode()).isNotNull();
    return new TestWorkshop(node.port(), workshop.getString("id"), workshop.getString("code"), created.getString("animatorToken"),
        created.getString("observerToken"),
        workshop.getJsonArray("boards").stream().map(board -> ((JsonObject) board).getString("id")).toList());
  }

  private static JsonObject session(Vertx vertx, String token) {
    return TestWorkshop.getAs(vertx, node.port(), token, "/api/session").bodyAsJsonObject();
  }

  private static JsonObject deepen(String vote, int keep) {
    return new JsonObject().put("type", "atelier.deepen").put("id", Commands.freshId()).put("vote", vote).put("keep", keep);
  }

  private static JsonObject axes(String... titles) {
    return new JsonObject().put("type", "axes.set").put("id", Commands.freshId()).put("axes", new JsonArray(List.of(titles)));
  }

  private static JsonObject choose(String board) {
    return new JsonObject().put("type", "axis.choose").put("id", Commands.freshId()).put("board", board);
  }

  private static void assertOk(JsonObject answer) {
    assertThat(answer.getBoolean("ok")).as(answer.encode()).isTrue();
  }

  private static JsonObject nextEvent(BridgeClient client, String address) {
    for (JsonObject event = client.nextOn(address, 10_000); event != null; event = client.nextOn(address, 10_000)) {
      if (event.getLong("rev") != null && !event.getString("type").startsWith("stream.")) {
        return event;
      }
    }
    throw new AssertionError("no event on " + address);
  }
}
