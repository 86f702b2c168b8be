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
}
