package org.parvis.board;

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
import org.parvis.testing.StreamReplica;
import org.parvis.testing.TestWorkshop;

/**
 * Private writing through the real bridge: on a board in private mode a note reaches its author
 * and the animators only, by push, catch-up and snapshot, over the WebSocket, SockJS's WebSocket
 * and its xhr-polling fallback alike; the others learn how many notes are private. The reveal gives
 * every note to everyone at once, and an anonymous reveal never lets the author's name or id out.
 */
@ExtendWith(VertxExtension.class)
class PrivateWritingIntegrationTest {

  @RegisterExtension
  static final NodeWithRedis server = new NodeWithRedis(Map.of());

  private static final String AUTHOR = "Aurélie Discrète";
  private static final String FIRST = "Un jardin partagé derrière la mairie";
  private static final String EDITED = "Un jardin partagé et un four à pain";
  private static final String DELETED = "Une idée retirée avant la révélation";

  @Test
  void aPrivateNoteReachesItsAuthorAndTheAnimatorsOnlyUntilAnAnonymousReveal(Vertx vertx) {
    TestWorkshop workshop = TestWorkshop.create(vertx, server.port(), "Écriture privée", "Cadre de vie");
    String board = workshop.board(0);
    String stream = "board:" + board;
    String address = Commands.boardAddress(board);
    String authorToken = workshop.join(vertx, AUTHOR);
    try (BridgeClient animator = BridgeClient.connect(vertx, server.port(), workshop.animatorToken());
         BridgeClient author = BridgeClient.connect(vertx, server.port(), authorToken);
         BridgeClient overSockJs = BridgeClient.connectSockJs(vertx, server.port(), workshop.join(vertx, "Bruno"));
         BridgeClient overPolling = BridgeClient.connectPolling(vertx, server.port(), workshop.join(vertx, "Chloé"));
         BridgeClient projector = BridgeClient.connectPolling(vertx, server.port(), workshop.observerToken())) {
      List<BridgeClient> others = List.of(overSockJs.keepRawFrames(), overPolling.keepRawFrames(), projector.keepRawFrames());
      assertThat(animator.command(Commands.configure(board, "private", false)).getBoolean("ok")).isTrue();
      Map<BridgeClient, StreamReplica> before = new java.util.HashMap<>();
      for (BridgeClient client : List.of(animator, author, overSockJs, overPolling, projector)) {
        client.register(address);
        before.put(client, StreamReplica.fromSync(client.command(Commands.sync(stream))));
      }

      JsonObject created = author.command(Commands.createNote(board, "secret", FIRST));
      author.command(Commands.createNote(board, "withdrawn", DELETED));
      author.command(Commands.updateNote(board, "secret", new JsonObject().put("text", EDITED)));
      JsonObject last = author.command(Commands.deleteNote(board, "withdrawn"));

      JsonObject pushed = nextEventOf(animator, address);
      assertThat(pushed.getString("type")).isEqualTo("note.created");
      assertThat(pushed.getJsonObject("note").getString("text")).isEqualTo(FIRST);
      assertThat(pushed.getJsonObject("note").getBoolean("unrevealed")).isTrue();
      assertThat(nextEventOf(author, address).getJsonObject("note").getString("authorName")).isEqualTo(AUTHOR);
      for (BridgeClient other : others) {
        JsonObject shadow = nextEventOf(other, address);
        assertThat(shadow.getString("type")).as("what the others are pushed").isEqualTo("hidden");
        assertThat(shadow.getLong("rev")).isEqualTo(created.getLong("rev"));
        assertThat(shadow.getInteger("privateCount")).as("how many notes are private").isEqualTo(1);
      }

      JsonObject animatorCatchUp = animator.command(before.get(animator).syncCommand());
      assertThat(animatorCatchUp.getJsonArray("events")).extracting(event -> ((JsonObject) event).getString("type"))
          .containsExactly("note.created", "note.created", "note.updated", "note.deleted");
      for (BridgeClient other : others) {
        JsonArray events = other.command(before.get(other).syncCommand()).getJsonArray("events");
        assertThat(events).as("a catch-up").hasSize(4)
            .allSatisfy(event -> assertThat(((JsonObject) event).getString("type")).isEqualTo("hidden"));
        assertThat(events.getJsonObject(3).getInteger("privateCount")).as("after the deletion").isEqualTo(1);
        JsonObject snapshot = other.command(Commands.sync(stream)).getJsonObject("snapshot");
        assertThat(snapshot.getJsonArray("notes")).as("a snapshot's notes").isEmpty();
        assertThat(snapshot.getInteger("privateCount")).isEqualTo(1);
        assertThat(snapshot.getJsonObject("board").getString("mode")).isEqualTo("private");
      }
      assertThat(notesOf(author.command(Commands.sync(stream)))).containsOnlyKeys("secret");
      assertThat(notesOf(animator.command(Commands.sync(stream))).get("secret").getString("text")).isEqualTo(EDITED);
      assertThat(overSockJs.command(Commands.updateNote(board, "secret", new JsonObject().put("text", "?"))).getString("error"))
          .as("a note one may not see cannot be changed either").isEqualTo("unknown_note");

      String authorId = notesOf(animator.command(Commands.sync(stream))).get("secret").getString("author");
      JsonObject revealed = animator.command(Commands.reveal(board, true));
      assertThat(revealed.getLong("rev")).isEqualTo(last.getLong("rev") + 1);
      for (BridgeClient other : others) {
        JsonObject event = other.eventAt(address, revealed.getLong("rev"), 10_000);
        assertThat(event.getString("type")).isEqualTo("notes.revealed");
        JsonObject note = event.getJsonArray("notes").getJsonObject(0);
        assertThat(note.getString("text")).isEqualTo(EDITED);
        assertThat(note.getBoolean("anonymous")).isTrue();
        assertThat(note.getString("author")).isEmpty();
        JsonObject snapshot = other.command(Commands.sync(stream)).getJsonObject("snapshot");
        assertThat(snapshot.getJsonArray("notes")).hasSize(1);
        assertThat(snapshot.getInteger("privateCount")).isZero();
      }
      assertThat(notesOf(author.command(Commands.sync(stream))).get("secret").getString("author"))
          .as("the author still knows its own note").isEqualTo(authorId);
      assertThat(notesOf(animator.command(Commands.sync(stream))).get("secret").getString("author"))
          .as("anonymous for the animators too: their screen may be projected").isEmpty();
      JsonObject ownEdit = author.command(Commands.updateNote(board, "secret", new JsonObject().put("color", "blue")));
      assertThat(ownEdit.getBoolean("ok")).as("the author may still change it").isTrue();
      assertThat(overPolling.eventAt(address, ownEdit.getLong("rev"), 10_000).getString("by"))
          .as("who changed an anonymous note").isEmpty();

      author.command(Commands.deleteNote(board, "secret"));
      JsonObject trashed = animator.command(Commands.trash(board)).getJsonArray("deleted").getJsonObject(0);
      assertThat(trashed.getJsonObject("note").getString("text")).isEqualTo(EDITED);
      assertThat(trashed.getString("byName")).as("who deleted it, its anonymous author").isEmpty();
      assertThat(trashed.encode()).doesNotContain(authorId).doesNotContain("Aurélie");

      for (BridgeClient other : others) {
        assertThat(other.rawFrames()).as("everything the others received")
            .noneMatch(frame -> frame.contains(FIRST) || frame.contains(DELETED) || frame.contains("Aurélie")
                || frame.contains(authorId));
      }
    }
  }

