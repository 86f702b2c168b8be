package org.parvis.demarche;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parvis.testing.BridgeClient;
import org.parvis.testing.Commands;
import org.parvis.testing.NodeWithRedis;
import org.parvis.testing.RedisInspector;
import org.parvis.testing.TestWorkshop;

/**
 * A démarche through the real HTTP API, the real bridge and a real Redis: atelier 2 prepared from
 * atelier 1 carries its public intentions of action and its recap, never a private or hidden note,
 * an open vote or a barometer answer; the exhibition link reads and writes nothing else; deleting an
 * atelier leaves none of its keys, deleting the démarche none of its own.
 */
@ExtendWith(VertxExtension.class)
class DemarcheIntegrationTest {

  @RegisterExtension
  static final NodeWithRedis NODE = new NodeWithRedis(Map.of());

  private static final String PUBLIC_ACTION = "Un café associatif au bourg";
  private static final String PRIVATE_ACTION = "Idée encore privée";
  private static final String HIDDEN_ACTION = "Note masquée par l'animation";

  @Test
  void theNextAtelierCarriesWhatIsPublicAndOpensWithItsRecap(Vertx vertx) {
    Atelier first = createDemarche(vertx);
    JsonObject helene = join(vertx, first.code, "Hélène Dupont", "habitant", first.boards.get(0));
    JsonObject marc = join(vertx, first.code, "Marc", "elu", first.boards.get(1));
    JsonObject alice = join(vertx, first.code, "Alice", "acteur", first.boards.get(2));
    String tendances = first.boards.get(0);
    String prive = first.boards.get(1);
    String barometre = first.boards.get(2);
    try (BridgeClient lead = BridgeClient.connect(vertx, NODE.port(), first.animatorToken);
         BridgeClient her = BridgeClient.connect(vertx, NODE.port(), helene.getString("token"));
         BridgeClient him = BridgeClient.connect(vertx, NODE.port(), marc.getString("token"));
         BridgeClient she = BridgeClient.connect(vertx, NODE.port(), alice.getString("token"))) {
      assertThat(her.command(note(tendances, "n1", PUBLIC_ACTION, "z4")).getBoolean("ok")).isTrue();
      assertThat(her.command(note(tendances, "n2", HIDDEN_ACTION, "z4")).getBoolean("ok")).isTrue();
      assertThat(her.command(note(tendances, "n3", "Une tendance lourde", "z1")).getBoolean("ok")).isTrue();
      assertThat(lead.command(Commands.hideNote(tendances, "n2")).getBoolean("ok")).isTrue();
      assertThat(lead.command(Commands.configure(prive, "private", false)).getBoolean("ok")).isTrue();
      assertThat(him.command(note(prive, "p1", PRIVATE_ACTION, "z4")).getBoolean("ok")).isTrue();
      assertThat(she.command(new JsonObject().put("type", "barometer.answer").put("id", Commands.freshId())
          .put("board", barometre).put("indicator", 0).put("value", "2")).getBoolean("ok")).isTrue();
      assertThat(lead.command(Commands.openVote("kept", tendances, 3)).getBoolean("ok")).isTrue();
      assertThat(her.command(Commands.castDot("kept", tendances, "n1")).getBoolean("ok")).isTrue();
      assertThat(lead.command(Commands.closeVote("kept")).getBoolean("ok")).isTrue();
      assertThat(lead.command(Commands.openVote("still-open", tendances, 3).put("title", "Vote secret en cours"))
          .getBoolean("ok")).isTrue();
      assertThat(her.command(Commands.castDot("still-open", tendances, "n3")).getBoolean("ok")).isTrue();
    }

    HttpResponse<Buffer> refused = TestWorkshop.postAs(vertx, NODE.port(), helene.getString("token"), "/api/demarche/next",
        new JsonObject());
    assertThat(refused.statusCode()).as("only the lead animator prepares the next atelier").isEqualTo(403);
    HttpResponse<Buffer> prepared = TestWorkshop.postAs(vertx, NODE.port(), first.animatorToken, "/api/demarche/next",
        new JsonObject());
    assertThat(prepared.statusCode()).as(prepared.bodyAsString()).isEqualTo(201);
    Atelier second = Atelier.of(prepared.bodyAsJsonObject());
    assertThat(second.id).isNotEqualTo(first.id);
    assertThat(second.code).isNotEqualTo(first.code);
    assertThat(prepared.bodyAsJsonObject().getJsonObject("demarche").getInteger("step")).isEqualTo(2);
    assertThat(prepared.bodyAsJsonObject().getInteger("carriedActions")).isEqualTo(1);
    assertThat(TestWorkshop.postAs(vertx, NODE.port(), first.animatorToken, "/api/demarche/next", new JsonObject())
        .statusCode()).as("atelier 1 has its next already").isEqualTo(409);

    JsonObject newcomer = join(vertx, second.code, "Zoé", "habitant", second.boards.get(0));
    JsonObject returning = join(vertx, second.code, "  helene DUPONT ", "habitant", second.boards.get(0));
    try (BridgeClient zoe = BridgeClient.connect(vertx, NODE.port(), newcomer.getString("token"));
         BridgeClient lead = BridgeClient.connect(vertx, NODE.port(), second.animatorToken)) {
      JsonObject board = zoe.command(Commands.boardSnapshot(second.boards.get(0))).getJsonObject("snapshot");
      List<String> texts = board.getJsonArray("notes").stream().map(n -> ((JsonObject) n).getString("text")).toList();
      assertThat(texts).containsExactly(PUBLIC_ACTION);
      assertThat(((JsonObject) board.getJsonArray("notes").getValue(0)).getString("zone")).isEqualTo("z4");
      String privateBoard = zoe.command(Commands.boardSnapshot(second.boards.get(1))).encode();
      assertThat(privateBoard).doesNotContain(PRIVATE_ACTION).doesNotContain(HIDDEN_ACTION);

      JsonObject workshop = zoe.command(Commands.sync("workshop:" + second.id)).getJsonObject("snapshot");
      assertThat(workshop.getJsonObject("recap").getBoolean("shown")).isTrue();
      assertThat(zoe.command(recapDisplay(false)).getString("error")).isEqualTo("forbidden");
      lead.register(Commands.workshopAddress(second.id));
      assertThat(lead.command(Commands.sync("workshop:" + second.id)).getBoolean("ok")).isTrue();
      JsonObject recapHidden = lead.command(recapDisplay(false));
      assertThat(recapHidden.getBoolean("ok")).isTrue();
      // Zoé's and Hélène's joins may still reach the lead after its register: the recap's event is the one of its own revision.
      JsonObject hidden = lead.eventAt(Commands.workshopAddress(second.id), recapHidden.getLong("rev"), 5_000);
      assertThat(hidden.getString("type")).isEqualTo("recap.displayed");
      assertThat(hidden.getBoolean("shown")).isFalse();
    }

    HttpResponse<Buffer> recapAnswer = TestWorkshop.getAs(vertx, NODE.port(), newcomer.getString("token"), "/api/demarche/recap");
    assertThat(recapAnswer.statusCode()).isEqualTo(200);
    JsonObject recap = recapAnswer.bodyAsJsonObject().getJsonObject("recap");
    String recapText = recap.encode();
    assertThat(recapText).contains(PUBLIC_ACTION, "Une tendance lourde")
        .doesNotContain(PRIVATE_ACTION, HIDDEN_ACTION, "Vote secret en cours", "Hélène", "Marc",
            helene.getJsonObject("participant").getString("id"));
    assertThat(recapAnswer.bodyAsJsonObject().getJsonObject("demarche").containsKey("gallery"))
        .as("the exhibition link is the animators'").isFalse();
    JsonArray votes = recap.getJsonArray("votes");
    assertThat(votes).hasSize(1);
    assertThat(votes.getJsonObject(0).getJsonArray("kept")).containsExactly(PUBLIC_ACTION);
    JsonObject barometer = recap.getJsonArray("barometers").getJsonObject(0);
    assertThat(barometer.getJsonArray("tallies").getJsonObject(0).getJsonArray("steps").getInteger(1)).isEqualTo(1);
    assertThat(barometer.encode()).doesNotContain(alice.getJsonObject("participant").getString("id"));

    HttpResponse<Buffer> newcomers = TestWorkshop.getAs(vertx, NODE.port(), second.animatorToken, "/api/demarche/newcomers");
    assertThat(newcomers.bodyAsJsonObject().getJsonArray("newcomers"))
        .containsExactly(newcomer.getJsonObject("participant").getString("id"))
        .doesNotContain(returning.getJsonObject("participant").getString("id"));
    assertThat(TestWorkshop.getAs(vertx, NODE.port(), newcomer.getString("token"), "/api/demarche/newcomers").statusCode())
        .isEqualTo(403);

    String gallery = galleryToken(first.created);
    HttpResponse<Buffer> exhibition = TestWorkshop.getAs(vertx, NODE.port(), gallery, "/api/gallery");
    assertThat(exhibition.statusCode()).isEqualTo(200);
    assertThat(exhibition.bodyAsJsonObject().getJsonArray("ateliers")).hasSize(2);
    assertThat(exhibition.bodyAsString()).contains(PUBLIC_ACTION).doesNotContain(PRIVATE_ACTION, HIDDEN_ACTION,
        "Vote secret en cours");
  }

