package org.parvis.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parvis.testing.BridgeClient;
import org.parvis.testing.Commands;
import org.parvis.testing.NodeWithRedis;
import org.parvis.testing.RedisInspector;
import org.parvis.testing.TestWorkshop;

/**
 * What people joining at once share, through the real bridge and a real redis-server: one read of
 * a board's snapshot for all of them, one read of the workshop behind a code; and what they must
 * never share: a reader's private notes, or a join the workshop no longer allows. The window is
 * long here (60 s), so that only events, never time, end a shared snapshot.
 */
@ExtendWith(VertxExtension.class)
class SharedSetupIntegrationTest {

  @RegisterExtension
  static final NodeWithRedis server = new NodeWithRedis(Map.of("PARVIS_SETUP_SHARE_MS", "60000"));

  private static final String SECRET = "Une idée que personne d'autre ne doit lire";

  @Test
  void peopleJoiningOneBoardShareOneSnapshotReadUntilTheBoardChanges(Vertx vertx) {
    TestWorkshop workshop = TestWorkshop.create(vertx, server.port(), "Arrivées", "Cadre de vie");
    String board = workshop.board(0);
    String address = Commands.boardAddress(board);
    List<BridgeClient> joiners = new ArrayList<>();
    try (RedisInspector redis = new RedisInspector(vertx, server.redisUrl());
         BridgeClient writer = BridgeClient.connect(vertx, server.port(), workshop.join(vertx, "Wanda"))) {
      writer.register(address);
      JsonObject note = writer.command(Commands.createNote(board, "n1", "Un marché le samedi"));
      writer.command(Commands.sync("board:" + board));
      for (int i = 0; i < 12; i++) {
        joiners.add(BridgeClient.connect(vertx, server.port(), workshop.join(vertx, "Arrivant " + i)));
      }
      long readsBefore = redis.calls("evalsha");
      for (BridgeClient joiner : joiners) {
        joiner.register(address);
        JsonObject synced = joiner.command(Commands.sync("board:" + board));
        assertThat(synced.getLong("rev")).isEqualTo(note.getLong("rev"));
        assertThat(noteTexts(synced)).containsExactly("Un marché le samedi");
        assertThat(synced.containsKey("sameForEveryReader")).isFalse();
      }
      assertThat(redis.calls("evalsha") - readsBefore).as("snapshot reads for 12 people joining one board").isZero();

      JsonObject second = writer.command(Commands.createNote(board, "n2", "Une navette pour le marché"));
      joiners.get(0).nextOn(address, 5_000);
      JsonObject after = joiners.get(1).command(Commands.sync("board:" + board));
      assertThat(after.getLong("rev")).isEqualTo(second.getLong("rev"));
      assertThat(noteTexts(after)).containsExactly("Un marché le samedi", "Une navette pour le marché");
    } finally {
      joiners.forEach(BridgeClient::close);
    }
  }

  @Test
  void aSharedSnapshotNeverGivesOneReaderAnotherReadersPrivateNote(Vertx vertx) {
    TestWorkshop workshop = TestWorkshop.create(vertx, server.port(), "Écriture privée", "Cadre de vie");
    String board = workshop.board(0);
    String stream = "board:" + board;
    String address = Commands.boardAddress(board);
    try (BridgeClient animator = BridgeClient.connect(vertx, server.port(), workshop.animatorToken());
         BridgeClient author = BridgeClient.connect(vertx, server.port(), workshop.join(vertx, "Aurélie"));
         BridgeClient bruno = BridgeClient.connectSockJs(vertx, server.port(), workshop.join(vertx, "Bruno"))) {
      for (BridgeClient client : List.of(animator, author, bruno)) {
        client.register(address);
      }
      author.command(Commands.createNote(board, "open", "Une idée pour tous"));
      // A shared snapshot is in place: the board holds nothing private yet.
      bruno.command(Commands.sync(stream));
      bruno.command(Commands.sync(stream));

      animator.command(Commands.configure(board, "private", false));
      JsonObject secret = author.command(Commands.createNote(board, "secret", SECRET));
      assertThat(secret.getBoolean("ok")).isTrue();

      for (int round = 0; round < 3; round++) {
        try (BridgeClient chloe = BridgeClient.connect(vertx, server.port(), workshop.join(vertx, "Chloé " + round))) {
          chloe.register(address);
          for (BridgeClient other : List.of(chloe, bruno)) {
            JsonObject synced = other.command(Commands.sync(stream));
            assertThat(synced.getLong("rev")).isGreaterThanOrEqualTo(secret.getLong("rev"));
            assertThat(synced.encode()).doesNotContain(SECRET).doesNotContain("\"secret\"");
            assertThat(synced.getJsonObject("snapshot").getInteger("privateCount")).isEqualTo(1);
          }
          assertThat(noteTexts(author.command(Commands.sync(stream)))).contains(SECRET);
          assertThat(noteTexts(animator.command(Commands.sync(stream)))).contains(SECRET);
        }
      }
      assertThat(bruno.rawFrames()).noneMatch(frame -> frame.contains(SECRET));
    }
  }

