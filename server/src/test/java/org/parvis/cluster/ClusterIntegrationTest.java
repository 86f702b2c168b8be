package org.parvis.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parvis.testing.BridgeClient;
import org.parvis.testing.Commands;
import org.parvis.testing.NodeWithRedis;
import org.parvis.testing.TestWorkshop;

/**
 * Clusters through the real bridge and Redis: made on one phone, seen live on another and in a
 * later snapshot; a note in one cluster at most; moved as one; dissolved with its notes left in
 * place; and a private or hidden note never named by a cluster to those who may not see it.
 */
@ExtendWith(VertxExtension.class)
class ClusterIntegrationTest {

  @RegisterExtension
  static final NodeWithRedis server = new NodeWithRedis(Map.of());

  @Test
  void aClusterMadeOnOnePhoneIsSeenLiveOnAnotherAndAfterAReload(Vertx vertx) {
    TestWorkshop workshop = TestWorkshop.create(vertx, server.port(), "Regroupements", "Mobilités");
    String board = workshop.board(0);
    String address = Commands.boardAddress(board);
    try (BridgeClient alice = BridgeClient.connect(vertx, server.port(), workshop.join(vertx, "Alice"));
         BridgeClient bruno = BridgeClient.connectSockJs(vertx, server.port(), workshop.join(vertx, "Bruno"));
         BridgeClient animator = BridgeClient.connect(vertx, server.port(), workshop.animatorToken())) {
      alice.command(Commands.createNote(board, "bus", "Un bus le samedi"));
      alice.command(Commands.createNote(board, "velo", "Des vélos en prêt"));
      bruno.command(Commands.createNote(board, "covoit", "Du covoiturage"));
      bruno.register(address);
      bruno.command(Commands.sync("board:" + board));

      JsonObject create = create(board, "transports", "", List.of("bus", "covoit"));
      JsonObject clustered = alice.command(create);
      assertThat(clustered.getBoolean("ok")).as("Alice clusters Bruno's note with hers").isTrue();
      // The three notes' events may still reach Bruno after his register: the cluster's is the event of its own revision.
      JsonObject created = bruno.eventAt(address, clustered.getLong("rev"), 10_000);
      assertThat(created.getString("type")).isEqualTo("cluster.created");
      assertThat(created.getJsonObject("cluster").getJsonArray("notes")).containsExactly("bus", "covoit");
      assertThat(alice.command(create).getBoolean("duplicate")).as("a retried command").isTrue();

      assertThat(bruno.command(join(board, "transports", "velo", 400.0, 300.0)).getBoolean("ok")).isTrue();
      assertThat(nextEvent(bruno, address).getString("type")).isEqualTo("cluster.joined");
      assertThat(alice.command(rename(board, "transports", "  Se déplacer  ")).getBoolean("ok")).isTrue();
      assertThat(nextEvent(bruno, address).getString("title")).isEqualTo("Se déplacer");
      JsonObject moved = bruno.command(move(board, "transports", 100.0, -50.0));
      assertThat(moved.getBoolean("ok")).isTrue();
      JsonObject movedEvent = nextEvent(bruno, address);
      assertThat(movedEvent.getString("type")).isEqualTo("cluster.moved");
      assertThat(movedEvent.getLong("rev")).as("one event for the whole cluster").isEqualTo(moved.getLong("rev"));

      JsonObject reloaded = snapshot(alice, board);
      Map<String, JsonObject> notes = notesOf(reloaded);
      assertThat(notes.get("velo").getDouble("x")).as("dropped at 400, then moved by 100").isEqualTo(500.0);
      assertThat(notes.get("velo").getDouble("y")).isEqualTo(250.0);
      assertThat(notes.get("bus").getDouble("x")).isEqualTo(110.0);
      assertThat(notes.get("bus").getDouble("y")).as("kept on the board").isEqualTo(0.0);
      JsonObject cluster = reloaded.getJsonArray("clusters").getJsonObject(0);
      assertThat(cluster.getString("title")).isEqualTo("Se déplacer");
      assertThat(cluster.getJsonArray("notes")).as("in stream order").containsExactly("bus", "velo", "covoit");

      alice.command(create(board, "velos", "Vélo", List.of("velo")));
      JsonArray clusters = snapshot(bruno, board).getJsonArray("clusters");
      assertThat(clusters.getJsonObject(0).getJsonArray("notes")).as("a note is in one cluster at most")
          .containsExactly("bus", "covoit");
      assertThat(clusters.getJsonObject(1).getJsonArray("notes")).containsExactly("velo");

      assertThat(error(alice, join(board, "nowhere", "bus", null, null))).isEqualTo("unknown_cluster");
      assertThat(error(alice, join(board, "velos", "ghost", null, null))).isEqualTo("unknown_note");
      assertThat(error(alice, create(board, "velos", "", List.of()))).isEqualTo("cluster_exists");
      assertThat(alice.command(create(board, "x", "", List.of("bus", "bus"))).getString("field")).isEqualTo("notes");
      assertThat(alice.command(move(board, "velos", Double.NaN, 0.0)).getString("error")).isNotNull();
      assertThat(alice.command(leave(board, "velo")).getBoolean("ok")).isTrue();
      assertThat(error(alice, leave(board, "velo"))).isEqualTo("not_in_cluster");

      animator.command(Commands.lock(board, true));
      assertThat(error(bruno, rename(board, "transports", "Bloqué"))).isEqualTo("board_locked");
      assertThat(animator.command(rename(board, "transports", "Mobilités")).getBoolean("ok"))
          .as("animators write a locked board").isTrue();
      animator.command(Commands.lock(board, false));

      assertThat(bruno.command(Commands.deleteNote(board, "covoit")).getBoolean("ok")).isTrue();
      assertThat(snapshot(alice, board).getJsonArray("clusters").getJsonObject(0).getJsonArray("notes"))
          .as("a deleted note leaves its cluster").containsExactly("bus");
      assertThat(bruno.command(dissolve(board, "transports")).getBoolean("ok")).isTrue();
      JsonObject after = snapshot(bruno, board);
      assertThat(after.getJsonArray("clusters")).extracting(c -> ((JsonObject) c).getString("id")).containsExactly("velos");
      assertThat(after.getJsonArray("clusters").getJsonObject(0).getJsonArray("notes")).isEmpty();
      assertThat(notesOf(after)).as("dissolving keeps the notes").containsOnlyKeys("bus", "velo");
      assertThat(error(bruno, dissolve(board, "transports"))).isEqualTo("unknown_cluster");
    }
  }

