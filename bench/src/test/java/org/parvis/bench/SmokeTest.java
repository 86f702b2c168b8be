package org.parvis.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parvis.Main;
import org.parvis.config.ParvisConfig;
import org.parvis.testing.RedisProcess;

/** The driver against a real Parvis node (and Redis) and against the baseline, one short workshop each. */
class SmokeTest {

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void oneWorkshopAgainstParvisLosesNothingAndEveryReplicaEqualsRedis() throws Exception {
    JsonObject report = runAgainstParvis("parvis-smoke", config -> {
      // WebSockets only: the node's SockJS XHR transport is checked by the test below.
      config.xhrShare = 0;
    });
    assertCleanRun(report, 54, 4, 20);
  }

  /** The WebSocket transport browsers use (sockjs-client), where the node writes stream events pre-framed. */
  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void oneWorkshopOverTheSockJsWebSocketTransportLosesNothing() throws Exception {
    JsonObject report = runAgainstParvis("parvis-sockjs-ws-smoke", config -> {
      config.xhrShare = 0;
      config.sockJsWebSocket = true;
    });
    assertCleanRun(report, 54, 4, 20);
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void oneWorkshopAgainstTheBaselineIncludingXhrStreamingClients() throws Exception {
    int port = RedisProcess.freePort();
    BaselineServer baseline = BaselineServer.startOwn("127.0.0.1", port, 2);
    try {
      DriverConfig config = smoke(port, "baseline-smoke");
      config.xhrShare = 0.25;
      JsonObject report = run(config);
      assertCleanRun(report, 54, 4, 20);
      assertTrue(report.getJsonArray("steps").getJsonObject(0).getLong("xhrClientsConnected") >= 13,
          "xhr_streaming clients connected: " + report.encodePrettily());
    } finally {
      baseline.stop().await();
    }
  }

  /** The SockJS xhr_streaming fallback (xhr_streaming + xhr_send) against Parvis, every client on it. */
  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void xhrStreamingClientsAgainstParvis() throws Exception {
    JsonObject report = runAgainstParvis("parvis-xhr-smoke", config -> {
      config.xhrShare = 1.0;
      config.boardsPerWorkshop = 1;
      config.participantsPerBoard = 3;
      config.observersPerWorkshop = 1;
      config.stepSeconds = 3;
      config.handshakeTimeoutMs = 10_000;
    });
    assertCleanRun(report, 5, 1, 3);
    assertEquals(5L, report.getJsonArray("steps").getJsonObject(0).getLong("xhrClientsConnected"));
  }

  /** Join-storm mode, small: one workshop editing while 40 more people join it at once. */
  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void aSmallJoinStormAgainstParvisJoinsEveryoneAndLosesNothing() throws Exception {
    JsonObject report = runAgainstParvis("parvis-storm-smoke", config -> {
      config.xhrShare = 0;
      config.joinStorm = 40;
    });
    String dump = report.encodePrettily();
    JsonObject storm = report.getJsonObject("storm");
    assertEquals(40, storm.getInteger("joined"), "joined\n" + dump);
    assertEquals(54L, storm.getLong("editors"), "editors\n" + dump);
    assertEquals(40L, storm.getJsonObject("joinMs").getLong("count"), "join times\n" + dump);
    assertTrue(storm.getJsonObject("ackMs").getLong("count") >= 20, "editors' acks during the storm\n" + dump);
    assertTrue(storm.getJsonArray("perSecond").size() >= 4, "per-second timeline\n" + dump);
    // The driver's own delay, on the editors' loops and on the joiners' own: a 10 ms probe, so about 100 a second each.
    assertTrue(storm.getJsonObject("editorsLoopLagMs").getLong("count") >= 100, "editors' loop lag\n" + dump);
    assertTrue(storm.getJsonObject("joinersLoopLagMs").getLong("count") >= 100, "joiners' loop lag\n" + dump);
    assertTrue(storm.getJsonArray("perSecond").getJsonObject(0).containsKey("loopLagP99Ms"), "loop lag per second\n" + dump);
    assertEquals(0L, LoadDriver.total(report, "lost"), "lost events\n" + dump);
    assertEquals(0L, LoadDriver.total(report, "connectionErrors"), "connection errors\n" + dump);
    assertEquals(4, LoadDriver.equalBoards(report), "every replica, joiners' included, equals the stored board\n" + dump);
  }

  /** A Parvis node on its own redis-server, the driver's smoke settings changed by {@code adjust}. */
  private static JsonObject runAgainstParvis(String label, Consumer<DriverConfig> adjust) throws Exception {
    try (RedisProcess redis = RedisProcess.start()) {
      int port = RedisProcess.freePort();
      Main node = startParvis(port, redis);
      try {
        DriverConfig config = smoke(port, label);
        adjust.accept(config);
        return run(config);
      } finally {
        node.stop().await();
      }
    }
  }

  private static Main startParvis(int port, RedisProcess redis) {
    return Main.start(ParvisConfig.from(Map.of(
        "PARVIS_PORT", Integer.toString(port),
        "PARVIS_HOST", "127.0.0.1",
        "PARVIS_REDIS_URL", redis.url(),
        "PARVIS_HTTP_INSTANCES", "2",
        "PARVIS_JOIN_PER_MINUTE", "1000000",
        "PARVIS_CREATE_PER_HOUR", "1000000"))).await();
  }

  private static DriverConfig smoke(int port, String label) {
    DriverConfig config = new DriverConfig();
    config.port = port;
    config.label = label;
    config.steps = List.of(1);
    config.stepSeconds = 4;
    config.graceSeconds = 2;
    config.settleSeconds = 1;
    config.editIntervalMs = 1_000;
    config.editJitterMs = 200;
    config.pingIntervalMs = 1_000;
    config.eventLoops = 2;
    config.handshakeTimeoutMs = 20_000;
    return config;
  }

  private static JsonObject run(DriverConfig config) throws Exception {
    LoadDriver driver = new LoadDriver(config);
    try {
      JsonObject report = driver.run();
      System.out.println(Tables.report(report));
      return report;
    } finally {
      driver.close();
    }
  }

  private static void assertCleanRun(JsonObject report, int clients, int boards, long minEdits) {
    String dump = report.encodePrettily();
    JsonObject step = report.getJsonArray("steps").getJsonObject(0);
    assertEquals(clients, step.getLong("clientsConnected"), "clients connected\n" + dump);
    assertEquals(0L, LoadDriver.total(report, "connectionErrors"), "connection errors\n" + dump);
    assertTrue(LoadDriver.total(report, "editsAcked") >= minEdits, "edits acknowledged\n" + dump);
    assertTrue(LoadDriver.total(report, "eventsReceived") >= minEdits, "events received\n" + dump);
    assertEquals(0L, LoadDriver.total(report, "lost"), "lost events\n" + dump);
    assertEquals(0L, LoadDriver.total(report, "duplicates"), "duplicated events\n" + dump);
    assertTrue(step.getJsonObject("latencyMs").getLong("count") > 0, "latency samples\n" + dump);
    JsonArray checked = report.getJsonArray("boards");
    assertEquals(boards, checked.size(), "boards checked\n" + dump);
    assertEquals(boards, LoadDriver.equalBoards(report), "every replica equals the stored board\n" + dump);
    for (int i = 0; i < checked.size(); i++) {
      assertTrue(checked.getJsonObject(i).getInteger("clients") > 0, "replicas compared\n" + dump);
    }
  }
}
