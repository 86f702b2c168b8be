package org.parvis.bench;

import io.vertx.core.Future;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Plays W workshops of 54 people against a Parvis server (or the baseline), ramping W up in steps,
 * and reports per step: clients, edits/s, frames/s, event latency, errors, lost and duplicated
 * events, the driver's own CPU and the server's CPU, RSS and heap. At the end, compares every
 * client's replica of every board with a fresh snapshot of the stored board.
 */
public final class LoadDriver {

  static final long BASE_NANOS = System.nanoTime();
  /** How often the loop-lag probe's timer is due on each of the driver's loops. */
  static final long LOOP_LAG_PERIOD_MS = 10;

  final DriverConfig config;
  final Stats stats = new Stats();
  volatile boolean editing;

  /** The driver's loops and clients: every client of the ramp, the editors of a storm. */
  private final ClientRuntime mainRuntime;
  /** A storm's joiners, on loops of their own (null outside a storm, and with --joiners-on-editors-loops). */
  private ClientRuntime joinerRuntime;
  private final SplittableRandom seeds;
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "bench-scheduler");
    thread.setDaemon(true);
    return thread;
  });
  private final ProcProbe.GcPauses gcPauses = new ProcProbe.GcPauses();
  private final List<WorkshopInfo> workshops = new ArrayList<>();
  private final List<BenchClient> clients = new ArrayList<>();
  private final List<String> errorSamples = Collections.synchronizedList(new ArrayList<>());
  private final List<String> setupErrors = Collections.synchronizedList(new ArrayList<>());
  private int nextClientId;
  private int nextSession;

  public LoadDriver(DriverConfig config) {
    this.config = config;
    this.seeds = new SplittableRandom(config.seed);
    this.mainRuntime = ClientRuntime.start(config);
    mainRuntime.watchLoopLag(LOOP_LAG_PERIOD_MS, micros -> {
      stats.loopLag.recordValue(micros);
      stats.loopLagTick.recordValue(micros);
    });
  }

  static long micros(long nanos) {
    return (nanos - BASE_NANOS) / 1_000;
  }

  public static void main(String[] args) throws Exception {
    DriverConfig config = DriverConfig.parse(args);
    LoadDriver driver = new LoadDriver(config);
    JsonObject report;
    try {
      report = driver.run();
    } finally {
      driver.close();
    }
    System.out.println();
    System.out.println(Tables.report(report));
    if (config.jsonOut != null) {
      if (config.jsonOut.getParent() != null) {
        Files.createDirectories(config.jsonOut.getParent());
      }
      Files.writeString(config.jsonOut, report.encodePrettily());
      System.out.println("JSON report: " + config.jsonOut.toAbsolutePath());
    }
    System.exit(0);
  }

  /** Runs the ramp (or the idle-memory measurement) and returns the report. */
  public JsonObject run() throws Exception {
    JsonObject report = new JsonObject()
        .put("label", config.label)
        .put("server", config.host + ":" + config.port)
        .put("machine", machine())
        .put("profile", new JsonObject()
            .put("boardsPerWorkshop", config.boardsPerWorkshop)
            .put("participantsPerBoard", config.participantsPerBoard)
            .put("observersPerWorkshop", config.observersPerWorkshop)
            .put("plenary", config.plenary)
            .put("clientsPerWorkshop", config.clientsPerWorkshop())
            .put("editIntervalMs", config.editIntervalMs)
            .put("editJitterMs", config.editJitterMs)
            .put("pingIntervalMs", config.pingIntervalMs)
            .put("xhrShare", config.xhrShare)
            .put("sockJsWebSocket", config.sockJsWebSocket)
            .put("stepSeconds", config.stepSeconds)
            .put("graceSeconds", config.graceSeconds)
            .put("settleSeconds", config.settleSeconds)
            .put("warmupSeconds", config.warmupSeconds)
            .put("quietGateCores", config.quietGateCores)
            .put("driverEventLoops", config.eventLoops));
    if (config.idleClients > 0) {
      report.put("idle", runIdle());
    } else if (config.joinStorm > 0) {
      runStorm(report);
    } else {
      runRamp(report);
    }
    report.put("setupErrors", new JsonArray(new ArrayList<>(setupErrors.subList(0, Math.min(20, setupErrors.size())))));
    report.put("connectionErrorSamples", new JsonArray(new ArrayList<>(errorSamples)));
    return report;
  }

  private void runRamp(JsonObject report) throws Exception {
    List<JsonObject> steps = new ArrayList<>();
    List<ScheduledFuture<Long>> lossChecks = new ArrayList<>();
    Map<String, Long> commandErrorsBefore = Stats.snapshot(stats.commandErrors);
    Map<String, Long> connectionErrorsBefore = Stats.snapshot(stats.connectionErrorKinds);
    long[] countersBefore = counters();
    Long heapGcBefore = null;
    editing = true;
    for (int step = 0; step < config.steps.size(); step++) {
      int target = config.steps.get(step);
      long setupStart = System.nanoTime();
      List<BenchClient> added = new ArrayList<>();
      if (target > workshops.size()) {
        List<WorkshopInfo> created = createWorkshops(target - workshops.size(), false, Integer.MAX_VALUE);
        for (WorkshopInfo workshop : created) {
          added.addAll(clientsOf(workshop, false, Integer.MAX_VALUE));
        }
        workshops.addAll(created);
        clients.addAll(added);
        connect(added);
      }
      double setupSeconds = (System.nanoTime() - setupStart) / 1e9;
      if (!added.isEmpty() && config.settleSeconds > 0) {
        Thread.sleep(config.settleSeconds * 1_000L);
      }
      if (step == 0 && config.warmupSeconds > 0) {
        log("warming up: W=" + target + " editing for " + config.warmupSeconds + " s before the first window");
        Thread.sleep(config.warmupSeconds * 1_000L);
      }
      if (config.jfrAtStep != null && config.jfrAtStep == target && config.serverPid != null && config.jfrFile != null) {
        log("JFR on the server for " + config.stepSeconds + " s: " + ProcProbe.jfrStart(config.serverPid,
            config.stepSeconds, config.jfrFile));
      }

      double otherBefore = awaitQuietMachine();

      stats.latency.getIntervalHistogram();
      stats.ackLatency.getIntervalHistogram();
      stats.loopLag.getIntervalHistogram();
      long[] windowStart = counters();
      ProcProbe.Sample start = ProcProbe.Sample.take(config.serverPid, config.redisPid);
      long driverGcStart = ProcProbe.driverGcMillis();
      gcPauses.takeAndReset();
      double cpuLoadSum = 0;
      int cpuLoadSamples = 0;
      JsonArray perSecondP99 = new JsonArray();
      JsonArray perSecondMax = new JsonArray();
      stats.latencyTick.getIntervalHistogram();
      long windowEnd = System.nanoTime() + config.stepSeconds * 1_000_000_000L;
      while (System.nanoTime() < windowEnd) {
        Thread.sleep(Math.max(1, Math.min(1_000, (windowEnd - System.nanoTime()) / 1_000_000)));
        double load = ProcProbe.driverCpuLoad();
        if (load >= 0) {
          cpuLoadSum += load;
          cpuLoadSamples++;
        }
        Histogram tick = stats.latencyTick.getIntervalHistogram();
        perSecondP99.add(tick.getTotalCount() == 0 ? 0 : ms(tick.getValueAtPercentile(99)));
        perSecondMax.add(tick.getTotalCount() == 0 ? 0 : ms(tick.getMaxValue()));
      }
      ProcProbe.Sample end = ProcProbe.Sample.take(config.serverPid, config.redisPid);
      long[] driverPauses = gcPauses.takeAndReset();
      long[] windowEndCounters = counters();
      Histogram latency = stats.latency.getIntervalHistogram();
      Histogram ack = stats.ackLatency.getIntervalHistogram();
      Histogram loopLag = stats.loopLag.getIntervalHistogram();
      for (WorkshopInfo workshop : workshops) {
        for (BoardInfo board : workshop.boards) {
          board.endRev[step] = board.maxAckedRev.get();
        }
      }
      if (step == config.steps.size() - 1) {
        editing = false;
      }
      int stepIndex = step;
      JsonObject result = new JsonObject();
      steps.add(result);
      lossChecks.add(scheduler.schedule(() -> lost(stepIndex), config.graceSeconds, TimeUnit.SECONDS));

      double seconds = start.seconds(end);
      long ready = clients.stream().filter(c -> c.isReady && !c.failed).count();
      Map<String, Long> commandErrors = Stats.snapshot(stats.commandErrors);
      Map<String, Long> connectionErrors = Stats.snapshot(stats.connectionErrorKinds);
      result.put("workshops", workshops.size())
          .put("clientsTarget", (long) workshops.size() * config.clientsPerWorkshop())
          .put("clientsConnected", ready)
          .put("xhrClientsConnected", clients.stream()
              .filter(c -> c.isReady && !c.failed && c.transportKind().equals("xhr_streaming")).count())
          .put("setupSeconds", round(setupSeconds, 1))
          .put("windowSeconds", round(seconds, 1))
          .put("editsSentPerSec", round((windowEndCounters[0] - windowStart[0]) / seconds, 1))
          .put("editsPerSec", round((windowEndCounters[1] - windowStart[1]) / seconds, 1))
          .put("framesReceivedPerSec", round((windowEndCounters[2] - windowStart[2]) / seconds, 0))
          .put("framesSentPerSec", round((windowEndCounters[3] - windowStart[3]) / seconds, 0))
          .put("eventsReceivedPerSec", round((windowEndCounters[4] - windowStart[4]) / seconds, 0))
          .put("latencyMs", histogram(latency))
          .put("ackLatencyMs", histogram(ack))
          .put("driverLoopLagMs", histogram(loopLag))
          .put("duplicates", windowEndCounters[5] - countersBefore[5])
          .put("outOfOrder", windowEndCounters[6] - countersBefore[6])
          .put("gapResyncs", windowEndCounters[7] - countersBefore[7])
          .put("serverResyncs", windowEndCounters[8] - countersBefore[8])
          .put("xhrStreamReopens", windowEndCounters[9] - countersBefore[9])
          .put("connectionErrors", windowEndCounters[10] - countersBefore[10])
          .put("connectionErrorKinds", new JsonObject(new LinkedHashMap<>(Stats.delta(connectionErrors, connectionErrorsBefore))))
          .put("commandErrors", new JsonObject(new LinkedHashMap<>(Stats.delta(commandErrors, commandErrorsBefore))))
          .put("driverCpuCores", round(start.driverCores(end), 2))
          .put("driverGcMs", ProcProbe.driverGcMillis() - driverGcStart)
          .put("driverGcPauses", driverPauses[0])
          .put("driverGcMaxPauseMs", driverPauses[2])
          .put("driverCpuLoad", cpuLoadSamples == 0 ? -1 : round(cpuLoadSum / cpuLoadSamples, 3))
          .put("machineCpuBusyPercent", round(start.machineBusyPercent(end), 1))
          .put("latencyPerSecondP99Ms", perSecondP99)
          .put("latencyPerSecondMaxMs", perSecondMax);
      if (config.serverPid != null) {
        result.put("serverCpuCores", round(start.serverCores(end), 2))
            .put("serverRssMb", round(ProcProbe.rssKb(config.serverPid) / 1024.0, 0));
        JsonObject gc = ProcProbe.jstat(config.serverPid);
        if (gc.containsKey("heapUsedKb")) {
          result.put("serverHeapUsedMb", round(gc.getLong("heapUsedKb") / 1024.0, 0));
          double gcSeconds = gc.getDouble("gcSeconds", 0.0);
          result.put("serverGcMsSincePreviousStep", round((gcSeconds - (heapGcBefore == null ? 0 : heapGcBefore / 1000.0)) * 1000, 0));
          heapGcBefore = (long) (gcSeconds * 1000);
        }
      }
      if (config.redisPid != null) {
        result.put("redisCpuCores", round(start.redisCores(end), 2))
            .put("redisRssMb", round(ProcProbe.rssKb(config.redisPid) / 1024.0, 0));
      }
      double accounted = result.getDouble("driverCpuCores") + Math.max(0, result.getDouble("serverCpuCores", 0.0))
          + Math.max(0, result.getDouble("redisCpuCores", 0.0));
      double busyCores = result.getDouble("machineCpuBusyPercent") / 100.0 * Runtime.getRuntime().availableProcessors();
      result.put("otherCpuCores", round(Math.max(0, busyCores - accounted), 2));
      if (otherBefore >= 0) {
        result.put("otherCpuCoresBeforeWindow", round(otherBefore, 2));
      }
      commandErrorsBefore = commandErrors;
      connectionErrorsBefore = connectionErrors;
      countersBefore = windowEndCounters;
      log(Tables.stepLine(result));
    }
    editing = false;
    for (int step = 0; step < lossChecks.size(); step++) {
      steps.get(step).put("lost", lossChecks.get(step).get(config.graceSeconds + 120L, TimeUnit.SECONDS));
    }
    report.put("steps", new JsonArray(new ArrayList<>(steps)));
    report.put("totals", new JsonObject()
        .put("editsSent", stats.editsSent.sum())
        .put("editsAcked", stats.editsAcked.sum())
        .put("eventsReceived", stats.eventsReceived.sum())
        .put("lost", steps.stream().mapToLong(s -> s.getLong("lost", 0L)).sum())
        .put("duplicates", stats.duplicates.sum())
        .put("connectionErrors", stats.connectionErrors.sum())
        .put("connectionErrorKinds", new JsonObject(new LinkedHashMap<>(Stats.snapshot(stats.connectionErrorKinds))))
        .put("commandErrors", new JsonObject(new LinkedHashMap<>(Stats.snapshot(stats.commandErrors)))));
    report.put("boards", finalCheck());
    stopAll();
  }

  /**
   * Join-storm mode: the first step's workshops connect and keep editing; then {@code joinStorm}
   * people join those workshops at once, each timed from its HTTP join to its board's first
   * snapshot. The window runs stepSeconds from the storm's start (longer if joins are still under
   * way), with the editors' acknowledgement p99 and the delivery p99 per second.
   *
   * <p>The joiners run on a Vert.x instance of their own (loops, HTTP and WebSocket clients): the
   * driver's work for 3,000 arrivals (connections, handshakes, snapshots to parse) would otherwise
   * queue on the editors' loops in front of the acknowledgements it times. What remains of the
   * driver's own delay on the editors' loops (the joiners' threads still share the CPU) is measured
   * by the loop-lag probe and reported next to the acks, second by second.
   */
  private void runStorm(JsonObject report) throws Exception {
    if (!config.joinersOnEditorsLoops) {
      joinerRuntime = ClientRuntime.start(config);
      joinerRuntime.watchLoopLag(LOOP_LAG_PERIOD_MS, stats.joinerLoopLag::recordValue);
    }
    ClientRuntime joinersOn = joinerRuntime != null ? joinerRuntime : mainRuntime;
    List<WorkshopInfo> created = createWorkshops(config.steps.get(0), false, Integer.MAX_VALUE);
    List<BenchClient> editors = new ArrayList<>();
    for (WorkshopInfo workshop : created) {
      editors.addAll(clientsOf(workshop, false, Integer.MAX_VALUE));
    }
    workshops.addAll(created);
    clients.addAll(editors);
    editing = true;
    connect(editors);
    if (config.settleSeconds > 0) {
      Thread.sleep(config.settleSeconds * 1_000L);
    }
    double otherBefore = awaitQuietMachine();
    stats.ackLatency.getIntervalHistogram();
    stats.latency.getIntervalHistogram();
    stats.ackTick.getIntervalHistogram();
    stats.latencyTick.getIntervalHistogram();
    stats.loopLag.getIntervalHistogram();
    stats.loopLagTick.getIntervalHistogram();
    stats.joinerLoopLag.getIntervalHistogram();
    long[] windowStart = counters();
    ProcProbe.Sample start = ProcProbe.Sample.take(config.serverPid, config.redisPid);
    java.util.concurrent.atomic.AtomicInteger joined = new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.atomic.AtomicInteger joinFailed = new java.util.concurrent.atomic.AtomicInteger();
    List<BenchClient> joiners = Collections.synchronizedList(new ArrayList<>());
    long stormStart = System.nanoTime();
    java.util.concurrent.atomic.AtomicLong lastJoin = new java.util.concurrent.atomic.AtomicLong(stormStart);
    for (int i = 0; i < config.joinStorm; i++) {
      WorkshopInfo workshop = created.get(i % created.size());
      BoardInfo board = workshop.boards.get((i / created.size()) % workshop.boards.size());
      JsonObject body = new JsonObject().put("code", workshop.code.toLowerCase()).put("name", "J" + (i + 1))
          .put("category", "habitant").put("board", board.id);
      long asked = System.nanoTime();
      post(joinersOn.xhrHttp, "/api/join", body)
          .compose(answer -> {
            stats.httpJoinLatency.recordValue((System.nanoTime() - asked) / 1_000);
            BenchClient joiner = joiner(joinersOn, answer.getString("token"), workshop, board);
            joiners.add(joiner);
            return joiner.start();
          })
          .onComplete(done -> {
            long now = System.nanoTime();
            if (done.succeeded()) {
              stats.joinLatency.recordValue((now - asked) / 1_000);
              joined.incrementAndGet();
              lastJoin.accumulateAndGet(now, Math::max);
            } else {
              joinFailed.incrementAndGet();
            }
          });
    }
    JsonArray perSecond = new JsonArray();
    long windowEnd = stormStart + config.stepSeconds * 1_000_000_000L;
    long hardEnd = stormStart + TimeUnit.MILLISECONDS.toNanos(config.handshakeTimeoutMs) + 30_000_000_000L;
    long nextTick = stormStart;
    ProcProbe.Sample secondStart = start;
    while (System.nanoTime() < hardEnd
        && (System.nanoTime() < windowEnd || joined.get() + joinFailed.get() < config.joinStorm)) {
      nextTick += 1_000_000_000L;
      Thread.sleep(Math.max(1, (nextTick - System.nanoTime()) / 1_000_000));
      ProcProbe.Sample secondEnd = ProcProbe.Sample.take(config.serverPid, config.redisPid);
      Histogram ack = stats.ackTick.getIntervalHistogram();
      Histogram delivery = stats.latencyTick.getIntervalHistogram();
      Histogram loopLag = stats.loopLagTick.getIntervalHistogram();
      perSecond.add(new JsonObject()
          .put("s", perSecond.size() + 1)
          .put("joined", joined.get())
          .put("acks", ack.getTotalCount())
          .put("ackP99Ms", ack.getTotalCount() == 0 ? 0 : ms(ack.getValueAtPercentile(99)))
          .put("ackMaxMs", ack.getTotalCount() == 0 ? 0 : ms(ack.getMaxValue()))
          .put("deliveryP99Ms", delivery.getTotalCount() == 0 ? 0 : ms(delivery.getValueAtPercentile(99)))
          .put("loopLagP99Ms", loopLag.getTotalCount() == 0 ? 0 : ms(loopLag.getValueAtPercentile(99)))
          .put("loopLagMaxMs", loopLag.getTotalCount() == 0 ? 0 : ms(loopLag.getMaxValue()))
          .put("serverCores", round(secondStart.serverCores(secondEnd), 2))
          // The bare broadcast has no Redis: no figure, rather than -1.
          .put("redisCores", config.redisPid == null ? null : round(secondStart.redisCores(secondEnd), 2)));
      secondStart = secondEnd;
    }
    ProcProbe.Sample end = ProcProbe.Sample.take(config.serverPid, config.redisPid);
    long[] windowEndCounters = counters();
    Histogram ack = stats.ackLatency.getIntervalHistogram();
    Histogram latency = stats.latency.getIntervalHistogram();
    Histogram editorsLoopLag = stats.loopLag.getIntervalHistogram();
    Histogram joinersLoopLag = stats.joinerLoopLag.getIntervalHistogram();
    for (WorkshopInfo workshop : workshops) {
      for (BoardInfo board : workshop.boards) {
        board.endRev[0] = board.maxAckedRev.get();
      }
    }
    editing = false;
    synchronized (joiners) {
      clients.addAll(joiners);
      for (BenchClient joiner : joiners) {
        joiner.workshop.clients.add(joiner);
      }
    }
    double seconds = start.seconds(end);
    Map<String, Long> commandErrors = Stats.snapshot(stats.commandErrors);
    JsonObject storm = new JsonObject()
        .put("editors", editors.stream().filter(c -> c.isReady && !c.failed).count())
        .put("joiners", config.joinStorm)
        .put("joinersOwnLoops", joinerRuntime != null)
        .put("joined", joined.get())
        .put("joinFailed", joinFailed.get())
        .put("allJoinedSeconds", joined.get() + joinFailed.get() < config.joinStorm ? -1
            : round((lastJoin.get() - stormStart) / 1e9, 2))
        .put("joinMs", histogram(stats.joinLatency.getIntervalHistogram()))
        .put("httpJoinMs", histogram(stats.httpJoinLatency.getIntervalHistogram()))
        .put("ackMs", histogram(ack))
        .put("latencyMs", histogram(latency))
        .put("editorsLoopLagMs", histogram(editorsLoopLag))
        .put("joinersLoopLagMs", histogram(joinersLoopLag))
        .put("editsPerSec", round((windowEndCounters[1] - windowStart[1]) / seconds, 1))
        .put("windowSeconds", round(seconds, 1))
        .put("perSecond", perSecond)
        .put("commandErrors", new JsonObject(new LinkedHashMap<>(commandErrors)))
        .put("connectionErrors", stats.connectionErrors.sum())
        .put("driverCpuCores", round(start.driverCores(end), 2))
        .put("machineCpuBusyPercent", round(start.machineBusyPercent(end), 1))
        .put("loadAverage", ProcProbe.loadAverage());
    if (otherBefore >= 0) {
      storm.put("otherCpuCoresBeforeWindow", round(otherBefore, 2));
    }
    if (config.serverPid != null) {
      storm.put("serverCpuCores", round(start.serverCores(end), 2));
    }
    if (config.redisPid != null) {
      storm.put("redisCpuCores", round(start.redisCores(end), 2));
    }
    log(Tables.stormLine(storm));
    storm.put("lost", scheduler.schedule(() -> lost(0), config.graceSeconds, TimeUnit.SECONDS)
        .get(config.graceSeconds + 120L, TimeUnit.SECONDS));
    report.put("storm", storm);
    report.put("totals", new JsonObject()
        .put("editsSent", stats.editsSent.sum())
        .put("editsAcked", stats.editsAcked.sum())
        .put("eventsReceived", stats.eventsReceived.sum())
        .put("lost", storm.getLong("lost"))
        .put("duplicates", stats.duplicates.sum())
        .put("connectionErrors", stats.connectionErrors.sum())
        .put("commandErrors", new JsonObject(new LinkedHashMap<>(commandErrors))));
    report.put("boards", finalCheck());
    stopAll();
  }

  private synchronized BenchClient joiner(ClientRuntime runtime, String token, WorkshopInfo workshop, BoardInfo board) {
    BenchClient joiner = client(runtime, BenchClient.Role.PARTICIPANT, token, workshop, List.of(board));
    joiner.silent = true;
    return joiner;
  }

  /**
   * Waits until processes other than ours use less than quietGateCores, sampling 2 s at a time,
   * for at most quietGateMaxSeconds. Returns the last reading, or -1 when the gate is off.
   */
  private double awaitQuietMachine() throws InterruptedException {
    if (config.quietGateCores < 0) {
      return -1;
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(config.quietGateMaxSeconds);
    double other;
    boolean said = false;
    do {
      ProcProbe.Sample a = ProcProbe.Sample.take(config.serverPid, config.redisPid);
      Thread.sleep(2_000);
      ProcProbe.Sample b = ProcProbe.Sample.take(config.serverPid, config.redisPid);
      double busy = a.machineBusyPercent(b) / 100.0 * Runtime.getRuntime().availableProcessors();
      other = busy - a.driverCores(b) - Math.max(0, a.serverCores(b)) - Math.max(0, a.redisCores(b));
      if (other < config.quietGateCores) {
        return Math.max(0, other);
      }
      if (!said) {
        log(String.format(java.util.Locale.ROOT, "other processes use %.2f cores: waiting for a quieter machine", other));
        said = true;
      }
    } while (System.nanoTime() < deadline);
    log(String.format(java.util.Locale.ROOT, "machine still busy (%.2f cores used by others): measuring anyway", other));
    return Math.max(0, other);
  }

  /** Counters in a fixed order: sent, acked, frames in, frames out, events, dups, out of order, gap resyncs, server resyncs, xhr reopens, connection errors. */
  private long[] counters() {
    return new long[] {stats.editsSent.sum(), stats.editsAcked.sum(), stats.framesReceived.sum(),
        stats.framesSent.sum(), stats.eventsReceived.sum(), stats.duplicates.sum(), stats.outOfOrder.sum(),
        stats.gapResyncs.sum(), stats.serverResyncs.sum(), stats.xhrStreamReopens.sum(),
        stats.connectionErrors.sum()};
  }

  /** Idle-memory mode: server RSS and heap per connected, registered, synced but silent client. */
  private JsonObject runIdle() throws Exception {
    int perWorkshop = config.boardsPerWorkshop * config.participantsPerBoard;
    int count = (config.idleClients + perWorkshop - 1) / perWorkshop;
    List<WorkshopInfo> created = createWorkshops(count, true, config.idleClients);
    List<BenchClient> idle = new ArrayList<>();
    int remaining = config.idleClients;
    for (WorkshopInfo workshop : created) {
      List<BenchClient> some = clientsOf(workshop, true, remaining);
      remaining -= some.size();
      idle.addAll(some);
    }
    workshops.addAll(created);
    clients.addAll(idle);
    editing = false;
    JsonObject out = new JsonObject().put("clientsRequested", config.idleClients);
    Long pid = config.serverPid;
    if (pid != null) {
      ProcProbe.gcRun(pid);
      Thread.sleep(2_000);
      out.put("rssBeforeKb", ProcProbe.rssKb(pid)).put("heapBeforeKb", ProcProbe.liveHeapKb(pid));
    }
    long start = System.nanoTime();
    connect(idle);
    out.put("connectSeconds", round((System.nanoTime() - start) / 1e9, 1));
    Thread.sleep(5_000);
    long ready = idle.stream().filter(c -> c.isReady && !c.failed).count();
    out.put("clientsConnected", ready);
    if (pid != null) {
      out.put("rssConnectedKb", ProcProbe.rssKb(pid));
      ProcProbe.gcRun(pid);
      Thread.sleep(2_000);
      out.put("rssAfterKb", ProcProbe.rssKb(pid)).put("heapAfterKb", ProcProbe.liveHeapKb(pid));
      if (ready > 0 && out.getLong("rssBeforeKb") != null && out.getLong("heapBeforeKb") != null
          && out.getLong("heapAfterKb") != null) {
        out.put("rssPerClientKb", round((out.getLong("rssAfterKb") - out.getLong("rssBeforeKb")) / (double) ready, 1));
        out.put("heapPerClientKb", round((out.getLong("heapAfterKb") - out.getLong("heapBeforeKb")) / (double) ready, 1));
      }
    }
    out.put("connectionErrors", stats.connectionErrors.sum())
        .put("connectionErrorKinds", new JsonObject(new LinkedHashMap<>(Stats.snapshot(stats.connectionErrorKinds))));
    stopAll();
    return out;
  }

  // ---- setup over HTTP ------------------------------------------------------------------------

  /** Creates workshops and joins their participants, at most httpConcurrency requests at a time. */
  private List<WorkshopInfo> createWorkshops(int count, boolean participantsOnly, int participantLimit) throws Exception {
    Semaphore permits = new Semaphore(config.httpConcurrency);
    List<Future<WorkshopInfo>> creating = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      JsonArray groups = new JsonArray();
      for (int b = 0; b < config.boardsPerWorkshop; b++) {
        groups.add(new JsonObject().put("name", "Groupe " + (b + 1)).put("template", "pepites"));
      }
      JsonObject body = new JsonObject().put("title", "Bench " + (workshops.size() + i + 1)).put("groups", groups);
      acquire(permits);
      creating.add(post("/api/workshops", body).onComplete(done -> permits.release()).map(this::workshopOf));
    }
    List<WorkshopInfo> created = new ArrayList<>();
    for (Future<WorkshopInfo> future : creating) {
      WorkshopInfo workshop = await(future, 60);
      if (workshop != null) {
        created.add(workshop);
      }
    }
    int participants = 0;
    List<List<Future<String>>> joins = new ArrayList<>();
    for (WorkshopInfo workshop : created) {
      List<Future<String>> mine = new ArrayList<>();
      for (int p = 0; p < config.boardsPerWorkshop * config.participantsPerBoard && participants < participantLimit; p++) {
        participants++;
        BoardInfo board = workshop.boards.get(p / config.participantsPerBoard);
        JsonObject body = new JsonObject().put("code", workshop.code.toLowerCase())
            .put("name", "P" + (p + 1)).put("category", "habitant").put("board", board.id);
        acquire(permits);
        mine.add(post("/api/join", body).onComplete(done -> permits.release()).map(answer -> answer.getString("token")));
      }
      joins.add(mine);
    }
    for (int w = 0; w < created.size(); w++) {
      for (Future<String> join : joins.get(w)) {
        created.get(w).participantTokens.add(await(join, 60));
      }
    }
    return created;
  }

  private WorkshopInfo workshopOf(JsonObject created) {
    JsonObject workshop = created.getJsonObject("workshop");
    List<BoardInfo> boards = new ArrayList<>();
    JsonArray list = workshop.getJsonArray("boards");
    for (int i = 0; i < list.size(); i++) {
      JsonObject board = list.getJsonObject(i);
      List<String> zones = new ArrayList<>();
      JsonArray zoneList = board.getJsonArray("zones", new JsonArray());
      for (int z = 0; z < zoneList.size(); z++) {
        zones.add(zoneList.getJsonObject(z).getString("id"));
      }
      boards.add(new BoardInfo(board.getString("id"), zones, Math.max(1, config.steps.size())));
    }
    return new WorkshopInfo(workshop.getString("id"), workshop.getString("code"), created.getString("animatorToken"),
        created.getString("observerToken"), boards);
  }

  private Future<JsonObject> post(String path, JsonObject body) {
    return post(mainRuntime.http, path, body);
  }

  private Future<JsonObject> post(HttpClient client, String path, JsonObject body) {
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost(config.host).setPort(config.port)
        .setURI(path).setTimeout(30_000).putHeader("Content-Type", "application/json");
    return client.request(options)
        .compose(request -> request.send(body.encode()))
        .compose(response -> response.body().compose(answer -> {
          if (response.statusCode() / 100 != 2) {
            return Future.failedFuture("POST " + path + " answered " + response.statusCode() + ": " + answer);
          }
          return Future.succeededFuture(answer.toJsonObject());
        }))
        .onFailure(failure -> {
          stats.connectionError("setup_http");
          setupErrors.add(failure.getMessage());
        });
  }

  // ---- clients ----------------------------------------------------------------------------------

  private List<BenchClient> clientsOf(WorkshopInfo workshop, boolean participantsOnly, int limit) {
    List<BenchClient> made = new ArrayList<>();
    for (int p = 0; p < workshop.participantTokens.size() && made.size() < limit; p++) {
      String token = workshop.participantTokens.get(p);
      if (token != null) {
        made.add(client(mainRuntime, BenchClient.Role.PARTICIPANT, token, workshop,
            List.of(workshop.boards.get(p / config.participantsPerBoard))));
      }
    }
    if (!participantsOnly) {
      if (config.plenary) {
        made.add(client(mainRuntime, BenchClient.Role.PLENARY, workshop.animatorToken, workshop, workshop.boards));
      }
      for (int o = 0; o < config.observersPerWorkshop; o++) {
        made.add(client(mainRuntime, BenchClient.Role.OBSERVER, workshop.observerToken, workshop, workshop.boards));
      }
    }
    workshop.clients.addAll(made);
    return made;
  }

  /** A client on one of {@code runtime}'s loops, speaking through that runtime's HTTP or WebSocket client. */
  private BenchClient client(ClientRuntime runtime, BenchClient.Role role, String token, WorkshopInfo workshop,
      List<BoardInfo> boards) {
    int id = nextClientId++;
    boolean xhr = Math.floor((id + 1) * config.xhrShare) > Math.floor(id * config.xhrShare);
    Transport transport = xhr
        ? new XhrTransport(runtime.xhrHttp, runtime.xhrStreams, config.host, config.port, "s" + Long.toString(seeds.nextLong() & Long.MAX_VALUE, 36),
            (nextSession++) % 1000, config.handshakeTimeoutMs, stats.xhrStreamReopens)
        : new WsTransport(runtime.webSockets, config.host, config.port, config.handshakeTimeoutMs,
            config.sockJsWebSocket ? "/eventbus/" + (nextSession++) % 1000 + "/w" + id + "/websocket" : null);
    return new BenchClient(id, role, token, workshop, boards, this, runtime.nextLoop(), transport, seeds.nextLong());
  }

  /** Starts clients with at most maxConnectsInFlight handshakes (connect, register, sync) in flight. */
  private void connect(List<BenchClient> toStart) throws Exception {
    Semaphore inFlight = new Semaphore(config.maxConnectsInFlight);
    List<Future<Void>> started = new ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(config.handshakeTimeoutMs) * 4;
    for (BenchClient client : toStart) {
      if (!inFlight.tryAcquire(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
        log("gave up starting clients: handshakes stuck");
        break;
      }
      started.add(client.start().onComplete(done -> inFlight.release()));
    }
    for (Future<Void> future : started) {
      try {
        future.toCompletionStage().toCompletableFuture().get(config.handshakeTimeoutMs + 10_000, TimeUnit.MILLISECONDS);
      } catch (Exception failed) {
        // counted as a connection error by the client
      }
    }
  }

  void noteConnectionError(BenchClient client, String kind, String detail) {
    if (errorSamples.size() < 20) {
      errorSamples.add(client.describe() + ": " + kind + " " + detail);
    }
  }

  /** Live deliveries of the step's acknowledged revisions that had not arrived graceSeconds after the step. */
  private long lost(int step) {
    List<CompletableFuture<Long>> counts = new ArrayList<>();
    for (BenchClient client : clients) {
      counts.add(client.missing(step).toCompletionStage().toCompletableFuture());
    }
    long lost = 0;
    for (CompletableFuture<Long> count : counts) {
      try {
        lost += count.get(60, TimeUnit.SECONDS);
      } catch (Exception e) {
        lost += 0;
      }
    }
    log("step " + config.steps.get(step) + ": " + lost + " deliveries lost (not there " + config.graceSeconds
        + " s after the step)");
    return lost;
  }

  /** A fresh snapshot of every board, compared with every client's replica of it. */
  private JsonArray finalCheck() {
    Map<BoardInfo, JsonObject> stored = new HashMap<>();
    Map<BoardInfo, Map<String, Replica.Note>> storedNotes = new HashMap<>();
    Map<BoardInfo, String> unreadable = new HashMap<>();
    List<BoardInfo> allBoards = new ArrayList<>();
    Map<BoardInfo, Future<JsonObject>> asked = new LinkedHashMap<>();
    for (WorkshopInfo workshop : workshops) {
      for (BoardInfo board : workshop.boards) {
        allBoards.add(board);
        BenchClient reader = workshop.clients.stream()
            .filter(c -> c.isReady && !c.failed)
            .filter(c -> java.util.Arrays.stream(c.replicas).anyMatch(r -> r.board == board))
            .findFirst().orElse(null);
        if (reader == null) {
          unreadable.put(board, "no connected client left to read it");
          continue;
        }
        Replica replica = java.util.Arrays.stream(reader.replicas).filter(r -> r.board == board).findFirst().orElseThrow();
        asked.put(board, reader.snapshot(replica));
      }
    }
    asked.forEach((board, future) -> {
      JsonObject answer = await(future, 30);
      if (answer != null && answer.getBoolean("ok", false) && answer.getJsonObject("snapshot") != null) {
        stored.put(board, answer);
        storedNotes.put(board, Replica.notesOf(answer));
      } else {
        unreadable.put(board, "stream.sync answered " + (answer == null ? "nothing" : answer.encode()));
      }
    });
    Map<BoardInfo, int[]> counts = new HashMap<>();
    Map<BoardInfo, List<String>> differences = new HashMap<>();
    for (BenchClient client : clients) {
      List<String> result = await(client.compare(stored, storedNotes), 30);
      if (result == null) {
        continue;
      }
      for (int i = 0; i < client.replicas.length; i++) {
        BoardInfo board = client.replicas[i].board;
        if (!stored.containsKey(board) || !client.isReady) {
          continue;
        }
        int[] count = counts.computeIfAbsent(board, b -> new int[2]);
        count[0]++;
        String difference = result.get(i);
        if (difference == null) {
          count[1]++;
        } else {
          List<String> list = differences.computeIfAbsent(board, b -> new ArrayList<>());
          if (list.size() < 5) {
            list.add(client.role.name().toLowerCase() + " #" + client.id + (client.failed ? " (disconnected)" : "")
                + ": " + difference);
          }
        }
      }
    }
    JsonArray out = new JsonArray();
    for (BoardInfo board : allBoards) {
      JsonObject entry = new JsonObject().put("board", board.id);
      if (unreadable.containsKey(board)) {
        out.add(entry.put("status", "unchecked").put("reason", unreadable.get(board)));
        continue;
      }
      int[] count = counts.getOrDefault(board, new int[2]);
      entry.put("storedRev", stored.get(board).getLong("rev"))
          .put("storedNotes", storedNotes.get(board).size())
          .put("clients", count[0])
          .put("clientsEqual", count[1]);
      if (count[0] == count[1]) {
        entry.put("status", "equal");
      } else {
        entry.put("status", "diff").put("differences", new JsonArray(differences.getOrDefault(board, List.of())));
      }
      out.add(entry);
    }
    return out;
  }

  private void stopAll() {
    List<CompletableFuture<Void>> stopping = new ArrayList<>();
    for (BenchClient client : clients) {
      stopping.add(client.stop().toCompletionStage().toCompletableFuture());
    }
    for (CompletableFuture<Void> stop : stopping) {
      try {
        stop.get(10, TimeUnit.SECONDS);
      } catch (Exception ignored) {
        // closing anyway
      }
    }
  }

  /** Stops the scheduler and closes both runtimes (loops, timers, connections). */
  public void close() {
    scheduler.shutdownNow();
    if (joinerRuntime != null) {
      joinerRuntime.close();
    }
    mainRuntime.close();
  }

  // ---- helpers ----------------------------------------------------------------------------------

  private static void acquire(Semaphore permits) throws InterruptedException {
    if (!permits.tryAcquire(120, TimeUnit.SECONDS)) {
      throw new IllegalStateException("HTTP setup stuck: no answer for 120 s");
    }
  }

  private static <T> T await(Future<T> future, long seconds) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(seconds, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    } catch (Exception e) {
      return null;
    }
  }

  private static JsonObject histogram(Histogram h) {
    JsonObject out = new JsonObject().put("count", h.getTotalCount());
    if (h.getTotalCount() == 0) {
      return out;
    }
    return out.put("p50", ms(h.getValueAtPercentile(50)))
        .put("p90", ms(h.getValueAtPercentile(90)))
        .put("p99", ms(h.getValueAtPercentile(99)))
        .put("p999", ms(h.getValueAtPercentile(99.9)))
        .put("max", ms(h.getMaxValue()))
        .put("mean", round(h.getMean() / 1000.0, 2));
  }

  private static double ms(long micros) {
    return round(micros / 1000.0, 2);
  }

  static double round(double value, int digits) {
    double scale = Math.pow(10, digits);
    return Math.round(value * scale) / scale;
  }

  private static JsonObject machine() {
    return new JsonObject()
        .put("nproc", Runtime.getRuntime().availableProcessors())
        .put("cpuModel", ProcProbe.cpuModel())
        .put("memTotalGiB", round(ProcProbe.memTotalKb() / 1024.0 / 1024.0, 1))
        .put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
  }

  private void log(String line) {
    if (!config.quiet) {
      System.out.println("[" + config.label + "] " + line);
    }
  }

  /** For tests: a report's totals. */
  static long total(JsonObject report, String name) {
    return report.getJsonObject("totals").getLong(name, 0L);
  }

  static int equalBoards(JsonObject report) {
    int equal = 0;
    for (int i = 0; i < report.getJsonArray("boards").size(); i++) {
      if ("equal".equals(report.getJsonArray("boards").getJsonObject(i).getString("status"))) {
        equal++;
      }
    }
    return equal;
  }

  static void writeReport(JsonObject report, java.nio.file.Path file) throws IOException {
    Files.writeString(file, report.encodePrettily());
  }
}