  @Test
  void aClusterNeverNamesANoteToThoseWhoMayNotSeeIt(Vertx vertx) {
    TestWorkshop workshop = TestWorkshop.create(vertx, server.port(), "Secrets", "Cadre de vie");
    String board = workshop.board(0);
    String address = Commands.boardAddress(board);
    try (BridgeClient animator = BridgeClient.connect(vertx, server.port(), workshop.animatorToken());
         BridgeClient author = BridgeClient.connect(vertx, server.port(), workshop.join(vertx, "Aurélie"));
         BridgeClient other = BridgeClient.connectPolling(vertx, server.port(), workshop.join(vertx, "Bruno"))) {
      other.keepRawFrames();
      other.register(address);
      author.command(Commands.createNote(board, "public1", "Une place ombragée"));
      author.command(Commands.createNote(board, "public2", "Des bancs"));
      animator.command(Commands.configure(board, "private", false));
      author.command(Commands.createNote(board, "secret1", "Un secret bien gardé"));

      assertThat(error(other, create(board, "c1", "", List.of("public1", "secret1")))).as("unseen: unknown")
          .isEqualTo("unknown_note");
      assertThat(error(author, create(board, "c1", "", List.of("public1", "secret1")))).isEqualTo("note_not_public");
      assertThat(error(animator, create(board, "c1", "", List.of("secret1")))).isEqualTo("note_not_public");
      assertThat(error(animator, join(board, "c1", "secret1", null, null))).as("no such cluster was made")
          .isEqualTo("unknown_cluster");

      assertThat(author.command(create(board, "c1", "Ombre", List.of("public1", "public2"))).getBoolean("ok")).isTrue();
      assertThat(error(author, join(board, "c1", "secret1", null, null))).isEqualTo("note_not_public");
      animator.command(Commands.hideNote(board, "public2"));
      animator.command(move(board, "c1", 5.0, 5.0));

      assertThat(snapshot(other, board).getJsonArray("clusters").getJsonObject(0).getJsonArray("notes"))
          .as("a hidden member is left out for those who may not see it").containsExactly("public1");
      assertThat(snapshot(animator, board).getJsonArray("clusters").getJsonObject(0).getJsonArray("notes"))
          .containsExactly("public1", "public2");
      assertThat(snapshot(author, board).getJsonArray("clusters").getJsonObject(0).getJsonArray("notes"))
          .as("its author still sees its hidden note").containsExactly("public1", "public2");
      JsonArray withNotes = new JsonArray();
      other.rawFrames().stream().filter(frame -> frame.contains("cluster")).forEach(withNotes::add);
      assertThat(withNotes).isNotEmpty();
      assertThat(other.rawFrames()).as("everything Bruno received")
          .noneMatch(frame -> frame.contains("secret1") || frame.contains("Un secret"))
          .filteredOn(frame -> frame.contains("cluster.moved")).noneMatch(frame -> frame.contains("public2"));
    }
  }

