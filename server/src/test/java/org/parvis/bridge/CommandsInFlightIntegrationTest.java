package org.parvis.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parvis.testing.BridgeClient;
import org.parvis.testing.Commands;
import org.parvis.testing.NodeWithRedis;
import org.parvis.testing.RedisInspector;
import org.parvis.testing.TestWorkshop;

/**
 * Commands are answered by the bridge's guard on the socket's own event loop: while storage is
 * slow, one socket's commands waiting for it are bounded, the ones beyond are told to wait at once,
 * and the ones taken are all applied and answered once storage answers again.
 */
@ExtendWith(VertxExtension.class)
class CommandsInFlightIntegrationTest {

  @RegisterExtension
  static final NodeWithRedis node = new NodeWithRedis(Map.of(
      "PARVIS_RATE_PER_SECOND", "100000", "PARVIS_RATE_BURST", "100000"));

  @Test
  void whileStorageIsPausedASocketHasAtMostItsBoundOfCommandsWaitingAndTheOthersAreToldToWaitAtOnce(Vertx vertx) {
    TestWorkshop workshop = TestWorkshop.create(vertx, node.port(), "Attente", "A");
    String board = workshop.board(0);
    int sent = BridgeGuard.MAX_COMMANDS_IN_FLIGHT + 6;
    try (RedisInspector redis = new RedisInspector(vertx, node.redisUrl());
         BridgeClient writer = BridgeClient.connect(vertx, node.port(), workshop.join(vertx, "Paul"))) {
      assertThat(writer.command(Commands.boardSnapshot(board)).getBoolean("ok")).as("the token is proved").isTrue();
      redis.send(Request.cmd(Command.CLIENT).arg("PAUSE").arg(1500).arg("WRITE"));

      List<CompletableFuture<JsonObject>> answers = IntStream.range(0, sent)
          .mapToObj(i -> writer.commandAsync(Commands.createNote(board, "n" + i, "idée " + i))).toList();
      Map<String, Long> outcomes = answers.stream().map(CompletableFuture::join)
          .collect(Collectors.groupingBy(answer -> answer.getBoolean("ok") ? "ok" : answer.getString("error"), Collectors.counting()));

      assertThat(outcomes).containsExactlyInAnyOrderEntriesOf(Map.of(
          "ok", (long) BridgeGuard.MAX_COMMANDS_IN_FLIGHT, "rate_limited", 6L));
      JsonObject snapshot = writer.command(Commands.boardSnapshot(board)).getJsonObject("snapshot");
      List<String> ids = snapshot.getJsonArray("notes").stream().map(note -> ((JsonObject) note).getString("id")).toList();
      List<String> acknowledged = IntStream.range(0, sent).filter(i -> answers.get(i).join().getBoolean("ok"))
          .mapToObj(i -> "n" + i).toList();
      assertThat(ids).containsExactlyInAnyOrderElementsOf(acknowledged);
    }
  }
}