  @Test
  void aNamedRevealShowsTheNotesAndTheirAuthorsToTheProjector(Vertx vertx) {
    TestWorkshop workshop = TestWorkshop.create(vertx, server.port(), "Révélation", "Mobilités");
    String board = workshop.board(0);
    String address = Commands.boardAddress(board);
    try (BridgeClient animator = BridgeClient.connect(vertx, server.port(), workshop.animatorToken());
         BridgeClient author = BridgeClient.connect(vertx, server.port(), workshop.join(vertx, "Denis"));
         BridgeClient projector = BridgeClient.connectPolling(vertx, server.port(), workshop.observerToken())) {
      animator.command(Commands.configure(board, "private", false));
      projector.register(address);
      projector.command(Commands.boardSnapshot(board));
      author.command(Commands.createNote(board, "bus", "Un bus le samedi"));
      assertThat(nextEventOf(projector, address).getString("type")).isEqualTo("hidden");

      animator.command(Commands.reveal(board, false));

      JsonObject note = nextEventOf(projector, address).getJsonArray("notes").getJsonObject(0);
      assertThat(note.getString("text")).isEqualTo("Un bus le samedi");
      assertThat(note.getString("authorName")).isEqualTo("Denis");
      assertThat(note.containsKey("unrevealed")).isFalse();
      animator.command(Commands.configure(board, "open", false));
      author.command(Commands.createNote(board, "velo", "Des vélos en prêt"));
      assertThat(nextEventOf(projector, address).getJsonObject("note").getString("text"))
          .as("back in open mode, a note is everyone's at once").isEqualTo("Des vélos en prêt");
    }
  }

  static Map<String, JsonObject> notesOf(JsonObject syncAnswer) {
    Map<String, JsonObject> notes = new java.util.TreeMap<>();
    syncAnswer.getJsonObject("snapshot").getJsonArray("notes")
        .forEach(note -> notes.put(((JsonObject) note).getString("id"), (JsonObject) note));
    return notes;
  }

  static JsonObject nextEventOf(BridgeClient client, String address) {
    for (JsonObject event = client.nextOn(address, 10_000); event != null; event = client.nextOn(address, 10_000)) {
      if (event.getLong("rev") != null && !event.getString("type").startsWith("stream.")) {
        return event;
      }
    }
    throw new AssertionError("no event on " + address);
  }
}
