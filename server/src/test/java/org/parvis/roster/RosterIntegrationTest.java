package org.parvis.roster;

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
 * Scribe mode, the roster, moving people, the group menu, "bring everyone here" and "j'ai fini",
 * through the real SockJS bridge and Redis.
 */
@ExtendWith(VertxExtension.class)
class RosterIntegrationTest {

  @RegisterExtension
  static final NodeWithRedis node = new NodeWithRedis(Map.of());

  @Test
  void aScribeNoteIsTheSpeakersAndRecordsTheAnimatorWhoWroteIt(Vertx vertx) {
    TestWorkshop workshop = TestWorkshop.create(vertx, node.port(), "Scribe", "A");
    JsonObject alice = workshop.joinGroup(vertx, "Alice", workshop.board(0));
    String aliceId = alice.getJsonObject("participant").getString("id");
    String board = Commands.boardAddress(workshop.board(0));
    try (BridgeClient animator = BridgeClient.connect(vertx, node.port(), workshop.animatorToken());
         BridgeClient phone = BridgeClient.connect(vertx, node.port(), alice.getString("token"))) {
      phone.register(board);
      phone.command(Commands.boardSnapshot(workshop.board(0)));

      JsonObject written = animator.command(Commands.createNote(workshop.board(0), "n1", "Une maison de santé")
          .put("speaker", new JsonObject().put("id", aliceId)));
      assertThat(written.getBoolean("ok")).as(written.encode()).isTrue();
      JsonObject note = nextEvent(phone, board).getJsonObject("note");
      assertThat(note.getString("author")).isEqualTo(aliceId);
      assertThat(note.getString("authorName")).isEqualTo("Alice");
      assertThat(note.getString("authorCategory")).isEqualTo("habitant");
      assertThat(note.getString("scribe")).isEqualTo("animator");
      assertThat(note.getString("scribeName")).isEqualTo("Animation");

      JsonObject typed = new JsonObject().put("name", "Marcel  Dupont").put("category", "elu");
      animator.command(Commands.createNote(workshop.board(0), "n2", "Le bus du mardi").put("speaker", typed));
      animator.command(Commands.createNote(workshop.board(0), "n3", "La fibre").put("speaker", typed.copy().put("name", "marcel dupont")));
      JsonObject first = nextEvent(phone, board).getJsonObject("note");
      JsonObject second = nextEvent(phone, board).getJsonObject("note");
      assertThat(first.getString("authorName")).isEqualTo("Marcel Dupont");
      assertThat(first.getString("authorCategory")).isEqualTo("elu");
      assertThat(second.getString("author")).as("the same name typed again is the same speaker").isEqualTo(first.getString("author"));

      JsonObject snapshot = phone.command(Commands.boardSnapshot(workshop.board(0))).getJsonObject("snapshot");
      assertThat(snapshot.getJsonArray("notes").getJsonObject(0).getString("scribeName")).isEqualTo("Animation");

      assertThat(phone.command(Commands.createNote(workshop.board(0), "n4", "Moi aussi")
          .put("speaker", new JsonObject().put("id", aliceId))).getString("error"))
          .as("a participant writes only as itself").isEqualTo("forbidden");
      assertThat(animator.command(Commands.createNote(workshop.board(0), "n5", "Personne")
          .put("speaker", new JsonObject().put("id", "pNobodyHere1"))).getString("error")).isEqualTo("unknown_participant");
      JsonObject both = animator.command(Commands.createNote(workshop.board(0), "n6", "Les deux")
          .put("speaker", new JsonObject().put("id", aliceId).put("name", "Alice")));
      assertThat(both.getString("field")).isEqualTo("speaker");
      JsonObject forging = Commands.createNote(workshop.board(0), "n7", "Signé")
          .put("speaker", new JsonObject().put("id", aliceId).put("scribe", "someone"));
      forging.getJsonObject("note").put("scribe", "someone").put("scribeName", "Quelqu'un").put("author", "someone");
      assertThat(animator.command(forging).getBoolean("ok")).isTrue();
      JsonArray notes = phone.command(Commands.boardSnapshot(workshop.board(0))).getJsonObject("snapshot").getJsonArray("notes");
      assertThat(notes).as("nothing refused reached the board").hasSize(4);
      JsonObject signed = notes.getJsonObject(3);
      assertThat(signed.getString("scribe")).as("the scribe is never the client's to say").isEqualTo("animator");
      assertThat(signed.getString("scribeName")).isEqualTo("Animation");
      assertThat(signed.getString("author")).isEqualTo(aliceId);
    }
  }

