package org.parvis.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parvis.testing.BridgeClient;
import org.parvis.testing.RedisProcess;
import org.parvis.testing.ServerProcess;
import org.parvis.testing.TestWorkshop;

/** What an operator sees of a node: its log stays small under a flood, /metrics counts, SIGTERM leaves cleanly. */
class OperatorIntegrationTest {

  private static final String METRICS_TOKEN = "metrics-secret-for-tests";
  private static Vertx vertx;
  private static RedisProcess redis;
  private static ServerProcess node;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    redis = RedisProcess.start();
    node = ServerProcess.start(redis.url(), Map.of("PARVIS_METRICS_TOKEN", METRICS_TOKEN));
  }

  @AfterAll
  static void stop() {
    node.close();
    redis.close();
    vertx.close().await();
  }

  @Test
  void aRefusalFloodDoesNotGrowTheLogPastABound() throws Exception {
    TestWorkshop workshop = TestWorkshop.create(vertx, node.port(), "Flood", "A");
    long before = Files.size(node.log());

    WebClient http = WebClient.create(vertx);
    for (int guess = 0; guess < 500; guess++) {
      http.get(node.port(), "127.0.0.1", "/api/join/ZZZZ" + String.format("%02d", guess % 100)).send().await();
      http.post(node.port(), "127.0.0.1", "/api/join").sendJsonObject(new JsonObject()
          .put("code", "zzzz" + String.format("%02d", guess % 100)).put("name", "Guess").put("category", "habitant")).await();
    }
    http.close();
    try (BridgeClient stranger = BridgeClient.connect(vertx, node.port(), "not-a-token")) {
      for (int attempt = 0; attempt < 300; attempt++) {
        stranger.sendWithoutWaiting(new JsonObject().put("type", "register").put("address", "parvis.board." + workshop.board(0))
            .put("headers", new JsonObject().put("token", "not-a-token")));
        stranger.sendWithoutWaiting(new JsonObject().put("type", "send").put("address", "elsewhere").put("body", "x"));
      }
      // The socket's frame budget closes it before the end of its flood: the server has read that far.
      long deadline = System.currentTimeMillis() + 10_000;
      while (!stranger.isClosed() && System.currentTimeMillis() < deadline) {
        RedisProcess.sleep(20);
      }
      assertThat(stranger.isClosed()).isTrue();
    }
    WebSocketClient sockets = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxFrameSize(1024 * 1024));
    for (int attempt = 0; attempt < 20; attempt++) {
      WebSocket whole = sockets.connect(node.port(), "127.0.0.1", "/eventbus/websocket").await();
      whole.writeTextMessage("[\"" + "x".repeat(20 * 1024) + "\"]");
      WebSocket fragmented = sockets.connect(node.port(), "127.0.0.1", "/eventbus/websocket").await();
      fragmented.writeFrame(WebSocketFrame.textFrame("[\"", false));
      for (int fragment = 0; fragment < 6; fragment++) {
        fragmented.writeFrame(WebSocketFrame.continuationFrame(Buffer.buffer("y".repeat(4 * 1024)), false));
      }
    }
    RedisProcess.sleep(1_500); // the server has closed them, and the asynchronous appender has written what it was given
    sockets.close().await();

    long grown = Files.size(node.log()) - before;
    assertThat(grown).as("log bytes written by 1000 refused HTTP requests, a flood of refused frames, 40 oversized messages:%n%s",
        Files.readString(node.log())).isLessThan(4_096);
    assertThat(scrape()).contains("parvis_http_refusals_total{code=\"unknown_code\"} 1000.0");
  }

  @Test
  void metricsCountCommandsByOutcomeAndNeedTheirToken() {
    TestWorkshop workshop = TestWorkshop.create(vertx, node.port(), "Metrics", "A");
    String metrics;
    try (BridgeClient animator = BridgeClient.connect(vertx, node.port(), workshop.animatorToken())) {
      animator.command(new JsonObject().put("type", "workshop.get"));
      animator.command(new JsonObject().put("type", "no.such.command"));
      metrics = scrape();
    }
    WebClient http = WebClient.create(vertx);
    HttpResponse<Buffer> anonymous = http.get(node.port(), "127.0.0.1", "/metrics").send().await();
    http.close();
    assertThat(anonymous.statusCode()).isEqualTo(401);

    assertThat(metrics)
        .containsPattern("parvis_commands_total\\{outcome=\"ok\"} [1-9]")
        .containsPattern("parvis_commands_total\\{outcome=\"unknown_command\"} [1-9]")
        .contains("parvis_command_latency_seconds_count")
        .containsPattern("parvis_bridge_sockets [1-9]")
        .contains("vertx_pool_queue_pending")
        .contains("jvm_memory_used_bytes");
  }

  @Test
  void livenessAndReadinessAreSeparate() {
    WebClient http = WebClient.create(vertx);
    try {
      assertThat(http.get(node.port(), "127.0.0.1", "/health/live").send().await().statusCode()).isEqualTo(200);
      HttpResponse<Buffer> ready = http.get(node.port(), "127.0.0.1", "/health/ready").send().await();
      assertThat(ready.statusCode()).isEqualTo(200);
      assertThat(ready.bodyAsJsonObject().getString("redis")).isEqualTo("UP");
    } finally {
      http.close();
    }
  }

  @Test
  void sigtermClosesSocketsSoClientsReconnectElsewhereThenExits() throws Exception {
    try (RedisProcess ownRedis = RedisProcess.start()) {
      ServerProcess leaving = ServerProcess.start(ownRedis.url());
      TestWorkshop workshop = TestWorkshop.create(vertx, leaving.port(), "Leaving", "A");
      BridgeClient client = BridgeClient.connect(vertx, leaving.port(), workshop.animatorToken());
      client.command(new JsonObject().put("type", "workshop.get"));

      int exitCode = leaving.stopGracefully(20_000);

      assertThat(client.isClosed()).isTrue();
      assertThat(exitCode).isEqualTo(143); // 128 + SIGTERM: ended by the signal, after the shutdown hook
      assertThat(Files.readString(leaving.log())).contains("Stopping: no new clients").contains("Stopped (0 command");
      client.close();
    }
  }

  private static String scrape() {
    WebClient http = WebClient.create(vertx);
    try {
      HttpResponse<Buffer> answer = http.get(node.port(), "127.0.0.1", "/metrics")
          .putHeader("Authorization", "Bearer " + METRICS_TOKEN).send().await();
      assertThat(answer.statusCode()).isEqualTo(200);
      return answer.bodyAsString();
    } finally {
      http.close();
    }
  }
}
