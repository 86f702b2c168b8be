package org.parvis.testing;

import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.HashSet;
import java.util.Set;

/** Looks at a test's Redis from outside Parvis: every key it holds, how many times a command ran. */
public final class RedisInspector implements AutoCloseable {

  private final Redis redis;

  public RedisInspector(Vertx vertx, String redisUrl) {
    this.redis = Redis.createClient(vertx, redisUrl);
  }

  /** Every key in the database, by SCAN. */
  public Set<String> allKeys() {
    Set<String> keys = new HashSet<>();
    String cursor = "0";
    do {
      Response page = redis.send(Request.cmd(Command.SCAN).arg(cursor).arg("COUNT").arg(1000)).await();
      cursor = page.get(0).toString();
      page.get(1).forEach(key -> keys.add(key.toString()));
    } while (!"0".equals(cursor));
    return keys;
  }

  public boolean isMember(String set, String member) {
    return redis.send(Request.cmd(Command.SISMEMBER).arg(set).arg(member)).await().toInteger() == 1;
  }

  /** How many times Redis ran this command since it started (INFO commandstats), e.g. "get". */
  public long calls(String command) {
    String stats = redis.send(Request.cmd(Command.INFO).arg("commandstats")).await().toString();
    for (String line : stats.split("\r?\n")) {
      if (line.startsWith("cmdstat_" + command + ":calls=")) {
        return Long.parseLong(line.substring(line.indexOf('=') + 1, line.indexOf(',')));
      }
    }
    return 0;
  }

  public Response send(Request request) {
    return redis.send(request).await();
  }

  @Override
  public void close() {
    redis.close();
  }
}
