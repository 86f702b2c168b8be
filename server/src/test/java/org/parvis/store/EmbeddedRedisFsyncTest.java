package org.parvis.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.parvis.config.ParvisConfig;

/**
 * PARVIS_REDIS_FSYNC reaches the embedded Redis: with `always`, every acknowledgement is on disk first. The
 * embedded Redis and deploy/redis-parvis.conf rewrite the append-only file at the same size.
 */
@ExtendWith(VertxExtension.class)
class EmbeddedRedisFsyncTest {

  @Test
  void theChosenFsyncIsTheEmbeddedRedissOwn(Vertx vertx) throws Exception {
    for (ParvisConfig.RedisFsync fsync : ParvisConfig.RedisFsync.values()) {
      Path dir = Files.createTempDirectory("parvis-embedded");
      try (EmbeddedRedis embedded = EmbeddedRedis.start(dir, Optional.empty(), fsync)) {
        Redis redis = Redis.createClient(vertx, embedded.url());
        try {
          String applied = redis.send(Request.cmd(Command.CONFIG).arg("GET").arg("appendfsync")).await().get("appendfsync").toString();
          assertThat(applied).isEqualTo(fsync.redisSetting());
          String rewriteMinSize = redis.send(Request.cmd(Command.CONFIG).arg("GET").arg("auto-aof-rewrite-min-size")).await()
              .get("auto-aof-rewrite-min-size").toString();
          assertThat(rewriteMinSize).isEqualTo(Long.toString(512L * 1024 * 1024));
        } finally {
          redis.close();
        }
      }
    }
    assertThat(ParvisConfig.from(Map.of()).redisFsync()).isEqualTo(ParvisConfig.RedisFsync.EVERYSEC);
    assertThat(ParvisConfig.from(Map.of("PARVIS_REDIS_FSYNC", "always")).redisFsync()).isEqualTo(ParvisConfig.RedisFsync.ALWAYS);
  }

  @Test
  void theDeploymentsRedisRewritesAtTheEmbeddedOnesSize() throws Exception {
    assertThat(Files.readAllLines(Path.of("..", "deploy", "redis-parvis.conf")))
        .contains("auto-aof-rewrite-min-size " + EmbeddedRedis.AOF_REWRITE_MIN_SIZE);
  }
}
