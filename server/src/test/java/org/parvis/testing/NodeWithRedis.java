package org.parvis.testing;

import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One redis-server and one Parvis node for all the tests of a class:
 * {@code @RegisterExtension static final NodeWithRedis server = new NodeWithRedis(Map.of(...));}
 */
public final class NodeWithRedis implements BeforeAllCallback, AfterAllCallback {

  private final Map<String, String> environment;
  private RedisProcess redis;
  private ParvisNode node;

  public NodeWithRedis(Map<String, String> environment) {
    this.environment = environment;
  }

  public int port() {
    return node.port();
  }

  /** For a test that starts another node on the same Redis. */
  public String redisUrl() {
    return redis.url();
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    redis = RedisProcess.start();
    node = ParvisNode.start(redis.url(), environment);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    node.close();
    redis.close();
  }
}
