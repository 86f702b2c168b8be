package org.parvis.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.parvis.config.ParvisConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.core.ExecutableProvider;

/**
 * The Redis that Parvis starts itself when no PARVIS_REDIS_URL is given: a redis-server 7 or newer
 * found on the machine (or named by PARVIS_REDIS_BINARY), else the 6.2 binary shipped in the jar,
 * on a free loopback port, with a password kept in the data folder, append-only (fsync every
 * second, or on every write with PARVIS_REDIS_FSYNC=always), so a restart of Parvis keeps every board.
 */
public final class EmbeddedRedis implements AutoCloseable {

  static final int MIN_MAJOR_VERSION = 7;
  /**
   * Redis rewrites its append-only file once it is twice its last rewrite and at least this big. A
   * rewrite forks and writes the whole data set: with Redis's 64mb default, 100 workshops at once (a
   * change appends about 1 KB) rewrote every 25-50 s, a core taken for seconds each time (bench/README.md).
   */
  public static final String AOF_REWRITE_MIN_SIZE = "512mb";
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedRedis.class);
  private static final String PID_FILE = "redis.pid";
  private static final String PASSWORD_FILE = "redis.password";
  private static final String CONFIG_FILE = "redis.conf";
  private static final Pattern VERSION = Pattern.compile("v=(\\d+)\\.(\\d+)");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final String INSTALL_ADVICE = "Install Redis " + MIN_MAJOR_VERSION + " or newer "
      + "(Debian/Ubuntu: apt-get install redis-server; RHEL/Fedora: dnf install redis; Alpine: apk add redis), "
      + "then set PARVIS_REDIS_BINARY to its redis-server, or give an external Redis with PARVIS_REDIS_URL.";

  private final Process process;
  private final int port;
  private final String password;

  private EmbeddedRedis(Process process, int port, String password) {
    this.process = process;
    this.port = port;
    this.password = password;
  }

  /**
   * Blocks until Redis accepts connections: call it from main, before any event loop runs. Fails
   * with a message that says what to install when no usable binary can run here.
   */
  public static EmbeddedRedis start(Path dataDir, Optional<Path> configuredBinary, ParvisConfig.RedisFsync fsync) {
    try {
      Path dir = dataDir.toAbsolutePath();
      Files.createDirectories(dir);
      stopOrphan(dir.resolve(PID_FILE));
      Path binary = configuredBinary.isPresent() ? checkedConfigured(configuredBinary.get()) : machineOrPackaged(dir);
      String password = passwordOf(dir);
      int port = freePort();
      Path config = writeConfig(dir, port, password, fsync);
      Process process = new ProcessBuilder(binary.toString(), config.toString())
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("redis.log").toFile()))
          .start();
      awaitReady(process, port, password, dir);
      LOG.info("Embedded Redis {} on 127.0.0.1:{}, data in {}", binary, port, dir);
      return new EmbeddedRedis(process, port, password);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start the embedded Redis: " + e.getMessage(), e);
    }
  }

  public String url() {
    return "redis://:" + URLEncoder.encode(password, StandardCharsets.UTF_8) + "@127.0.0.1:" + port;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        LOG.warn("Embedded Redis did not stop within 10 s: killing it");
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  /** The major and minor version in `redis-server --version` output, e.g. "Redis server v=7.0.15 sha=…". */
  static Optional<int[]> parseVersion(String versionOutput) {
    Matcher matcher = VERSION.matcher(versionOutput);
    return matcher.find()
        ? Optional.of(new int[] {Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2))})
        : Optional.empty();
  }

  /** A value of redis.conf in double quotes, so a path with spaces or quotes stays one argument. */
  static String quoted(String value) {
    return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }

  private static Path checkedConfigured(Path binary) {
    int[] version = runnableVersion(binary).orElseThrow(() -> new IllegalStateException(
        "PARVIS_REDIS_BINARY=" + binary + " cannot run on this system. " + INSTALL_ADVICE));
    if (version[0] < MIN_MAJOR_VERSION) {
      LOG.warn("PARVIS_REDIS_BINARY is Redis {}.{}, older than {}: it no longer gets security fixes", version[0],
          version[1], MIN_MAJOR_VERSION);
    }
    return binary;
  }

  private static Path machineOrPackaged(Path dir) throws IOException {
    Optional<Path> onMachine = candidatesOnPath()
        .filter(candidate -> runnableVersion(candidate).map(version -> version[0] >= MIN_MAJOR_VERSION).orElse(false))
        .findFirst();
    if (onMachine.isPresent()) {
      return onMachine.get();
    }
    Path binDir = Files.createDirectories(dir.resolve("bin"));
    Path packaged = ExecutableProvider.newJarResourceProvider(binDir::toFile).get().toPath();
    if (runnableVersion(packaged).isEmpty()) {
      throw new IllegalStateException("No redis-server " + MIN_MAJOR_VERSION + "+ on this machine, and the one "
          + "packaged in Parvis cannot run here (it needs OpenSSL 3 and glibc). " + INSTALL_ADVICE);
    }
    LOG.warn("No redis-server {} or newer found on this machine: using the Redis 6.2 packaged in Parvis, which no "
        + "longer gets security fixes. {}", MIN_MAJOR_VERSION, INSTALL_ADVICE);
    return packaged;
  }

  private static Stream<Path> candidatesOnPath() {
    String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
    return Stream.concat(Stream.of(path.split(java.io.File.pathSeparator)), Stream.of("/usr/bin", "/usr/local/bin"))
        .filter(entry -> !entry.isBlank())
        .map(entry -> Path.of(entry, "redis-server"))
        .filter(Files::isExecutable)
        .distinct();
  }

  /** Runs `binary --version`: empty when it cannot run here (missing library, wrong architecture). */
  private static Optional<int[]> runnableVersion(Path binary) {
    try {
      Process probe = new ProcessBuilder(binary.toString(), "--version").redirectErrorStream(true).start();
      byte[] output = probe.getInputStream().readNBytes(4_096);
      if (!probe.waitFor(10, TimeUnit.SECONDS)) {
        probe.destroyForcibly();
        return Optional.empty();
      }
      String text = new String(output, StandardCharsets.UTF_8);
      if (probe.exitValue() != 0) {
        LOG.warn("{} cannot run here: {}", binary, text.strip());
        return Optional.empty();
      }
      return parseVersion(text);
    } catch (IOException e) {
      LOG.warn("{} cannot run here: {}", binary, e.getMessage());
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** One password per data folder, made on first start and kept there, readable by its owner only. */
  private static String passwordOf(Path dir) throws IOException {
    Path file = dir.resolve(PASSWORD_FILE);
    if (Files.exists(file)) {
      return Files.readString(file).strip();
    }
    byte[] random = new byte[24];
    new SecureRandom().nextBytes(random);
    String password = HexFormat.of().formatHex(random);
    writeOwnerOnly(file, password + "\n");
    return password;
  }

  private static Path writeConfig(Path dir, int port, String password, ParvisConfig.RedisFsync fsync) throws IOException {
    String config = String.join("\n", List.of(
        "port " + port,
        "bind 127.0.0.1",
        "protected-mode yes",
        "daemonize no",
        "dir " + quoted(dir.toString()),
        "pidfile " + quoted(dir.resolve(PID_FILE).toString()),
        "requirepass " + quoted(password),
        "appendonly yes",
        "appendfsync " + fsync.redisSetting(),
        "save \"\"",
        "auto-aof-rewrite-min-size " + AOF_REWRITE_MIN_SIZE,
        ""));
    Path file = dir.resolve(CONFIG_FILE);
    writeOwnerOnly(file, config);
    return file;
  }

  private static void writeOwnerOnly(Path file, String text) throws IOException {
    Files.deleteIfExists(file);
    try {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException notPosix) {
      Files.createFile(file);
    }
    Files.writeString(file, text);
  }

  private static void awaitReady(Process process, int port, String password, Path dir) {
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("redis-server exited at start (code " + process.exitValue() + "), see "
            + dir.resolve("redis.log"));
      }
      if (answersPing(port, password)) {
        return;
      }
      sleep(50);
    }
    process.destroyForcibly();
    throw new IllegalStateException("redis-server did not accept connections within " + START_TIMEOUT.toSeconds()
        + " s, see " + dir.resolve("redis.log"));
  }

  private static boolean answersPing(int port, String password) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
      socket.setSoTimeout(1_000);
      OutputStream out = socket.getOutputStream();
      out.write(("AUTH " + password + "\r\nPING\r\n").getBytes(StandardCharsets.UTF_8));
      InputStream in = socket.getInputStream();
      byte[] answer = new byte[64];
      int read = 0;
      while (read < answer.length) {
        int n = in.read(answer, read, answer.length - read);
        if (n < 0) {
          break;
        }
        read += n;
        if (new String(answer, 0, read, StandardCharsets.UTF_8).contains("+PONG")) {
          return true;
        }
        if (answer[0] == '-') {
          return false; // loading its append-only file, or refusing the password
        }
      }
      return false;
    } catch (IOException notYet) {
      return false;
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
      LOG.warn("Stopping the Redis left running by a previous Parvis (pid {})", orphan.get().pid());
      orphan.get().destroy();
      try {
        orphan.get().onExit().get(10, TimeUnit.SECONDS);
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

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
