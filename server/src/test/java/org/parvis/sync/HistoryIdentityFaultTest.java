package org.parvis.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.parvis.testing.BridgeClient;
import org.parvis.testing.Commands;
import org.parvis.testing.ParvisNode;
import org.parvis.testing.RedisProcess;
import org.parvis.testing.StoredStream;
import org.parvis.testing.StreamReplica;
import org.parvis.testing.TestWorkshop;

/**
 * Redis loses acknowledged writes under a running node (older append-only files put back, as after
 * a power cut with appendfsync everysec): a client that saw the lost events notices that the
 * history is not the stored one and ends equal to Redis without a ghost note, and a client whose
 * acknowledged command was lost before it saw its event resends it with the same id, and it is
 * applied.
 */
@ExtendWith(VertxExtension.class)
class HistoryIdentityFaultTest {

  private static final Map<String, String> FAST = Map.of("PARVIS_RATE_PER_SECOND", "1000", "PARVIS_RATE_BURST", "1000",
      "PARVIS_LIVENESS_MS", "1000");

  @Test
  void lostAcknowledgedWritesAreDetectedAndResent(Vertx vertx) {
    try (RedisProcess redis = RedisProcess.start(); ParvisNode node = ParvisNode.start(redis.url(), FAST)) {
      TestWorkshop workshop = TestWorkshop.create(vertx, node.port(), "Panne de courant", "A");
      String board = workshop.board(0);
      String stream = "board:" + board;
      String address = Commands.boardAddress(board);
      BridgeClient writer = BridgeClient.connect(vertx, node.port(), workshop.join(vertx, "Wanda"));
      String otherToken = workshop.join(vertx, "Oscar");
      try (BridgeClient viewer = BridgeClient.connect(vertx, node.port(), workshop.observerToken())) {
        viewer.register(address);
        StreamReplica seen = StreamReplica.fromSync(viewer.command(Commands.sync(stream)));
        StreamReplica writersView = StreamReplica.fromSync(writer.command(Commands.sync(stream)));
        for (String id : List.of("n1", "n2", "n3")) {
          assertThat(writer.command(Commands.createNote(board, id, "gardée " + id)).getBoolean("ok")).isTrue();
        }
        writersView.applySync(writer.command(writersView.syncCommand()));
        RedisProcess.sleep(1_500);
        Path beforeTheLoss = redis.copyOfFiles();

        JsonObject pending = Commands.createNote(board, "n4", "acquittée puis perdue");
        assertThat(writer.command(pending).getBoolean("ok")).as("n4 acknowledged").isTrue();
        try (BridgeClient other = BridgeClient.connect(vertx, node.port(), otherToken)) {
          assertThat(other.command(Commands.createNote(board, "ghost", "fantôme")).getBoolean("ok")).isTrue();
        }
        seen.follow(viewer, address, 5);
        assertThat(seen.notes()).containsKeys("n4", "ghost");
        String lostHashAt5 = seen.hashAt(5);

        redis.kill();
        redis.restoreFiles(beforeTheLoss);
        redis.restart();

        // The writer never saw n4's event: by the contract n4 is still pending, resent with its id.
        writer.close();
        writer = BridgeClient.connect(vertx, node.port(), writer.token());
        writer.register(address);
        JsonObject catchUp = retryWhileUnavailable(writer, writersView.syncCommand());
        assertThat(catchUp.getLong("rev")).as("the stored revision after the loss").isEqualTo(3);
        try (BridgeClient other = BridgeClient.connect(vertx, node.port(), otherToken)) {
          assertThat(retryWhileUnavailable(other, Commands.createNote(board, "fresh", "après la perte")).getLong("rev")).isEqualTo(4);
        }
        JsonObject resent = retryWhileUnavailable(writer, pending);
        assertThat(resent.getBoolean("ok")).isTrue();
        assertThat(resent.containsKey("duplicate")).as("applied anew, not remembered").isFalse();
        assertThat(resent.getLong("rev")).isEqualTo(5);

        JsonObject fromLostHistory = viewer.command(Commands.sync(stream, 5, lostHashAt5));
        assertThat(fromLostHistory.getLong("rev")).as("the same revision as the lost history's").isEqualTo(5);
        assertThat(fromLostHistory.containsKey("snapshot")).as("a catch-up from the lost history's revision 5").isTrue();

        StreamReplica stored = StreamReplica.fromSync(writer.command(Commands.sync(stream)));
        seen.follow(viewer, address, stored.rev(), stored.h());
        assertThat(seen.h()).isEqualTo(stored.h());
        assertThat(seen.notes()).as("the viewer, after the loss").isEqualTo(stored.notes()).doesNotContainKey("ghost").containsKeys("n4", "fresh");
        assertThat(StoredStream.events(vertx, redis.url(), workshop.id(), stream))
            .filteredOn(event -> pending.getString("id").equals(event.getString("cmd"))).hasSize(1);
      } finally {
        writer.close();
      }
    }
  }

  private static JsonObject retryWhileUnavailable(BridgeClient client, JsonObject command) {
    long deadline = System.currentTimeMillis() + 20_000;
    JsonObject answer = client.command(command);
    while (!answer.getBoolean("ok") && "unavailable".equals(answer.getString("error")) && System.currentTimeMillis() < deadline) {
      RedisProcess.sleep(100);
      answer = client.command(command);
    }
    return answer;
  }
}