  @Test
  void theMethodsAteliersFollowOneAnotherWithTheirOwnTemplates(Vertx vertx) {
    JsonArray groups = new JsonArray()
        .add(new JsonObject().put("name", "Jeunesse").put("template", "free"))
        .add(new JsonObject().put("name", "Mobilité").put("template", "free"));
    HttpResponse<Buffer> created = TestWorkshop.post(vertx, NODE.port(), "/api/demarches", new JsonObject()
        .put("demarche", "Causse 2027").put("title", "Atelier 1").put("atelier", "atelier1").put("groups", groups));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    Atelier first = Atelier.of(created.bodyAsJsonObject());
    assertThat(templates(first)).containsExactly("barometre", "free", "free");

    Atelier second = next(vertx, first);
    assertThat(templates(second)).as("atelier 2: trends boards for the same sub-groups").containsExactly("tendances", "tendances");
    assertThat(names(second)).containsExactly("Jeunesse", "Mobilité");
    JsonObject lea = join(vertx, second.code, "Léa", "habitant", second.boards.get(0));
    JsonObject paul = join(vertx, second.code, "Paul", "elu", second.boards.get(1));
    try (BridgeClient her = BridgeClient.connect(vertx, NODE.port(), lea.getString("token"));
         BridgeClient him = BridgeClient.connect(vertx, NODE.port(), paul.getString("token"))) {
      assertThat(her.command(note(second.boards.get(0), "i1", "Un local pour les jeunes", "z4")).getBoolean("ok")).isTrue();
      assertThat(him.command(note(second.boards.get(1), "i2", "Un transport à la demande", "z4")).getBoolean("ok")).isTrue();
      assertThat(him.command(note(second.boards.get(1), "t1", "Moins de bus", "z1")).getBoolean("ok")).isTrue();
    }

    Atelier third = next(vertx, second);
    assertThat(templates(third)).as("atelier 3: one board of actions").containsExactly("actions");
    JsonObject zoe = join(vertx, third.code, "Zoé", "acteur", third.boards.get(0));
    try (BridgeClient her = BridgeClient.connect(vertx, NODE.port(), zoe.getString("token"))) {
      JsonObject board = her.command(Commands.boardSnapshot(third.boards.get(0))).getJsonObject("snapshot");
      assertThat(board.getJsonArray("notes").stream().map(n -> ((JsonObject) n).getString("text")).toList())
          .as("every group's intentions, and nothing else, are atelier 3's actions")
          .containsExactlyInAnyOrder("Un local pour les jeunes", "Un transport à la demande");
    }

    Atelier fourth = next(vertx, third);
    assertThat(templates(fourth)).as("atelier 4: the charter").containsExactly("charte");
  }

