package org.parvis.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.parvis.store.EmbeddedRedis;

/**
 * A real redis-server process of our own, on a free port, append-only (everysec unless asked) in a folder, so a
 * test can kill it with SIGKILL and start it again on the same files. Shared with the benchmark
 * through this module's test jar.
 */
public final class RedisProcess implements AutoCloseable {

  private final Path dir;
  private final int port;
  private final boolean keepLog;
  private final String appendFsync;
  private Process process;

  private RedisProcess(Path dir, int port, boolean keepLog, String appendFsync) {
    this.dir = dir;
    this.port = port;
    this.keepLog = keepLog;
    this.appendFsync = appendFsync;
  }

  /** In a temp folder, removed on close. */
  public static RedisProcess start() {
    return inTempFolder("everysec");
  }

  /**
   * With {@code appendfsync always}: every acknowledged write is on disk before Redis answers. With
   * everysec a busy disk lets Redis postpone its AOF write by up to 2 s while it keeps answering, so
   * even a killed Redis process may lose acknowledged writes (README "Durability").
   */
  public static RedisProcess startFsyncAlways() {
    return inTempFolder("always");
  }

  /** In a folder of the caller's; with keepLog, close() removes the data files but keeps redis.log. */
  public static RedisProcess start(Path dir, boolean keepLog) {
    return start(dir, keepLog, "everysec");
  }

  private static RedisProcess inTempFolder(String appendFsync) {
    try {
      return start(Files.createTempDirectory("parvis-redis"), false, appendFsync);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static RedisProcess start(Path dir, boolean keepLog, String appendFsync) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    RedisProcess redis = new RedisProcess(dir, freePort(), keepLog, appendFsync);
    redis.launch();
    return redis;
  }

  public String url() {
    return "redis://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  public long pid() {
    return process.pid();
  }

  /** SIGKILL: no shutdown, no final fsync, as when the machine's OOM killer strikes. */
  public void kill() {
    killNow(process);
  }

  public void restart() {
    launch();
  }

  /** A copy of its append-only files as they are now (what a disk holds after its last fsync, in a test). */
  public Path copyOfFiles() {
    try {
      Path copy = Files.createTempDirectory("parvis-redis-copy");
      copyTree(dir.resolve("appendonlydir"), copy.resolve("appendonlydir"));
      return copy;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Puts back older append-only files while it is stopped: the acknowledged writes made since are
   * lost, as after a power cut with appendfsync everysec, or a restore from a backup.
   */
  public void restoreFiles(Path copy) {
    try {
      Path live = dir.resolve("appendonlydir");
      try (Stream<Path> files = Files.walk(live)) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
      copyTree(copy.resolve("appendonlydir"), live);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (Stream<Path> files = Files.list(from)) {
      for (Path file : files.toList()) {
        Files.copy(file, to.resolve(file.getFileName()));
      }
    }
  }

  /** SIGSTOP: connections stay open and nothing is answered, as when the host swaps or stalls. */
  public void freeze() {
    signal("-STOP");
  }

  public void thaw() {
    signal("-CONT");
  }

  private void signal(String signal) {
    try {
      new ProcessBuilder("kill", signal, Long.toString(process.pid())).inheritIO().start().waitFor();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops it as an operator would (SIGTERM) and removes its files. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        killNow(process);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder())
          .filter(path -> !(keepLog && (path.equals(dir) || path.getFileName().toString().equals("redis.log"))))
          .forEach(path -> path.toFile().delete());
    } catch (IOException ignored) {
      // what is left is in a temp folder
    }
  }

  private void launch() {
    List<String> command = List.of(redisServerBinary(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
        "--dir", dir.toString(), "--appendonly", "yes", "--appendfsync", appendFsync, "--save", "",
        "--auto-aof-rewrite-min-size", EmbeddedRedis.AOF_REWRITE_MIN_SIZE,
        "--daemonize", "no", "--logfile", dir.resolve("redis.log").toString());
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start redis-server: install it (apt-get install redis-server)", e);
    }
    awaitAcceptingConnections();
  }

  private void awaitAcceptingConnections() {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("redis-server exited at start, see " + dir.resolve("redis.log"));
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
        socket.setSoTimeout(1_000);
        socket.getOutputStream().write("PING\r\n".getBytes());
        byte[] answer = new byte[7];
        if (socket.getInputStream().read(answer) > 0 && new String(answer).startsWith("+PONG")) {
          return;
        }
      } catch (IOException notYet) {
        // still starting, or still loading its append-only file
      }
      sleep(50);
    }
    killNow(process);
    throw new IllegalStateException("redis-server did not start on port " + port);
  }

  private static String redisServerBinary() {
    for (String candidate : List.of("/usr/bin/redis-server", "/usr/local/bin/redis-server")) {
      if (Files.isExecutable(Path.of(candidate))) {
        return candidate;
      }
    }
    return "redis-server";
  }

  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** SIGKILL and wait until the process is gone. */
  static void killNow(Process process) {
    process.destroyForcibly();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
