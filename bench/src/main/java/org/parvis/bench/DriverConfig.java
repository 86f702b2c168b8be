package org.parvis.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Every knob of one driver run, with the defaults of the workshop profile. */
public final class DriverConfig {

  public String host = "127.0.0.1";
  public int port = 8080;
  /** Total workshops at each step (cumulative: earlier workshops keep running). */
  public List<Integer> steps = List.of(1, 5, 10, 20, 50, 100);
  public int stepSeconds = 30;
  /** Share of clients that use SockJS xhr_streaming instead of the raw WebSocket. */
  public double xhrShare = 0.05;
  /** The WebSocket clients on the SockJS WebSocket transport, as browsers, instead of the raw endpoint. */
  public boolean sockJsWebSocket;
  public int boardsPerWorkshop = 4;
  public int participantsPerBoard = 12;
  public int observersPerWorkshop = 5;
  public boolean plenary = true;
  public long editIntervalMs = 3_000;
  public long editJitterMs = 500;
  public long pingIntervalMs = 5_000;
  public int maxConnectsInFlight = 200;
  public int httpConcurrency = 32;
  public int eventLoops = Math.max(1, Runtime.getRuntime().availableProcessors());
  /** How long after a step ends an expected delivery may still arrive before it counts as lost. */
  public int graceSeconds = 5;
  /** After a step's new clients are connected, let the server drain the setup backlog before measuring. */
  public int settleSeconds = 10;
  public int warmupSeconds;
  public long commandTimeoutMs = 10_000;
  public long handshakeTimeoutMs = 60_000;
  public Long serverPid;
  public Long redisPid;
  public Path jsonOut;
  public String label = "server";
  /** Idle-memory mode: connect this many idle participants and measure the server per client. */
  public int idleClients = 0;
  public long seed = 42;
  /** Start a JFR recording on the server (needs serverPid) during the window of this step (W value). */
  public Integer jfrAtStep;
  public Path jfrFile;
  public boolean quiet = false;
  /**
   * The machine is shared: before each step window, wait (at most quietGateMaxSeconds) until the CPU
   * used by processes other than the driver, the server and Redis is below this many cores. Negative: off.
   */
  public double quietGateCores = -1;
  public int quietGateMaxSeconds = 120;
  /**
   * Join-storm mode: the workshops of the first step connect and edit, then this many more people
   * join those workshops all at once (HTTP join, token, register, first sync); 0: the ramp.
   */
  public int joinStorm = 0;
  /**
   * Join storm as before 2026-12-01's isolation: the joiners on the editors' Vert.x instance, loops
   * and clients (to see how much of the editors' ack delay was the driver's).
   */
  public boolean joinersOnEditorsLoops;

