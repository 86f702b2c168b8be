package org.parvis.workshop;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.redis.client.Redis;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parvis.testing.BridgeClient;
import org.parvis.testing.Commands;
import org.parvis.testing.NodeWithRedis;
import org.parvis.testing.RedisInspector;
import org.parvis.testing.RedisProcess;
import org.parvis.testing.TestWorkshop;

/**
 * Retention against a real node and Redis: the animators are told when an idle workshop will go, and
 * the sweeper, its clock moved ahead, deletes the workshop idle past 90 days and keeps the one active
 * since.
 */
@ExtendWith(VertxExtension.class)
class RetentionIntegrationTest {

  private static final long DAY = Duration.ofDays(1).toMillis();

  @RegisterExtension
  static final NodeWithRedis node = new NodeWithRedis(Map.of("PARVIS_RETENTION_DAYS", "90"));

  @Test
  void animatorsAreToldWhenTheIdleWorkshopWillBeDeletedAndWarnedAWeekBefore(Vertx vertx) {
    long before = System.currentTimeMillis();
    TestWorkshop workshop = TestWorkshop.create(vertx, node.port(), "Quand", "A");

    JsonObject retention = TestWorkshop.getAs(vertx, node.port(), workshop.animatorToken(), "/api/session")
        .bodyAsJsonObject().getJsonObject("retention");

    assertThat(retention.getLong("deletesAt")).isBetween(before + 90 * DAY, System.currentTimeMillis() + 90 * DAY);
    assertThat(retention.getLong("deletesAt") - retention.getLong("warnFrom")).isEqualTo(7 * DAY);
    String participant = workshop.join(vertx, "Sylvie");
    assertThat(TestWorkshop.getAs(vertx, node.port(), participant, "/api/session").bodyAsJsonObject().containsKey("retention"))
        .as("only animators are told").isFalse();
  }

  @Test
  void theSweeperDeletesTheWorkshopIdlePastTheRetentionAndKeepsTheActiveOne(Vertx vertx) {
    TestWorkshop idle = TestWorkshop.create(vertx, node.port(), "Oublié", "A");
    String idleToken = idle.join(vertx, "Paul");
    RedisProcess.sleep(50);
    TestWorkshop active = TestWorkshop.create(vertx, node.port(), "Vivant", "A");
    String activeToken = active.join(vertx, "Nadia");
    RedisProcess.sleep(50);
    try (BridgeClient nadia = BridgeClient.connectSockJs(vertx, node.port(), activeToken)) {
      assertThat(nadia.command(Commands.createNote(active.board(0), "n1", "Toujours là")).getBoolean("ok")).isTrue();
    }
    Redis redis = Redis.createClient(vertx, node.redisUrl());
    WorkshopStore store = new WorkshopStore(redis, System::nanoTime);
    long idleSince = store.lastActivity(idle.id()).await().orElseThrow();
    long activeSince = store.lastActivity(active.id()).await().orElseThrow();
    assertThat(activeSince).as("the note counts as activity").isGreaterThan(idleSince);
    // 90 days after the idle one's last activity, not yet 90 after the active one's.
    AtomicLong clock = new AtomicLong(idleSince + 90 * DAY + (activeSince - idleSince) / 2);
    RetentionSweeper sweeper = new RetentionSweeper(redis, store, new WorkshopDeletion(vertx, redis, store),
        Retention.days(90), clock::get, 200);
    String deployment = vertx.deployVerticle(sweeper).await();

    try (RedisInspector inspector = new RedisInspector(vertx, node.redisUrl())) {
      long deadline = System.currentTimeMillis() + 5_000;
      while (inspector.isMember(WorkshopStore.WORKSHOPS_KEY, idle.id()) && System.currentTimeMillis() < deadline) {
        RedisProcess.sleep(50);
      }
      vertx.undeploy(deployment).await();

      assertThat(inspector.isMember(WorkshopStore.WORKSHOPS_KEY, idle.id())).isFalse();
      assertThat(inspector.allKeys()).noneMatch(key -> key.contains(idle.id()));
      assertThat(inspector.isMember(WorkshopStore.WORKSHOPS_KEY, active.id())).isTrue();
      assertThat(inspector.allKeys()).anyMatch(key -> key.contains(active.id()));
    } finally {
      redis.close();
    }
    try (BridgeClient paul = BridgeClient.connectSockJs(vertx, node.port(), idleToken);
         BridgeClient nadia = BridgeClient.connectSockJs(vertx, node.port(), activeToken)) {
      assertThat(paul.command(new JsonObject().put("type", "workshop.get")).getString("error")).isEqualTo("invalid_token");
      assertThat(nadia.command(Commands.sync("board:" + active.board(0))).getJsonObject("snapshot")
          .getJsonArray("notes")).hasSize(1);
    }
  }
}
