package org.parvis.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A redis-server of our own on a free port, append-only (everysec) in a temp folder, removed on close. */
public final class RedisLauncher implements AutoCloseable {

  private final Process process;
  private final Path dir;
  private final int port;
  private final boolean keepLog;

  private RedisLauncher(Process process, Path dir, int port, boolean keepLog) {
    this.process = process;
    this.dir = dir;
    this.port = port;
    this.keepLog = keepLog;
  }

  public static RedisLauncher start() {
    try {
      return start(Files.createTempDirectory("parvis-bench-redis"), false);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** In a folder of the caller's; with keepLog, close() removes the data files but keeps redis.log. */
  public static RedisLauncher start(Path dir, boolean keepLog) {
    try {
      Files.createDirectories(dir);
      int port = freePort();
      List<String> command = List.of(binary(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
          "--dir", dir.toString(), "--appendonly", "yes", "--appendfsync", "everysec", "--save", "",
          "--daemonize", "no", "--logfile", dir.resolve("redis.log").toString());
      Process process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      RedisLauncher redis = new RedisLauncher(process, dir, port, keepLog);
      redis.awaitPong();
      return redis;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start redis-server (apt-get install redis-server)", e);
    }
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

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
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
      // temp folder
    }
  }

  private void awaitPong() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
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
        // starting
      }
      sleep(50);
    }
    process.destroyForcibly();
    throw new IllegalStateException("redis-server did not answer on port " + port);
  }

  private static String binary() {
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

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
