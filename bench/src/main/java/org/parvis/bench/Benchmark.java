package org.parvis.bench;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.parvis.testing.RedisProcess;

/**
 * The whole benchmark, each part in its own process: a redis-server and the Parvis jar, the driver's
 * idle-memory measurement and ramp against it; then the baseline server and the same two driver runs;
 * then both tables and their ratios. Every process it starts is stopped at the end (and on Ctrl-C).
 *
 * <pre>
 * java -cp bench/target/parvis-bench.jar org.parvis.bench.Benchmark [--steps 1,5,10,20,50,100]
 *     [--step-seconds 30] [--warmup-seconds 60] [--idle 2000] [--only parvis|baseline] [--jfr-at-step 50] [--out DIR]
 *     [--parvis-jar server/target/parvis.jar] [--server-jvm-opts "-Xms512m -Xmx1g"]
 *     [--driver-jvm-opts "-Xms3g -Xmx3g -XX:+UseZGC"] [--driver-args "--xhr-share 0.05"] [--pinned]
 * </pre>
 */
public final class Benchmark {

  private static final List<Process> STARTED = new CopyOnWriteArrayList<>();
  private static final String SERVER_CORE = "0";
  private static final String DRIVER_CORE = "1";

  private String steps = "1,5,10,20,50,100";
  private int stepSeconds = 30;
  // Parvis's JIT compiled for 19 s of CPU in a pinned run's first minute; the bare broadcast far less.
  private int warmupSeconds = 60;
  private int idle = 2000;
  private String only = "";
  private Integer jfrAtStep;
  private Path out = Path.of("bench", "target", "results", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
  private Path parvisJar = Path.of("server", "target", "parvis.jar");
  // As deploy/parvis.service, for both servers.
  private String serverJvmOpts = "-Xms512m -Xmx1g";
  // ZGC: the driver allocates a JSON tree per frame; its own GC pauses must not pass for server latency.
  private String driverJvmOpts = "-Xms3g -Xmx3g -XX:+UseZGC";
  private String driverArgs = "--quiet-gate-cores 0.25 --quiet-gate-max-seconds 60";
  // Server and its Redis on core 0, the driver on core 1: the server's own capacity, apart from the driver's.
  private boolean pinned;

  public static void main(String[] args) throws Exception {
    Runtime.getRuntime().addShutdownHook(new Thread(Benchmark::stopAll));
    Benchmark bench = new Benchmark();
    for (int i = 0; i < args.length; i++) {
      String v = i + 1 < args.length ? args[i + 1] : "";
      switch (args[i]) {
        case "--steps" -> { bench.steps = v; i++; }
        case "--step-seconds" -> { bench.stepSeconds = Integer.parseInt(v); i++; }
        case "--warmup-seconds" -> { bench.warmupSeconds = Integer.parseInt(v); i++; }
        case "--idle" -> { bench.idle = Integer.parseInt(v); i++; }
        case "--only" -> { bench.only = v; i++; }
        case "--jfr-at-step" -> { bench.jfrAtStep = Integer.parseInt(v); i++; }
        case "--out" -> { bench.out = Path.of(v); i++; }
        case "--parvis-jar" -> { bench.parvisJar = Path.of(v); i++; }
        case "--server-jvm-opts" -> { bench.serverJvmOpts = v; i++; }
        case "--driver-jvm-opts" -> { bench.driverJvmOpts = v; i++; }
        case "--driver-args" -> { bench.driverArgs = v; i++; }
        case "--pinned" -> bench.pinned = true;
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    try {
      bench.run();
    } finally {
      stopAll();
    }
    System.exit(0);
  }

  private void run() throws Exception {
    Files.createDirectories(out);
    if (!Files.isRegularFile(parvisJar) && !only.equals("baseline")) {
      throw new IllegalStateException(parvisJar.toAbsolutePath() + " is missing: mvn -B -q install -DskipTests first");
    }
    if (Files.isRegularFile(parvisJar)) {
      // Run a copy: a rebuild of server/target/parvis.jar during the run must not pull the jar from under the JVM.
      Path copy = out.resolve("parvis.jar");
      Files.copy(parvisJar, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      parvisJar = copy;
    }
    JsonObject parvis = null;
    JsonObject baseline = null;
    if (!only.equals("baseline")) {
      parvis = runParvis();
    }
    if (!only.equals("parvis")) {
      baseline = runBaseline();
    }
    StringBuilder summary = new StringBuilder();
    summary.append("machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores (nproc), ")
        .append(ProcProbe.cpuModel()).append(", ").append(LoadDriver.round(ProcProbe.memTotalKb() / 1048576.0, 1))
        .append(" GiB")
        .append(pinned ? "; pinned: server and its Redis on core " + SERVER_CORE + ", driver on core " + DRIVER_CORE : "")
        .append("\n\n");
    for (JsonObject report : Arrays.asList(parvis, baseline)) {
      if (report != null) {
        summary.append(Tables.report(report)).append('\n');
      }
    }
    for (String idleReport : List.of("parvis-idle.json", "baseline-idle.json")) {
      Path file = out.resolve(idleReport);
      if (Files.exists(file)) {
        JsonObject report = new JsonObject(Files.readString(file));
        summary.append(report.getString("label")).append(": ").append(Tables.idle(report.getJsonObject("idle"))).append('\n');
      }
    }
    for (String gcLog : List.of("parvis-gc.log", "baseline-gc.log")) {
      summary.append(gcSummary(out.resolve(gcLog)));
    }
    if (parvis != null && baseline != null && parvis.containsKey("steps") && baseline.containsKey("steps")) {
      summary.append("\n== Parvis (P) vs baseline (B)\n").append(Tables.compare(parvis, baseline));
    }
    Files.writeString(out.resolve("summary.txt"), summary);
    System.out.println();
    System.out.println(summary);
    System.out.println("reports in " + out.toAbsolutePath());
  }

  private JsonObject runParvis() throws Exception {
    try (RedisProcess redis = RedisProcess.start(out.resolve("redis").toAbsolutePath(), true)) {
      pinToServerCore(redis.pid());
      int port = RedisProcess.freePort();
      List<String> command = new ArrayList<>(onCore(SERVER_CORE));
      command.add(java());
      command.addAll(split(serverJvmOpts));
      command.add("-Xlog:gc,gc+phases:file=" + out.resolve("parvis-gc.log").toAbsolutePath());
      command.addAll(List.of("-jar", parvisJar.toAbsolutePath().toString()));
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(out.resolve("parvis-server.log").toFile());
      Map<String, String> env = builder.environment();
      env.put("PARVIS_PORT", Integer.toString(port));
      env.put("PARVIS_HOST", "127.0.0.1");
      // Every simulated phone joins from this one address: lift the per-address door limits.
      env.put("PARVIS_JOIN_PER_MINUTE", "1000000");
      env.put("PARVIS_CREATE_PER_HOUR", "1000000");
      env.put("PARVIS_MAX_CONNECTIONS_PER_ADDRESS", "1000000");
      env.put("PARVIS_REDIS_URL", redis.url());
      env.put("PARVIS_DATA_DIR", out.resolve("parvis-data").toAbsolutePath().toString());
      Process server = start(builder);
      try {
        awaitHealth(port, server);
        List<String> common = List.of("--port", Integer.toString(port), "--server-pid", Long.toString(server.pid()),
            "--redis-pid", Long.toString(redis.pid()));
        if (idle > 0) {
          driver("parvis-idle", common, List.of("--idle", Integer.toString(idle)));
        }
        List<String> ramp = new ArrayList<>(rampArgs());
        if (jfrAtStep != null) {
          ramp.addAll(List.of("--jfr-at-step", jfrAtStep.toString(), "--jfr-file",
              out.resolve("parvis-w" + jfrAtStep + ".jfr").toAbsolutePath().toString()));
        }
        return driver("parvis", common, ramp);
      } finally {
        stop(server);
      }
    }
  }

  private JsonObject runBaseline() throws Exception {
    int port = RedisProcess.freePort();
    List<String> command = new ArrayList<>(onCore(SERVER_CORE));
    command.add(java());
    command.addAll(split(serverJvmOpts));
    command.add("-Xlog:gc,gc+phases:file=" + out.resolve("baseline-gc.log").toAbsolutePath());
    command.addAll(List.of("-cp", benchJar(), BaselineServer.class.getName(), "--port", Integer.toString(port)));
    Process server = start(new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(out.resolve("baseline-server.log").toFile()));
    try {
      awaitHealth(port, server);
      List<String> common = List.of("--port", Integer.toString(port), "--server-pid", Long.toString(server.pid()));
      if (idle > 0) {
        driver("baseline-idle", common, List.of("--idle", Integer.toString(idle)));
      }
      return driver("baseline", common, rampArgs());
    } finally {
      stop(server);
    }
  }

  /** The same ramp for both servers, each warmed up alike before its first window. */
  private List<String> rampArgs() {
    return List.of("--steps", steps, "--step-seconds", Integer.toString(stepSeconds), "--warmup-seconds",
        Integer.toString(warmupSeconds));
  }

  /** Runs the driver in its own JVM, echoing and logging its output; returns its JSON report. */
  private JsonObject driver(String label, List<String> common, List<String> specific) throws Exception {
    Path json = out.resolve(label + ".json");
    List<String> command = new ArrayList<>(onCore(DRIVER_CORE));
    command.add(java());
    command.addAll(split(driverJvmOpts));
    command.add("-Xlog:gc:file=" + out.resolve(label + "-driver-gc.log").toAbsolutePath());
    command.addAll(List.of("-cp", benchJar(), LoadDriver.class.getName(), "--label", label, "--json",
        json.toAbsolutePath().toString()));
    command.addAll(common);
    command.addAll(specific);
    command.addAll(split(driverArgs));
    System.out.println("$ " + String.join(" ", command));
    Process driver = start(new ProcessBuilder(command).redirectErrorStream(true));
    Thread pump = pump(driver.getInputStream(), out.resolve(label + "-driver.log"));
    long limitSeconds = (long) DriverConfig.ints(steps).size() * (stepSeconds + 120) + warmupSeconds + 600;
    if (!driver.waitFor(limitSeconds, TimeUnit.SECONDS)) {
      driver.destroyForcibly();
      throw new IllegalStateException("driver " + label + " still running after " + limitSeconds + " s: killed");
    }
    pump.join(5_000);
    STARTED.remove(driver);
    if (!Files.exists(json)) {
      throw new IllegalStateException("driver " + label + " exited " + driver.exitValue() + " without a report");
    }
    return new JsonObject(Files.readString(json));
  }

  /** The command prefix that runs a process on one core in pinned mode; nothing otherwise. */
  private List<String> onCore(String core) {
    return pinned ? List.of("taskset", "-c", core) : List.of();
  }

  /** Redis is started by the shared launcher, so it is moved onto the server's core once running. */
  private void pinToServerCore(long pid) throws Exception {
    if (!pinned) {
      return;
    }
    Process taskset = new ProcessBuilder("taskset", "-a", "-p", "-c", SERVER_CORE, Long.toString(pid))
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    if (taskset.waitFor() != 0) {
      throw new IllegalStateException("taskset could not pin redis-server " + pid + " to core " + SERVER_CORE);
    }
  }

  /** Stop-the-world pauses in a server's GC log (G1: young/mixed/full; ZGC: three per cycle): count, over 30 ms, longest, total. */
  static String gcSummary(Path log) throws IOException {
    if (!Files.exists(log)) {
      return "";
    }
    int count = 0;
    int over30 = 0;
    double max = 0;
    double total = 0;
    for (String line : Files.readAllLines(log)) {
      if (line.contains(" Pause ") && line.endsWith("ms")) {
        double ms = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1, line.length() - 2));
        count++;
        over30 += ms > 30 ? 1 : 0;
        max = Math.max(max, ms);
        total += ms;
      }
    }
    return String.format(java.util.Locale.ROOT, "%s: %d GC pauses over the whole run, %d over 30 ms, longest %.1f ms, total %.0f ms%n",
        log.getFileName(), count, over30, max, total);
  }

  private static Thread pump(InputStream from, Path log) throws IOException {
    OutputStream file = Files.newOutputStream(log);
    Thread thread = new Thread(() -> {
      byte[] buffer = new byte[8192];
      try (from; file) {
        int n;
        while ((n = from.read(buffer)) > 0) {
          System.out.write(buffer, 0, n);
          System.out.flush();
          file.write(buffer, 0, n);
        }
      } catch (IOException ignored) {
        // process ended
      }
    }, "pump-" + log.getFileName());
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  private static void awaitHealth(int port, Process server) throws Exception {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline) {
      if (!server.isAlive()) {
        throw new IllegalStateException("server exited with " + server.exitValue() + " before it was healthy");
      }
      try {
        HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
        if (health.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // starting
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("server on port " + port + " not healthy after 90 s");
  }

  private static Process start(ProcessBuilder builder) throws IOException {
    Process process = builder.start();
    STARTED.add(process);
    return process;
  }

  private static void stop(Process process) {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    STARTED.remove(process);
  }

  private static void stopAll() {
    for (Process process : STARTED) {
      stop(process);
    }
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static String benchJar() throws Exception {
    return Path.of(Benchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }

  private static List<String> split(String options) {
    return options.isBlank() ? List.of() : List.of(options.trim().split("\\s+"));
  }
}