  @Test
  void theWorkshopBehindACodeIsReadOnceForManyJoinsButEveryJoinIsCheckedInRedis(Vertx vertx) {
    TestWorkshop workshop = TestWorkshop.create(vertx, server.port(), "Soirée", "A", "B");
    workshop.join(vertx, "Premier");
    try (RedisInspector redis = new RedisInspector(vertx, server.redisUrl())) {
      long workshopReads = redis.calls("hgetall");
      long codeReads = redis.calls("get");
      long scripts = redis.calls("evalsha");
      for (int i = 0; i < 10; i++) {
        JsonObject joined = workshop.joinGroup(vertx, "Arrivant " + i, workshop.board(i % 2));
        assertThat(joined.getJsonObject("workshop").getJsonArray("boards")).hasSize(2);
        try (BridgeClient client = BridgeClient.connect(vertx, server.port(), joined.getString("token"))) {
          assertThat(client.command(Commands.sync("board:" + workshop.board(i % 2))).getBoolean("ok")).isTrue();
        }
      }
      // Each board's snapshot script reads its anonymous authors with HGETALL; no join read the workshop again.
      assertThat(redis.calls("hgetall") - workshopReads).as("HGETALLs for 10 joins on 2 boards").isLessThanOrEqualTo(2);
      assertThat(redis.calls("evalsha") - scripts).as("one join script per join, at most one snapshot read per board")
          .isLessThanOrEqualTo(10 + 2);
      // The apply script reads its command-id marker with GET; no join looked its code up again.
      assertThat(redis.calls("get") - codeReads).isLessThanOrEqualTo(10);
    }

    TestWorkshop.postAs(vertx, server.port(), workshop.animatorToken(), "/api/workshop/joining",
        new JsonObject().put("open", false));
    HttpResponse<Buffer> closed = TestWorkshop.post(vertx, server.port(), "/api/join", newcomer(workshop.code()));
    assertThat(closed.statusCode()).isEqualTo(403);
    assertThat(closed.bodyAsJsonObject().getString("error")).isEqualTo("joining_closed");

    TestWorkshop.postAs(vertx, server.port(), workshop.animatorToken(), "/api/workshop/joining",
        new JsonObject().put("open", true));
    assertThat(TestWorkshop.post(vertx, server.port(), "/api/join", newcomer(workshop.code())).statusCode()).isEqualTo(200);
    String renewed = TestWorkshop.postAs(vertx, server.port(), workshop.animatorToken(), "/api/workshop/code",
        new JsonObject()).bodyAsJsonObject().getString("code");
    HttpResponse<Buffer> old = TestWorkshop.post(vertx, server.port(), "/api/join", newcomer(workshop.code()));
    assertThat(old.statusCode()).isEqualTo(404);
    assertThat(old.bodyAsJsonObject().getString("error")).isEqualTo("unknown_code");
    assertThat(TestWorkshop.post(vertx, server.port(), "/api/join", newcomer(renewed)).statusCode()).isEqualTo(200);
  }

  private static JsonObject newcomer(String code) {
    return new JsonObject().put("code", code).put("name", "Zoé").put("category", "habitant");
  }

  private static List<String> noteTexts(JsonObject synced) {
    JsonArray notes = synced.getJsonObject("snapshot").getJsonArray("notes");
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < notes.size(); i++) {
      texts.add(notes.getJsonObject(i).getString("text"));
    }
    return texts;
  }
}
