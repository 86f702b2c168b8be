package org.parvis.testing;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.util.List;

/** A stream's event log read straight from Redis, as the apply script wrote it: what really happened, whatever clients saw. */
public final class StoredStream {

  private StoredStream() {}

  public static List<JsonObject> events(Vertx vertx, String redisUrl, String workshopId, String stream) {
    Redis redis = Redis.createClient(vertx, redisUrl);
    try {
      String log = "parvis:{w:" + workshopId + "}:s:" + stream + ":log";
      return redis.send(Request.cmd(Command.LRANGE).arg(log).arg(0).arg(-1)).await().stream()
          .map(entry -> entry.toString().split("\n", -1)[1])
          .map(JsonObject::new)
          .toList();
    } finally {
      redis.close();
    }
  }
}
