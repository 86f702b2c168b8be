package org.parvis.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parvis.testing.BridgeClient;
import org.parvis.testing.Commands;
import org.parvis.testing.NodeWithRedis;
import org.parvis.testing.RedisInspector;
import org.parvis.testing.RedisProcess;
import org.parvis.testing.TestWorkshop;
import org.parvis.workshop.Secrets;

/**
 * What a socket costs before any Redis work, through the real bridge and Redis: random tokens,
 * a dead token repeated, a flood of frames, a page of another protocol version. The person's own
 * read budget is lifted here, so the socket's budget is the one that answers; it is small (bursts of
 * 40, 5 a second), so a test client, slower to write than a hostile one, goes past it.
 */
@ExtendWith(VertxExtension.class)
class BridgeAbuseIntegrationTest {

  @RegisterExtension
  static final NodeWithRedis node = new NodeWithRedis(Map.of(
      "PARVIS_READ_RATE_PER_SECOND", "100000", "PARVIS_READ_BURST", "100000",
      "PARVIS_SOCKET_FRAMES_PER_SECOND", "5", "PARVIS_SOCKET_FRAME_BURST", "40"));

  @Test
  void commandsWithRandomTokensCostAtMostEightLookupsPerSocketThenTheSocketIsClosed(Vertx vertx) {
    try (RedisInspector redis = new RedisInspector(vertx, node.redisUrl())) {
      long lookupsBefore = redis.calls("get");
      List<BridgeClient> sockets = IntStream.range(0, 3).mapToObj(i -> BridgeClient.connectSockJs(vertx, node.port(), "x")).toList();
      try {
        for (BridgeClient socket : sockets) {
          for (int i = 0; i < 300; i++) {
            socket.sendWithoutWaiting(workshopGet(Secrets.token()));
          }
        }
        awaitClosed(sockets);
        long lookups = redis.calls("get") - lookupsBefore;
        System.out.printf("900 commands with random tokens on 3 sockets: %d token lookups in Redis%n", lookups);
        assertThat(lookups).isLessThanOrEqualTo(3L * BridgeGuard.MAX_UNKNOWN_TOKENS_PER_SOCKET);
      } finally {
        sockets.forEach(BridgeClient::close);
      }
    }
  }

  @Test
  void aDeadTokenRepeatedIsRefusedEveryTimeAndLookedUpOnce(Vertx vertx) {
    String dead = Secrets.token();
    try (RedisInspector redis = new RedisInspector(vertx, node.redisUrl());
         BridgeClient client = BridgeClient.connectSockJs(vertx, node.port(), dead)) {
      long lookupsBefore = redis.calls("get");
      for (int i = 0; i < 30; i++) {
        assertThat(client.command(new JsonObject().put("type", "workshop.get")).getString("error")).isEqualTo("invalid_token");
      }
      assertThat(redis.calls("get") - lookupsBefore).isEqualTo(1);
      assertThat(client.isClosed()).isFalse();
    }
  }

  @Test
  void aSocketPastItsFrameBudgetIsAnsweredRateLimitedThenClosed(Vertx vertx) {
    TestWorkshop workshop = TestWorkshop.create(vertx, node.port(), "Débit", "A");
    String token = workshop.join(vertx, "Rapide");
    try (BridgeClient client = BridgeClient.connectSockJs(vertx, node.port(), token)) {
      // Frames that ask for no answer spend the socket's budget, then 50 that do (the bridge itself
      // holds at most 64 waiting for their answer) find little left.
      IntStream.range(0, 20).forEach(i -> client.sendWithoutWaiting(workshopGet(token)));
      List<JsonObject> answers = IntStream.range(0, 50)
          .mapToObj(i -> client.commandAsync(new JsonObject().put("type", "workshop.get")))
          .toList().stream().map(CompletableFuture::join).toList();
      long limited = answers.stream().filter(answer -> "rate_limited".equals(answer.getString("error"))).count();
      System.out.printf("20 frames, then 50 commands at once: %d rate_limited%n", limited);
      assertThat(limited).isGreaterThan(10);
      assertThat(answers).allMatch(answer -> answer.getBoolean("ok") || "rate_limited".equals(answer.getString("error")));
      assertThat(client.isClosed()).isFalse();

      IntStream.range(0, 400).forEach(i -> client.sendWithoutWaiting(workshopGet(token)));
      awaitClosed(List.of(client));
    }
    try (BridgeClient calm = BridgeClient.connectSockJs(vertx, node.port(), token)) {
      assertThat(calm.command(new JsonObject().put("type", "workshop.get")).getBoolean("ok")).isTrue();
    }
  }

  @Test
  void aClientOfAnotherProtocolVersionIsToldToReload(Vertx vertx) {
    TestWorkshop workshop = TestWorkshop.create(vertx, node.port(), "Version", "A");
    try (BridgeClient old = BridgeClient.connectSockJs(vertx, node.port(), workshop.observerToken());
         BridgeClient current = BridgeClient.connectSockJs(vertx, node.port(), workshop.observerToken())) {
      JsonObject oldHeaders = new JsonObject().put("token", workshop.observerToken()).put("protocol", 1);
      assertThat(old.request("parvis.cmd", new JsonObject().put("type", "workshop.get"), oldHeaders).getString("error"))
          .isEqualTo("reload_required");
      old.send(new JsonObject().put("type", "register").put("address", Commands.boardAddress(workshop.board(0)))
          .put("headers", oldHeaders));
      assertThat(old.awaitError(2_000).getString("body")).isEqualTo("reload_required");

      JsonObject headers = new JsonObject().put("token", workshop.observerToken()).put("protocol", 2);
      assertThat(current.request("parvis.cmd", new JsonObject().put("type", "workshop.get"), headers).getBoolean("ok"))
          .isTrue();
    }
  }

  @Test
  void theRelayLagOfDeliveredEventsIsInTheMetrics(Vertx vertx) {
    TestWorkshop workshop = TestWorkshop.create(vertx, node.port(), "Mesure", "A");
    try (BridgeClient client = BridgeClient.connectSockJs(vertx, node.port(), workshop.join(vertx, "Mesure"))) {
      assertThat(client.command(Commands.createNote(workshop.board(0), "n1", "Vite")).getBoolean("ok")).isTrue();
    }
    String metrics = TestWorkshop.get(vertx, node.port(), "/metrics").bodyAsString();
    String count = metrics.lines().filter(line -> line.startsWith("parvis_relay_lag_seconds_count")).findFirst().orElse("");
    System.out.println(metrics.lines().filter(line -> line.startsWith("parvis_relay_lag_seconds_")).toList());
    assertThat(count).isNotEmpty();
    assertThat(Double.parseDouble(count.substring(count.lastIndexOf(' ') + 1))).isGreaterThanOrEqualTo(1);
    assertThat(metrics).contains("parvis_relay_lag_seconds_bucket");
  }

  /** A command frame that asks for no answer: the bridge holds no reply handler for it. */
  private static JsonObject workshopGet(String token) {
    return new JsonObject().put("type", "send").put("address", "parvis.cmd")
        .put("headers", new JsonObject().put("token", token)).put("body", new JsonObject().put("type", "workshop.get"));
  }

  private static void awaitClosed(List<BridgeClient> clients) {
    long deadline = System.currentTimeMillis() + 10_000;
    while (System.currentTimeMillis() < deadline && !clients.stream().allMatch(BridgeClient::isClosed)) {
      RedisProcess.sleep(20);
    }
    assertThat(clients).allMatch(BridgeClient::isClosed);
  }
}