  private static Atelier next(Vertx vertx, Atelier previous) {
    HttpResponse<Buffer> prepared = TestWorkshop.postAs(vertx, NODE.port(), previous.animatorToken, "/api/demarche/next",
        new JsonObject());
    assertThat(prepared.statusCode()).as(prepared.bodyAsString()).isEqualTo(201);
    return Atelier.of(prepared.bodyAsJsonObject());
  }

  private static List<String> templates(Atelier atelier) {
    return boardsOf(atelier).stream().map(board -> board.getString("template")).toList();
  }

  private static List<String> names(Atelier atelier) {
    return boardsOf(atelier).stream().map(board -> board.getString("name")).toList();
  }

  private static List<JsonObject> boardsOf(Atelier atelier) {
    return atelier.created.getJsonObject("workshop").getJsonArray("boards").stream().map(board -> (JsonObject) board).toList();
  }

  @Test
  void theExhibitionLinkOpensNothingButTheGallery(Vertx vertx) {
    Atelier first = createDemarche(vertx);
    String gallery = galleryToken(first.created);
    assertThat(TestWorkshop.getAs(vertx, NODE.port(), gallery, "/api/session").statusCode()).isEqualTo(401);
    assertThat(TestWorkshop.postAs(vertx, NODE.port(), gallery, "/api/demarche/next", new JsonObject()).statusCode())
        .isEqualTo(401);
    assertThat(TestWorkshop.getAs(vertx, NODE.port(), gallery, "/api/demarche/recap").statusCode()).isEqualTo(401);
    try (BridgeClient visitor = BridgeClient.connectSockJs(vertx, NODE.port(), gallery)) {
      assertThat(visitor.command(note(first.boards.get(0), "x1", "Tag", "z1")).getString("error")).isEqualTo("invalid_token");
      assertThat(visitor.command(Commands.boardSnapshot(first.boards.get(0))).getString("error")).isEqualTo("invalid_token");
    }
    assertThat(TestWorkshop.getAs(vertx, NODE.port(), first.animatorToken, "/api/gallery").statusCode())
        .as("an animator's token is no exhibition link").isEqualTo(401);
    assertThat(TestWorkshop.getAs(vertx, NODE.port(), "x".repeat(43), "/api/gallery").statusCode()).isEqualTo(401);
  }