  @Test
  void aMovedParticipantHasItsNewGroupOnItsNextCommandWithoutJoiningAgain(Vertx vertx) {
    TestWorkshop workshop = TestWorkshop.create(vertx, node.port(), "Groupes", "A", "B", "C");
    JsonObject bob = workshop.joinGroup(vertx, "Bob", workshop.board(0));
    String bobId = bob.getJsonObject("participant").getString("id");
    JsonObject alice = workshop.joinGroup(vertx, "Alice", workshop.board(0));
    String workshopAddress = Commands.workshopAddress(workshop.id());
    try (BridgeClient lead = BridgeClient.connect(vertx, node.port(), workshop.animatorToken());
         BridgeClient bobPhone = BridgeClient.connect(vertx, node.port(), bob.getString("token"));
         BridgeClient alicePhone = BridgeClient.connect(vertx, node.port(), alice.getString("token"))) {
      bobPhone.register(workshopAddress);
      alicePhone.register(workshopAddress);
      bobPhone.command(Commands.sync("workshop:" + workshop.id()));
      alicePhone.command(Commands.sync("workshop:" + workshop.id()));

      assertThat(bobPhone.command(Commands.boardSnapshot(workshop.board(1))).getBoolean("ok"))
          .as("with the menu open, any board").isTrue();
      assertThat(lead.command(lockGroups(true)).getBoolean("ok")).isTrue();
      JsonObject refused = bobPhone.command(Commands.boardSnapshot(workshop.board(1)));
      assertThat(refused.getString("error")).as("another group's board, menu closed").isEqualTo("groups_locked");

      JsonObject moving = lead.command(move(bobId, workshop.board(1)));
      assertThat(moving.getBoolean("ok")).isTrue();

      // Past the groups' lock, and past the joins, which may still reach a phone after its register.
      JsonObject moved = bobPhone.eventAt(workshopAddress, moving.getLong("rev"), 10_000);
      assertThat(moved.getString("type")).isEqualTo("participant.moved");
      assertThat(moved.getString("board")).isEqualTo(workshop.board(1));
      JsonObject aliceSees = alicePhone.eventAt(workshopAddress, moving.getLong("rev"), 10_000);
      assertThat(aliceSees.getString("type")).as("others are not told who moved").isEqualTo("hidden");

      assertThat(bobPhone.command(Commands.boardSnapshot(workshop.board(1))).getBoolean("ok"))
          .as("its new group's board, same token, same connection").isTrue();
      assertThat(bobPhone.command(Commands.boardSnapshot(workshop.board(0))).getString("error"))
          .as("its old group's board").isEqualTo("groups_locked");
      JsonObject session = bobPhone.command(new JsonObject().put("type", "workshop.get"));
      assertThat(session.getJsonObject("participant").getString("board")).isEqualTo(workshop.board(1));

      bobPhone.register(Commands.boardAddress(workshop.board(0)));
      assertThat(bobPhone.awaitError(5_000)).as("following another group's board is refused by the bridge").isNotNull();

      lead.command(Commands.showOnPlenary(List.of(workshop.board(2))));
      assertThat(bobPhone.command(Commands.boardSnapshot(workshop.board(2))).getBoolean("ok"))
          .as("a board shown in plenary stays readable").isTrue();
      lead.command(lockGroups(false));
      assertThat(bobPhone.command(Commands.boardSnapshot(workshop.board(0))).getBoolean("ok")).isTrue();
    }
  }

  @Test
  void onlyTheLeadAnimatorMovesPeopleAndClosesTheMenu(Vertx vertx) {
    TestWorkshop workshop = TestWorkshop.create(vertx, node.port(), "Équipe", "A", "B");
    String aliceId = workshop.joinAndGetId(vertx, "Alice");
    String groupAnimator = invite(vertx, workshop, "Bernard", workshop.board(1));
    try (BridgeClient bernard = BridgeClient.connect(vertx, node.port(), groupAnimator);
         BridgeClient lead = BridgeClient.connect(vertx, node.port(), workshop.animatorToken())) {
      assertThat(bernard.command(move(aliceId, workshop.board(1))).getString("error")).isEqualTo("forbidden");
      assertThat(bernard.command(lockGroups(true)).getString("error")).isEqualTo("forbidden");
      assertThat(lead.command(move("pNobodyHere1", workshop.board(1))).getString("error")).isEqualTo("unknown_participant");
      assertThat(lead.command(move(aliceId, "nowhere-9")).getString("field")).isEqualTo("board");
    }
  }

