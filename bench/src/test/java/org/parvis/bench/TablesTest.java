package org.parvis.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class TablesTest {

  private static JsonObject step(int workshops, double serverCores, Double redisCores, double frames, double p99) {
    JsonObject step = new JsonObject().put("workshops", workshops).put("serverCpuCores", serverCores)
        .put("framesReceivedPerSec", frames).put("lost", 0L).put("duplicates", 0L)
        .put("latencyMs", new JsonObject().put("p99", p99)).put("ackLatencyMs", new JsonObject().put("p99", p99 * 2));
    return redisCores == null ? step : step.put("redisCpuCores", redisCores);
  }

  @Test
  void cpuPerThousandFramesCountsServerAndRedis() {
    // 0.5 + 0.1 core delivering 30,000 frames/s: 600 ms of CPU a second for 30 thousand frames.
    assertEquals(20.0, Tables.cpuMsPerThousandFrames(step(100, 0.5, 0.1, 30_000, 10)), 1e-9);
    assertEquals(10.0, Tables.cpuMsPerThousandFrames(step(100, 0.3, null, 30_000, 10)), 1e-9);
    assertNull(Tables.cpuMsPerThousandFrames(step(100, 0.3, null, 0, 10)));
  }

  @Test
  void comparisonShowsCpuPerFrameRatioAndAckLatency() {
    JsonObject parvis = new JsonObject().put("steps", new JsonArray().add(step(100, 0.5, 0.1, 30_000, 12)));
    JsonObject baseline = new JsonObject().put("steps", new JsonArray().add(step(100, 0.4, null, 30_000, 6)));
    String table = Tables.compare(parvis, baseline);
    assertTrue(table.contains("| 1.5x "), table);
    assertTrue(table.contains("| 24 / 12 "), table);
    assertTrue(table.contains("| 20 / 13.3 "), table);
  }

  private static JsonObject storm(JsonObject second) {
    JsonObject ms = new JsonObject().put("p50", 1.0).put("p99", 2.0).put("max", 3.0);
    return new JsonObject().put("joined", 10).put("joiners", 10).put("joinFailed", 0).put("allJoinedSeconds", 1.5)
        .put("joinMs", ms).put("httpJoinMs", ms).put("ackMs", ms).put("lost", 0L).put("commandErrors", new JsonObject())
        .put("perSecond", new JsonArray().add(second));
  }

  @Test
  void stormShowsTheDriversLoopLagBesideTheEditorsAcks() {
    JsonObject report = storm(new JsonObject().put("s", 1).put("joined", 10).put("acks", 30).put("ackP99Ms", 812.5)
        .put("ackMaxMs", 900.0).put("deliveryP99Ms", 800.0).put("loopLagP99Ms", 412.25).put("loopLagMaxMs", 640.0)
        .put("serverCores", 0.97).put("redisCores", 0.03))
        .put("editorsLoopLagMs", new JsonObject().put("p99", 41.5).put("max", 640.0))
        .put("joinersLoopLagMs", new JsonObject().put("p99", 95.0).put("max", 1200.0));
    String table = Tables.storm(report);
    assertTrue(table.contains("driver's loop lag p99/max: editors' 41.5/640 ms, joiners' 95/1200 ms"), table);
    assertTrue(table.contains("| drv lag p99 ms | drv lag max ms"), table);
    assertTrue(table.contains("|            412 |            640 |      0.97 | 0.03"), table);
  }

  @Test
  void stormOfAnEarlierDriverWithoutLoopLagStillPrints() {
    String table = Tables.storm(storm(new JsonObject().put("s", 1).put("joined", 10).put("acks", 30)
        .put("ackP99Ms", 8.0).put("ackMaxMs", 9.0).put("deliveryP99Ms", 7.0)));
    assertTrue(table.contains("editors' -/- ms, joiners' -/- ms"), table);
    assertTrue(table.contains("|              - |              - |         - | -"), table);
  }

  @Test
  void stormWithTheJoinersOnTheEditorsLoopsSaysSo() {
    JsonObject report = storm(new JsonObject().put("s", 1)).put("joinersOwnLoops", false)
        .put("editorsLoopLagMs", new JsonObject().put("p99", 150.0).put("max", 800.0));
    assertTrue(Tables.stormLine(report).contains("editors' 150/800 ms, joiners on the editors' loops;"),
        Tables.stormLine(report));
  }
}