  @Test
  void aVoteCountsAClustersNotesAsOneLine(Vertx vertx) {
    TestWorkshop workshop = TestWorkshop.create(vertx, server.port(), "Vote", "Actions");
    String board = workshop.board(0);
    try (BridgeClient alice = BridgeClient.connect(vertx, server.port(), workshop.join(vertx, "Alice"));
         BridgeClient animator = BridgeClient.connect(vertx, server.port(), workshop.animatorToken())) {
      alice.command(Commands.createNote(board, "cafe", "Un café associatif"));
      alice.command(Commands.createNote(board, "fete", "Une fête de village"));
      alice.command(Commands.createNote(board, "bus", "Un minibus"));
      alice.command(create(board, "lieux", "Lieux de rencontre", List.of("cafe", "fete")));
      assertThat(animator.command(Commands.openVote("v1", board, 3)).getBoolean("ok")).isTrue();
      alice.command(Commands.castDot("v1", board, "cafe"));
      alice.command(Commands.castDot("v1", board, "fete"));
      alice.command(Commands.castDot("v1", board, "bus"));
      assertThat(animator.command(Commands.closeVote("v1")).getBoolean("ok")).isTrue();
      JsonObject vote = animator.command(Commands.sync("workshop:" + workshop.id())).getJsonObject("snapshot")
          .getJsonArray("votes").getJsonObject(0);
      assertThat(vote.getJsonObject("vote").getJsonArray("clusters").getJsonObject(0).getJsonArray("notes"))
          .containsExactly("cafe", "fete");
      JsonObject first = vote.getJsonObject("result").getJsonArray("ranking").getJsonObject(0);
      assertThat(first.getString("text")).isEqualTo("Lieux de rencontre");
      assertThat(first.getInteger("dots")).isEqualTo(2);
      assertThat(first.getInteger("notes")).isEqualTo(2);
      assertThat(vote.getJsonObject("result").getJsonArray("ranking")).hasSize(2);
    }
  }

  private static JsonObject create(String board, String cluster, String title, List<String> notes) {
    return command("cluster.create", board).put("cluster", cluster).put("title", title).put("notes", new JsonArray(notes));
  }

  private static JsonObject join(String board, String cluster, String noteId, Double x, Double y) {
    JsonObject join = command("cluster.join", board).put("cluster", cluster).put("noteId", noteId);
    return x == null ? join : join.put("x", x).put("y", y);
  }

  private static JsonObject leave(String board, String noteId) {
    return command("cluster.leave", board).put("noteId", noteId);
  }

  private static JsonObject rename(String board, String cluster, String title) {
    return command("cluster.rename", board).put("cluster", cluster).put("title", title);
  }

  private static JsonObject move(String board, String cluster, double dx, double dy) {
    return command("cluster.move", board).put("cluster", cluster).put("dx", dx).put("dy", dy);
  }

  private static JsonObject dissolve(String board, String cluster) {
    return command("cluster.dissolve", board).put("cluster", cluster);
  }

  private static JsonObject command(String type, String board) {
    return new JsonObject().put("type", type).put("id", Commands.freshId()).put("board", board);
  }

  private static String error(BridgeClient client, JsonObject command) {
    return client.command(command).getString("error");
  }

  private static JsonObject snapshot(BridgeClient client, String board) {
    return client.command(Commands.sync("board:" + board)).getJsonObject("snapshot");
  }

  private static Map<String, JsonObject> notesOf(JsonObject snapshot) {
    Map<String, JsonObject> notes = new TreeMap<>();
    snapshot.getJsonArray("notes").forEach(note -> notes.put(((JsonObject) note).getString("id"), (JsonObject) note));
    return notes;
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
