package org.parvis.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A Parvis node in its own JVM, from this test run's classpath, so a test can kill it with SIGKILL. */
public final class ServerProcess implements AutoCloseable {

  private final Process process;
  private final int port;
  private final Path log;

  private ServerProcess(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  public static ServerProcess start(String redisUrl) {
    return start(redisUrl, java.util.Map.of());
  }

  /** With settings added to (or replacing) the test defaults. */
  public static ServerProcess start(String redisUrl, java.util.Map<String, String> extraEnvironment) {
    int port = RedisProcess.freePort();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    try {
      Path log = Files.createTempFile("parvis-node", ".log");
      ProcessBuilder builder = new ProcessBuilder(List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
          "org.parvis.Main"))
          .redirectErrorStream(true)
          .redirectOutput(log.toFile());
      builder.environment().put("PARVIS_PORT", Integer.toString(port));
      builder.environment().put("PARVIS_HOST", "127.0.0.1");
      builder.environment().put("PARVIS_REDIS_URL", redisUrl);
      builder.environment().put("PARVIS_HTTP_INSTANCES", "1");
      builder.environment().put("PARVIS_RATE_PER_SECOND", "100000");
      builder.environment().put("PARVIS_RATE_BURST", "100000");
      builder.environment().put("PARVIS_READ_RATE_PER_SECOND", "100000");
      builder.environment().put("PARVIS_READ_BURST", "100000");
      builder.environment().put("PARVIS_JOIN_PER_MINUTE", "1000000");
      builder.environment().put("PARVIS_CREATE_PER_HOUR", "1000000");
      builder.environment().putAll(extraEnvironment);
      ServerProcess server = new ServerProcess(builder.start(), port, log);
      server.awaitHealthy();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int port() {
    return port;
  }

  /** What the node wrote on its standard output and error. */
  public Path log() {
    return log;
  }

  /** SIGTERM, as systemd stops a service; the exit code once the process has ended. */
  public int stopGracefully(long timeoutMillis) {
    process.destroy();
    try {
      if (!process.waitFor(timeoutMillis, java.util.concurrent.TimeUnit.MILLISECONDS)) {
        kill();
        throw new AssertionError("the node did not stop within " + timeoutMillis + " ms of SIGTERM");
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** SIGKILL: no shutdown hook, no goodbye to clients. */
  public void kill() {
    RedisProcess.killNow(process);
  }

  @Override
  public void close() {
    kill();
  }

  private void awaitHealthy() {
    long deadline = System.currentTimeMillis() + 30_000;
    while (System.currentTimeMillis() < deadline && process.isAlive()) {
      try {
        HttpURLConnection connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/health").toURL().openConnection();
        connection.setConnectTimeout(200);
        connection.setReadTimeout(2_000); // a server that accepted but never answers must not hang the test
        if (connection.getResponseCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      }
      RedisProcess.sleep(100);
    }
    throw new IllegalStateException("Parvis node did not become healthy on port " + port);
  }
}