  @Test
  void deletingAnAtelierDeletesAllItsKeysAndDeletingTheDemarcheDeletesTheRest(Vertx vertx) {
    try (RedisInspector redis = new RedisInspector(vertx, NODE.redisUrl())) {
      Set<String> before = redis.allKeys();
      Atelier first = createDemarche(vertx);
      join(vertx, first.code, "Paul", "habitant", first.boards.get(0));
      try (BridgeClient lead = BridgeClient.connect(vertx, NODE.port(), first.animatorToken)) {
        assertThat(lead.command(note(first.boards.get(0), "n1", PUBLIC_ACTION, "z4")).getBoolean("ok")).isTrue();
      }
      Set<String> withFirst = redis.allKeys();
      // Two quick taps on "Préparer l'atelier suivant": one next atelier.
      List<CompletableFuture<HttpResponse<Buffer>>> taps = List.of(1, 2).stream()
          .map(tap -> CompletableFuture.supplyAsync(() -> TestWorkshop.postAs(vertx, NODE.port(), first.animatorToken,
              "/api/demarche/next", new JsonObject())))
          .toList();
      List<HttpResponse<Buffer>> answers = taps.stream().map(CompletableFuture::join).toList();
      assertThat(answers).extracting(HttpResponse::statusCode).containsExactlyInAnyOrder(201, 409);
      Atelier second = Atelier.of(answers.stream().filter(answer -> answer.statusCode() == 201).findFirst().orElseThrow()
          .bodyAsJsonObject());
      join(vertx, second.code, "Paul", "habitant", second.boards.get(0));
      assertThat(redis.allKeys()).anyMatch(key -> key.equals("parvis:{w:" + second.id + "}:recap"))
          .anyMatch(key -> key.equals("parvis:{w:" + second.id + "}:known"));

      assertThat(TestWorkshop.deleteAs(vertx, NODE.port(), second.animatorToken, "/api/workshop").statusCode()).isEqualTo(200);
      Set<String> left = new HashSet<>(redis.allKeys());
      left.removeAll(withFirst);
      assertThat(left).as("keys the deleted atelier 2 left behind").isEmpty();
      assertThat(redis.allKeys()).noneMatch(key -> key.contains(second.id));

      assertThat(TestWorkshop.deleteAs(vertx, NODE.port(), first.animatorToken, "/api/demarche").statusCode()).isEqualTo(200);
      Set<String> remaining = new HashSet<>(redis.allKeys());
      remaining.removeAll(before);
      assertThat(remaining).as("keys the deleted démarche left behind").isEmpty();
      assertThat(TestWorkshop.getAs(vertx, NODE.port(), galleryToken(first.created), "/api/gallery").statusCode()).isEqualTo(401);
    }
  }

  private record Atelier(JsonObject created, String id, String code, String animatorToken, List<String> boards) {
    static Atelier of(JsonObject created) {
      JsonObject workshop = created.getJsonObject("workshop");
      return new Atelier(created, workshop.getString("id"), workshop.getString("code"), created.getString("animatorToken"),
          workshop.getJsonArray("boards").stream().map(board -> ((JsonObject) board).getString("id")).toList());
    }
  }

  private static Atelier createDemarche(Vertx vertx) {
    JsonArray groups = new JsonArray()
        .add(new JsonObject().put("name", "Jeunesse").put("template", "tendances"))
        .add(new JsonObject().put("name", "Mobilité").put("template", "tendances"))
        .add(new JsonObject().put("name", "Baromètre").put("template", "barometre"));
    HttpResponse<Buffer> created = TestWorkshop.post(vertx, NODE.port(), "/api/demarches", new JsonObject()
        .put("demarche", "Vallée de l'Hérault 2027").put("title", "Atelier 1").put("groups", groups));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    return Atelier.of(created.bodyAsJsonObject());
  }

  private static String galleryToken(JsonObject created) {
    String link = created.getJsonObject("demarche").getString("gallery");
    assertThat(link).startsWith("/#/x/");
    return link.substring("/#/x/".length());
  }

  private static JsonObject join(Vertx vertx, String code, String name, String category, String board) {
    HttpResponse<Buffer> joined = TestWorkshop.post(vertx, NODE.port(), "/api/join",
        new JsonObject().put("code", code).put("name", name).put("category", category).put("board", board));
    assertThat(joined.statusCode()).as(joined.bodyAsString()).isEqualTo(200);
    return joined.bodyAsJsonObject();
  }

  private static JsonObject note(String board, String id, String text, String zone) {
    JsonObject command = Commands.createNote(board, id, text);
    command.getJsonObject("note").put("zone", zone);
    return command;
  }

  private static JsonObject recapDisplay(boolean shown) {
    return new JsonObject().put("type", "recap.display").put("id", Commands.freshId()).put("shown", shown);
  }
}