  @Test
  void bringEveryoneHereSendsTheAnimatorsGroupOnlyMovesIncluded(Vertx vertx) {
    TestWorkshop workshop = TestWorkshop.create(vertx, node.port(), "Suivre", "A", "B");
    JsonObject alice = workshop.joinGroup(vertx, "Alice", workshop.board(0));
    JsonObject bob = workshop.joinGroup(vertx, "Bob", workshop.board(0));
    String groupAnimator = invite(vertx, workshop, "Bernard", workshop.board(1));
    String workshopAddress = Commands.workshopAddress(workshop.id());
    try (BridgeClient lead = BridgeClient.connect(vertx, node.port(), workshop.animatorToken());
         BridgeClient bernard = BridgeClient.connect(vertx, node.port(), groupAnimator);
         BridgeClient alicePhone = BridgeClient.connect(vertx, node.port(), alice.getString("token"));
         BridgeClient bobPhone = BridgeClient.connect(vertx, node.port(), bob.getString("token"))) {
      long moved = lead.command(move(bob.getJsonObject("participant").getString("id"), workshop.board(1))).getLong("rev");
      for (BridgeClient phone : List.of(alicePhone, bobPhone)) {
        phone.register(workshopAddress);
        phone.command(Commands.sync("workshop:" + workshop.id()));
      }

      assertThat(bernard.command(follow(workshop.board(1))).getBoolean("ok")).isTrue();

      // The move's own event may still reach a phone registered just after it: only later ones count.
      JsonObject bobTold = nextEventAfter(bobPhone, workshopAddress, moved);
      assertThat(bobTold.getString("type")).isEqualTo("follow");
      assertThat(bobTold.getString("board")).isEqualTo(workshop.board(1));
      assertThat(nextEventAfter(alicePhone, workshopAddress, moved).getString("type")).as("another group's participant")
          .isEqualTo("hidden");

      assertThat(alicePhone.command(follow(workshop.board(0))).getString("error")).isEqualTo("forbidden");
      assertThat(lead.command(follow(workshop.board(0))).getBoolean("ok")).isTrue();
      assertThat(nextEventAfter(alicePhone, workshopAddress, moved).getString("type")).as("the lead brings everyone")
          .isEqualTo("follow");
      assertThat(nextEventAfter(bobPhone, workshopAddress, moved).getString("type")).isEqualTo("follow");
    }
  }

  @Test
  void whoIsDoneReachesTheAnimatorsOnly(Vertx vertx) {
    TestWorkshop workshop = TestWorkshop.create(vertx, node.port(), "Fini", "A");
    JsonObject alice = workshop.joinGroup(vertx, "Alice", workshop.board(0));
    JsonObject bob = workshop.joinGroup(vertx, "Bob", workshop.board(0));
    String aliceId = alice.getJsonObject("participant").getString("id");
    String workshopAddress = Commands.workshopAddress(workshop.id());
    String stream = "workshop:" + workshop.id();
    try (BridgeClient lead = BridgeClient.connect(vertx, node.port(), workshop.animatorToken());
         BridgeClient alicePhone = BridgeClient.connect(vertx, node.port(), alice.getString("token"));
         BridgeClient bobPhone = BridgeClient.connect(vertx, node.port(), bob.getString("token"));
         BridgeClient observer = BridgeClient.connect(vertx, node.port(), workshop.observerToken())) {
      for (BridgeClient client : List.of(lead, alicePhone, bobPhone.keepRawFrames(), observer.keepRawFrames())) {
        client.register(workshopAddress);
        client.command(Commands.sync(stream));
      }

      JsonObject finished = alicePhone.command(done(true));
      assertThat(finished.getBoolean("ok")).isTrue();
      long rev = finished.getLong("rev");

      // Alice's and Bob's joins may still reach a follower after its register: the event of the command's own revision.
      JsonObject told = lead.eventAt(workshopAddress, rev, 10_000);
      assertThat(told.getString("type")).isEqualTo("participant.finished");
      assertThat(told.getString("participant")).isEqualTo(aliceId);
      assertThat(alicePhone.eventAt(workshopAddress, rev, 10_000).getString("type")).as("the participant itself")
          .isEqualTo("participant.finished");
      assertThat(bobPhone.eventAt(workshopAddress, rev, 10_000).getString("type")).isEqualTo("hidden");
      assertThat(observer.eventAt(workshopAddress, rev, 10_000).getString("type")).isEqualTo("hidden");

      JsonArray roster = lead.command(Commands.sync(stream)).getJsonObject("snapshot").getJsonObject("workshop")
          .getJsonArray("participants");
      assertThat(roster).hasSize(2);
      assertThat(roster.stream().map(JsonObject.class::cast).filter(person -> person.getBoolean("done", false)))
          .extracting(person -> person.getString("name")).containsExactly("Alice");
      for (BridgeClient other : List.of(bobPhone, observer)) {
        JsonObject workshopSeen = other.command(Commands.sync(stream)).getJsonObject("snapshot").getJsonObject("workshop");
        assertThat(workshopSeen.containsKey("participants")).as("the roster in a non-animator's snapshot").isFalse();
        assertThat(other.rawFrames()).noneMatch(frame -> frame.contains("\"done\"") || frame.contains(aliceId));
      }
      assertThat(lead.command(done(true)).getString("error")).isEqualTo("forbidden");
    }
  }

