package org.parvis.testing;

import java.util.Map;
import org.parvis.Main;
import org.parvis.config.ParvisConfig;

/** A Parvis node started in this JVM on a free port, against a given Redis. */
public final class ParvisNode implements AutoCloseable {

  private final Main main;
  private final int port;

  private ParvisNode(Main main, int port) {
    this.main = main;
    this.port = port;
  }

  public static ParvisNode start(String redisUrl) {
    return start(redisUrl, Map.of());
  }

  public static ParvisNode start(String redisUrl, Map<String, String> extraEnvironment) {
    int port = RedisProcess.freePort();
    Map<String, String> environment = new java.util.HashMap<>(Map.of(
        "PARVIS_PORT", Integer.toString(port),
        "PARVIS_HOST", "127.0.0.1",
        "PARVIS_REDIS_URL", redisUrl,
        "PARVIS_HTTP_INSTANCES", "2",
        // Tests create and join many workshops from one address; the throttles have their own tests.
        "PARVIS_JOIN_PER_MINUTE", "1000000",
        "PARVIS_CREATE_PER_HOUR", "1000000"));
    environment.putAll(extraEnvironment);
    return new ParvisNode(Main.start(ParvisConfig.from(environment)).await(), port);
  }

  public int port() {
    return port;
  }

  @Override
  public void close() {
    main.stop().await();
  }
}
