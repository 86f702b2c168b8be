package org.parvis.workshop;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parvis.testing.BridgeClient;
import org.parvis.testing.Commands;
import org.parvis.testing.NodeWithRedis;
import org.parvis.testing.TestWorkshop;

/** The lead animator invites animators, each with a token and a name of its own, through the real server. */
@ExtendWith(VertxExtension.class)
class AnimatorInvitationIntegrationTest {

  @RegisterExtension
  static final NodeWithRedis node = new NodeWithRedis(Map.of());

  @Test
  void anInvitedAnimatorHasItsOwnLinkNameAndGroupAndAnimatesTheWorkshop(Vertx vertx) {
    TestWorkshop workshop = TestWorkshop.create(vertx, node.port(), "Deux animateurs", "A", "B");
    HttpResponse<Buffer> invited = invite(vertx, workshop.animatorToken(), new JsonObject().put("name", "Bernard")
        .put("board", workshop.board(1)));

    assertThat(invited.statusCode()).isEqualTo(201);
    JsonObject invitation = invited.bodyAsJsonObject();
    String token = invitation.getString("token");
    assertThat(token).isNotEqualTo(workshop.animatorToken());
    assertThat(invitation.getString("link")).isEqualTo("/#/a/" + token);
    JsonObject session = TestWorkshop.getAs(vertx, node.port(), token, "/api/session").bodyAsJsonObject();
    assertThat(session.getString("role")).isEqualTo("animator");
    assertThat(session.getJsonObject("animator")).isEqualTo(new JsonObject()
        .put("id", invitation.getJsonObject("animator").getString("id")).put("name", "Bernard")
        .put("board", workshop.board(1)).put("lead", false));
    assertThat(session.getJsonObject("links").getString("join")).startsWith("/#/j/");
    JsonObject leadSession = TestWorkshop.getAs(vertx, node.port(), workshop.animatorToken(), "/api/session").bodyAsJsonObject();
    assertThat(leadSession.getJsonObject("animator").getBoolean("lead")).isTrue();
    assertThat(leadSession.getJsonObject("animator").getString("name")).isEqualTo("Animation");

    String address = "parvis.board." + workshop.board(1);
    try (BridgeClient bernard = BridgeClient.connectSockJs(vertx, node.port(), token);
         BridgeClient lead = BridgeClient.connectSockJs(vertx, node.port(), workshop.animatorToken())) {
      lead.register(address);
      lead.command(Commands.sync(workshop.board(1), null));
      assertThat(bernard.command(Commands.createNote(workshop.board(1), "idee", "Une idée du groupe B")).getBoolean("ok"))
          .isTrue();
      JsonObject created = lead.nextOn(address, 5_000);
      assertThat(created.getJsonObject("note").getString("authorName")).isEqualTo("Bernard");
      assertThat(created.getJsonObject("note").getString("author")).isEqualTo(invitation.getJsonObject("animator").getString("id"));
      assertThat(bernard.command(new JsonObject().put("type", "plenary.show").put("boards",
          new JsonArray().add(workshop.board(1)))).getBoolean("ok")).isTrue();
    }
  }

  @Test
  void onlyTheLeadAnimatorInvitesAndBadRequestsSayWhichFieldIsWrong(Vertx vertx) {
    TestWorkshop workshop = TestWorkshop.create(vertx, node.port(), "Invitations", "A");
    String invitedToken = invite(vertx, workshop.animatorToken(), new JsonObject().put("name", "Bernard"))
        .bodyAsJsonObject().getString("token");
    JsonObject eve = new JsonObject().put("name", "Eve");

    assertThat(invite(vertx, invitedToken, eve).statusCode()).isEqualTo(403);
    assertThat(invite(vertx, workshop.join(vertx, "Paul"), eve).bodyAsJsonObject().getString("error")).isEqualTo("forbidden");
    assertThat(invite(vertx, workshop.observerToken(), eve).statusCode()).isEqualTo(403);
    assertThat(invite(vertx, "not-a-token", eve).statusCode()).isEqualTo(401);
    HttpResponse<Buffer> otherBoard = invite(vertx, workshop.animatorToken(), eve.copy().put("board", "elsewhere-1"));
    assertThat(otherBoard.statusCode()).isEqualTo(400);
    assertThat(otherBoard.bodyAsJsonObject().getString("field")).isEqualTo("board");
    assertThat(invite(vertx, workshop.animatorToken(), new JsonObject()).bodyAsJsonObject().getString("field")).isEqualTo("name");
  }

  @Test
  void theLeadAnimatorGoesByTheNameGivenWhenCreatingTheWorkshop(Vertx vertx) {
    JsonObject created = TestWorkshop.post(vertx, node.port(), "/api/workshops", new JsonObject().put("title", "Nommé")
        .put("animatorName", "Claire").put("groups", new JsonArray().add(new JsonObject().put("name", "A"))))
        .bodyAsJsonObject();
    String token = created.getString("animatorToken");
    String board = created.getJsonObject("workshop").getJsonArray("boards").getJsonObject(0).getString("id");

    JsonObject session = TestWorkshop.getAs(vertx, node.port(), token, "/api/session").bodyAsJsonObject();
    assertThat(session.getJsonObject("animator").getString("name")).isEqualTo("Claire");
    try (BridgeClient claire = BridgeClient.connectSockJs(vertx, node.port(), token)) {
      claire.command(Commands.createNote(board, "n1", "Bienvenue"));
      JsonObject note = claire.command(Commands.sync(board, null)).getJsonObject("snapshot").getJsonArray("notes").getJsonObject(0);
      assertThat(note.getString("authorName")).isEqualTo("Claire");
    }
  }

  private static HttpResponse<Buffer> invite(Vertx vertx, String token, JsonObject request) {
    return TestWorkshop.postAs(vertx, node.port(), token, "/api/animators", request);
  }
}
