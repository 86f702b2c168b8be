package org.parvis.store;

import java.util.concurrent.TimeUnit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.parvis.config.ParvisConfig;
import redis.embedded.RedisServer;

/**
 * The Redis that Parvis starts itself when no PARVIS_REDIS_URL is given: the binary shipped in the
 * embedded-redis artifact, on a free loopback port, append-only in the data folder (fsync every
 * second, or on every write with PARVIS_REDIS_FSYNC=always), so a restart of Parvis keeps every board.
 */
public final class EmbeddedRedis implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(EmbeddedRedis.class.getName());
  private static final String PID_FILE = "redis.pid";

  private final RedisServer server;
  private final int port;

  private EmbeddedRedis(RedisServer server, int port) {
    this.server = server;
    this.port = port;
  }

  /** Blocks until Redis accepts connections: call it from main, before any event loop runs. */
  public static EmbeddedRedis start(Path dataDir, ParvisConfig.RedisFsync fsync) {
    try {
      Path dir = dataDir.toAbsolutePath();
      Files.createDirectories(dir);
      stopOrphan(dir.resolve(PID_FILE));
      int port = freePort();
      RedisServer server = RedisServer.newRedisServer()
          .port(port)
          .setting("bind 127.0.0.1")
          .setting("dir " + dir)
          .setting("pidfile " + dir.resolve(PID_FILE))
          .setting("appendonly yes")
          .setting("appendfsync " + fsync.redisSetting())
          .setting("save \"\"")
          .build();
      server.start();
      LOG.log(Level.INFO, "Embedded Redis on 127.0.0.1:{0,number,#}, data in {1}", port, dir);
      return new EmbeddedRedis(server, port);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start the embedded Redis", e);
    }
  }

  public String url() {
    return "redis://127.0.0.1:" + port;
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (IOException e) {
      LOG.log(Level.WARNING, "Embedded Redis did not stop cleanly: {0}", e.toString());
    }
  }

  /** A Parvis killed with -9 leaves its Redis running on the same files: stop it before starting another. */
  private static void stopOrphan(Path pidFile) throws IOException {
    if (!Files.exists(pidFile)) {
      return;
    }
    Optional<ProcessHandle> orphan = Optional.of(Files.readString(pidFile).trim())
        .filter(text -> text.matches("\\d+"))
        .flatMap(pid -> ProcessHandle.of(Long.parseLong(pid)))
        .filter(process -> process.info().command().map(command -> command.contains("redis-server")).orElse(false));
    if (orphan.isPresent()) {
      LOG.log(Level.WARNING, "Stopping the Redis left running by a previous Parvis (pid {0})", orphan.get().pid());
      orphan.get().destroy();
      try {
        orphan.get().onExit().get(Duration.ofSeconds(10).toMillis(), TimeUnit.MILLISECONDS);
      } catch (Exception e) {
        orphan.get().destroyForcibly();
      }
    }
    Files.deleteIfExists(pidFile);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