  @Test
  void theAnimatorChoosesHowTheProjectorShowsTheJoinCode(Vertx vertx) {
    TestWorkshop workshop = TestWorkshop.create(vertx, node.port(), "QR", "A");
    try (BridgeClient lead = BridgeClient.connect(vertx, node.port(), workshop.animatorToken());
         BridgeClient projector = BridgeClient.connect(vertx, node.port(), workshop.observerToken())) {
      String stream = "workshop:" + workshop.id();
      assertThat(projector.command(Commands.sync(stream)).getJsonObject("snapshot").getJsonObject("workshop")
          .containsKey("joinDisplay")).as("until an animator chooses").isFalse();
      assertThat(lead.command(joinDisplay("corner")).getBoolean("ok")).isTrue();
      assertThat(projector.command(Commands.sync(stream)).getJsonObject("snapshot").getJsonObject("workshop")
          .getString("joinDisplay")).isEqualTo("corner");
      assertThat(lead.command(joinDisplay("huge")).getString("field")).isEqualTo("mode");
      assertThat(projector.command(joinDisplay("hidden")).getString("error")).isEqualTo("forbidden");
    }
  }

  private static JsonObject nextEvent(BridgeClient client, String address) {
    return nextEventAfter(client, address, 0);
  }

  /** The next event of the stream with a revision above {@code rev}. */
  private static JsonObject nextEventAfter(BridgeClient client, String address, long rev) {
    for (JsonObject event = client.nextOn(address, 10_000); event != null; event = client.nextOn(address, 10_000)) {
      if (event.getLong("rev") != null && event.getLong("rev") > rev && !event.getString("type").startsWith("stream.")) {
        return event;
      }
    }
    throw new AssertionError("no event on " + address);
  }

  private static String invite(Vertx vertx, TestWorkshop workshop, String name, String board) {
    return TestWorkshop.postAs(vertx, node.port(), workshop.animatorToken(), "/api/animators",
        new JsonObject().put("name", name).put("board", board)).bodyAsJsonObject().getString("token");
  }

  private static JsonObject move(String participant, String board) {
    return new JsonObject().put("type", "participant.move").put("id", Commands.freshId())
        .put("participant", participant).put("board", board);
  }

  private static JsonObject lockGroups(boolean locked) {
    return new JsonObject().put("type", "groups.lock").put("id", Commands.freshId()).put("locked", locked);
  }

  private static JsonObject follow(String board) {
    return new JsonObject().put("type", "group.follow").put("id", Commands.freshId()).put("board", board);
  }

  private static JsonObject done(boolean done) {
    return new JsonObject().put("type", "participant.done").put("id", Commands.freshId()).put("done", done);
  }

  private static JsonObject joinDisplay(String mode) {
    return new JsonObject().put("type", "join.display").put("id", Commands.freshId()).put("mode", mode);
  }
}
