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
import java.util.List;

/**
 * A real redis-server process of the test's own, on a free port, append-only in a temp folder,
 * so a test can kill it with SIGKILL and start it again on the same files.
 */
public final class RedisProcess implements AutoCloseable {

  private final Path dir;
  private final int port;
  private Process process;

  private RedisProcess(Path dir, int port) {
    this.dir = dir;
    this.port = port;
  }

  public static RedisProcess start() {
    try {
      RedisProcess redis = new RedisProcess(Files.createTempDirectory("parvis-redis"), freePort());
      redis.launch();
      return redis;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String url() {
    return "redis://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  /** SIGKILL: no shutdown, no final fsync, as when the machine's OOM killer strikes. */
  public void kill() {
    RedisProcess.killNow(process);
  }

  public void restart() {
    launch();
  }

  @Override
  public void close() {
    kill();
  }

  private void launch() {
    List<String> command = List.of(redisServerBinary(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
        "--dir", dir.toString(), "--appendonly", "yes", "--appendfsync", "everysec", "--save", "",
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
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
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

  static int freePort() {
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

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