  public static DriverConfig parse(String[] args) {
    DriverConfig c = new DriverConfig();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      String v = i + 1 < args.length ? args[i + 1] : null;
      switch (a) {
        case "--host" -> { c.host = v; i++; }
        case "--port" -> { c.port = Integer.parseInt(v); i++; }
        case "--steps" -> { c.steps = ints(v); i++; }
        case "--step-seconds" -> { c.stepSeconds = Integer.parseInt(v); i++; }
        case "--xhr-share" -> { c.xhrShare = Double.parseDouble(v); i++; }
        case "--sockjs-websocket" -> c.sockJsWebSocket = true;
        case "--boards" -> { c.boardsPerWorkshop = Integer.parseInt(v); i++; }
        case "--participants-per-board" -> { c.participantsPerBoard = Integer.parseInt(v); i++; }
        case "--observers" -> { c.observersPerWorkshop = Integer.parseInt(v); i++; }
        case "--no-plenary" -> c.plenary = false;
        case "--edit-interval-ms" -> { c.editIntervalMs = Long.parseLong(v); i++; }
        case "--edit-jitter-ms" -> { c.editJitterMs = Long.parseLong(v); i++; }
        case "--ping-interval-ms" -> { c.pingIntervalMs = Long.parseLong(v); i++; }
        case "--connects-in-flight" -> { c.maxConnectsInFlight = Integer.parseInt(v); i++; }
        case "--http-concurrency" -> { c.httpConcurrency = Integer.parseInt(v); i++; }
        case "--event-loops" -> { c.eventLoops = Integer.parseInt(v); i++; }
        case "--grace-seconds" -> { c.graceSeconds = Integer.parseInt(v); i++; }
        case "--settle-seconds" -> { c.settleSeconds = Integer.parseInt(v); i++; }
        case "--warmup-seconds" -> { c.warmupSeconds = Integer.parseInt(v); i++; }
        case "--command-timeout-ms" -> { c.commandTimeoutMs = Long.parseLong(v); i++; }
        case "--server-pid" -> { c.serverPid = Long.parseLong(v); i++; }
        case "--redis-pid" -> { c.redisPid = Long.parseLong(v); i++; }
        case "--json" -> { c.jsonOut = Path.of(v); i++; }
        case "--label" -> { c.label = v; i++; }
        case "--idle" -> { c.idleClients = Integer.parseInt(v); i++; }
        case "--seed" -> { c.seed = Long.parseLong(v); i++; }
        case "--jfr-at-step" -> { c.jfrAtStep = Integer.parseInt(v); i++; }
        case "--jfr-file" -> { c.jfrFile = Path.of(v); i++; }
        case "--quiet" -> c.quiet = true;
        case "--quiet-gate-cores" -> { c.quietGateCores = Double.parseDouble(v); i++; }
        case "--quiet-gate-max-seconds" -> { c.quietGateMaxSeconds = Integer.parseInt(v); i++; }
        case "--join-storm" -> { c.joinStorm = Integer.parseInt(v); i++; }
        case "--joiners-on-editors-loops" -> c.joinersOnEditorsLoops = true;
        case "--help", "-h" -> {
          System.out.println(USAGE);
          System.exit(0);
        }
        default -> throw new IllegalArgumentException("unknown option " + a + "\n" + USAGE);
      }
    }
    return c;
  }

  public int clientsPerWorkshop() {
    return boardsPerWorkshop * participantsPerBoard + (plenary ? 1 : 0) + observersPerWorkshop;
  }

  static List<Integer> ints(String csv) {
    List<Integer> out = new ArrayList<>();
    Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(s -> out.add(Integer.parseInt(s)));
    return List.copyOf(out);
  }

  static final String USAGE = """
      java -cp parvis-bench.jar org.parvis.bench.LoadDriver [options]
        --host H --port P            server (default 127.0.0.1:8080)
        --steps 1,5,10,20,50,100     total workshops at each step
        --step-seconds 30            measurement window of each step
        --xhr-share 0.05             share of clients on SockJS xhr_streaming
        --sockjs-websocket           the others on the SockJS WebSocket transport, as browsers (default: raw /eventbus/websocket)
        --edit-interval-ms 3000 --edit-jitter-ms 500 --ping-interval-ms 5000
        --connects-in-flight 200     WebSocket handshakes (connect+register+sync) in flight
        --event-loops N              driver event loops (default: cores)
        --grace-seconds 5            after a step, how long a delivery may take before it is lost
        --settle-seconds 10          after connecting a step's new clients, wait before the window
        --warmup-seconds 0           the first step's clients edit this much longer before its window,
                                     so that no window pays for the server's JIT compilation
        --server-pid PID --redis-pid PID   sample CPU / RSS / heap of these processes
        --json FILE --label NAME     JSON report
        --idle N                     idle-memory mode: N idle participants, server RSS/heap per client
        --jfr-at-step W --jfr-file F record the server with JFR during the window of step W
        --quiet-gate-cores 0.25      before each window, wait until other processes use less than this
        --quiet-gate-max-seconds 120 ... but no longer than this (the step is then marked disturbed)
        --join-storm N               the first step's workshops connect and edit, then N people join them at once;
                                     reports each join's time and the editors' ack p99 per second of the storm,
                                     beside the driver's own lag on the editors' loops (joiners run on their own loops)
        --joiners-on-editors-loops   storm with the joiners on the editors' loops and clients, as before (A/B of the driver)
      """;
}
