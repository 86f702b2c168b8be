package org.parvis.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.parvis.Main;
import org.parvis.board.BoardRules;
import org.parvis.board.NoteFields;
import org.parvis.protocol.Event;
import org.parvis.store.LuaScript;
import org.parvis.stream.StreamId;
import org.parvis.stream.StreamKeys;
import org.parvis.stream.StreamStore;
import org.parvis.stream.StreamStore.ApplyRequest;
import org.parvis.testing.RedisProcess;

/**
 * Redis's cost of the one apply script (docs/engine.md) per change, for the board edits a workshop
 * makes most: the server's own script (the prelude with {@link Main#APPLY_FUNCTIONS} in place, as the
 * server assembles it) run through the server's {@link StreamStore#apply} against a redis-server of
 * its own on a free port (append-only, everysec, as the embedded one), on a public board by
 * participants, with the rules the board commands send.
 *
 * <p>Each round runs, one phase after the other, {@code n} applies of an unknown type (the prelude's
 * early return: what running the script's top level costs), {@code n} note.create, {@code n}
 * note.update (moves, texts, colours in turn, on the notes just created) and {@code n} note.delete
 * (of those notes), 16 in flight. Before each phase {@code CONFIG RESETSTAT}; after it, EVALSHA's
 * {@code usec_per_call} from {@code INFO commandstats} (time inside the script, as Redis measures it)
 * and Redis's process CPU ({@code used_cpu_user + used_cpu_sys} of {@code INFO cpu}) per apply, which
 * adds reading, parsing and answering the command and the append-only file's writes. Medians over
 * the rounds, and the least round (on a shared machine, the figure other processes disturbed least);
 * "mix" weighs the phases as the benchmark's edits (30 % create, 65 % update, 5 % delete).
 *
 * <p>With {@code function}, the same code as a Redis 7 function library called by FCALL (an
 * experiment, see {@link #library}).
 *
 * {@code java -cp bench/target/parvis-bench.jar org.parvis.bench.ApplyCost [n] [rounds] [function]}
 */
public final class ApplyCost {

  private static final int IN_FLIGHT = 16;
  private static final int BASE_NOTES = 100;
  private static final String WORKSHOP = "wApplyCost";
  private static final String BOARD = WORKSHOP + "-1";
  private static final List<String> PHASES = List.of("unknown", "note.create", "note.update", "note.delete");

  private final Redis redis;
  private final StreamStore streams;
  /** Instead of the server's EVALSHA, FCALL of a library of the same code (an experiment: see {@link #library}). */
  private final boolean function;
  private final StreamId stream = StreamId.board(BOARD);
  /** Command ids: taken from the main thread and the event loop alike. */
  private final AtomicInteger commands = new AtomicInteger();

  private ApplyCost(Redis redis, boolean function) {
    this.redis = redis;
    // Nothing here keeps snapshots to drop when a change is applied.
    this.streams = new StreamStore(redis, Main.APPLY_FUNCTIONS, applied -> { }, Integer.MAX_VALUE);
    this.function = function;
  }

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
    boolean function = args.length > 2 && "function".equals(args[2]);
    if (n + BASE_NOTES > BoardRules.MAX_NOTES_PER_BOARD) {
      throw new IllegalArgumentException("n at most " + (BoardRules.MAX_NOTES_PER_BOARD - BASE_NOTES));
    }
    // A shared machine may stall this JVM for seconds: no blocked-thread warnings in the report.
    Vertx vertx = Vertx.vertx(new VertxOptions().setBlockedThreadCheckInterval(60_000));
    try (RedisProcess redisProcess = RedisProcess.start()) {
      Redis redis = Redis.createClient(vertx, new RedisOptions().setConnectionString(redisProcess.url())
          .setMaxPoolSize(IN_FLIGHT).setMaxPoolWaiting(1_000));
      ApplyCost bench = new ApplyCost(redis, function);
      String version = bench.info("server").get("redis_version");
      if (function) {
        redis.send(Request.cmd(Command.FUNCTION).arg("LOAD").arg("REPLACE").arg(library())).await();
      }
      bench.prepare().await();
      System.out.printf(Locale.ROOT, "%s; ", function ? "FCALL of a library (experiment)" : "EVALSHA of the server's script");
      System.out.printf(Locale.ROOT, "redis-server %s, %d applies per phase, %d rounds, %d in flight, board of %d notes + the phase's%n",
          version, n, rounds, IN_FLIGHT, BASE_NOTES);
      double[][] usec = new double[PHASES.size()][rounds];
      double[][] cpu = new double[PHASES.size()][rounds];
      for (int round = 0; round < rounds; round++) {
        for (int phase = 0; phase < PHASES.size(); phase++) {
          double[] cost = bench.measure(PHASES.get(phase), n, round);
          usec[phase][round] = cost[0];
          cpu[phase][round] = cost[1];
        }
      }
      System.out.printf(Locale.ROOT, "%-12s %22s %26s%n", "apply", "usec_per_call med (min)", "Redis CPU µs/apply med (min)");
      double[] weights = {0, 0.30, 0.65, 0.05};
      double[] mix = new double[4];
      for (int phase = 0; phase < PHASES.size(); phase++) {
        double[] figures = {median(usec[phase]), min(usec[phase]), median(cpu[phase]), min(cpu[phase])};
        for (int f = 0; f < 4; f++) {
          mix[f] += weights[phase] * figures[f];
        }
        System.out.printf(Locale.ROOT, "%-12s %14.2f (%6.2f) %18.2f (%6.2f)   usec_per_call by round: %s%n", PHASES.get(phase),
            figures[0], figures[1], figures[2], figures[3], format(usec[phase]));
      }
      System.out.printf(Locale.ROOT, "%-12s %14.2f (%6.2f) %18.2f (%6.2f)%n", "mix 30/65/5", mix[0], mix[1], mix[2], mix[3]);
    } finally {
      vertx.close().await();
    }
  }

  /** The workshop and its public board as far as the note functions read them, and a few notes already on it. */
  private Future<Void> prepare() {
    String now = Long.toString(System.currentTimeMillis());
    return redis.send(Request.cmd(Command.HSET).arg(StreamKeys.workshop(WORKSHOP)).arg("lastActivity").arg(now))
        .compose(ok -> redis.send(Request.cmd(Command.HSET).arg(StreamKeys.board(BOARD))
            .arg("workshop").arg(WORKSHOP).arg("name").arg("Ideas").arg("mode").arg("public")))
        .compose(ok -> streams.create(stream))
        .compose(ok -> run(BASE_NOTES, i -> create("base_" + i, i)))
        .mapEmpty();
  }

  /** {@code usec_per_call} of EVALSHA and Redis's CPU µs per apply, for n applies of one phase. */
  private double[] measure(String phase, int n, int round) {
    redis.send(Request.cmd(Command.CONFIG).arg("RESETSTAT")).await();
    double cpuBefore = cpuSeconds();
    IntFunction<Future<Void>> apply = switch (phase) {
      case "unknown" -> i -> expect(apply(request("bench.unknown", i, new Event.NoteDeleted("none", null), noteRules())),
          "unknown_command");
      case "note.create" -> i -> create("n" + round + "_" + i, i);
      case "note.update" -> i -> expect(apply(request("note.update", i,
          new Event.NoteUpdated("n" + round + "_" + i, patch(i), null), noteRules())), "ok");
      case "note.delete" -> i -> expect(apply(request("note.delete", i,
          new Event.NoteDeleted("n" + round + "_" + i, null), noteRules())), "ok");
      default -> throw new IllegalArgumentException(phase);
    };
    run(n, apply).await();
    double cpu = (cpuSeconds() - cpuBefore) * 1e6 / n;
    Map<String, String> stats = stats(info("commandstats").get(function ? "cmdstat_fcall" : "cmdstat_evalsha"));
    if (Long.parseLong(stats.get("calls")) != n) {
      throw new IllegalStateException(phase + ": " + stats.get("calls") + " scripts for " + n + " applies");
    }
    return new double[] {Double.parseDouble(stats.get("usec_per_call")), cpu};
  }

  private Future<StreamStore.Outcome> apply(ApplyRequest change) {
    if (!function) {
      return streams.apply(change);
    }
    Request fcall = LuaScript.request(Command.FCALL, LIBRARY_FUNCTION, StreamStore.keys(change), StreamStore.arguments(change));
    return redis.send(fcall).map(result -> new StreamStore.Outcome(result.get(0).toString(), result.get(1).toLong()));
  }

  private static final String LIBRARY_FUNCTION = "parvis_apply_cost";

  /**
   * What Redis 7's FUNCTION LOAD would bring, measured on the same code: a library whose top level
   * (run once, at load) holds apply.lua's helpers and every type file, and one function holding the
   * rest of apply.lua (the per-change work), so a call defines nothing. Not what the server runs.
   */
  private static String library() {
    String main = new LuaScript.Part(StreamStore.class, "apply.lua").text();
    int marker = main.indexOf(StreamStore.TYPES_MARKER);
    StringBuilder library = new StringBuilder("#!lua name=parvis_apply_cost\n")
        // ARGV does not exist at a library's load: the type of a run is only used by assembleByType's dispatch.
        .append(main.substring(0, marker).replace("local CALLED = ARGV[1]", ""));
    Main.APPLY_FUNCTIONS.forEach(part -> library.append(part.text()).append('\n'));
    return library.append("redis.register_function('").append(LIBRARY_FUNCTION).append("', function(KEYS, ARGV)\n")
        .append(main.substring(marker + StreamStore.TYPES_MARKER.length())).append("\nend)\n").toString();
  }

  private Future<Void> create(String noteId, int i) {
    String author = author(i);
    Event.Note note = new Event.Note(noteId, "Idée " + i + " : un café-rencontre le mercredi", "yellow", null,
        40.0 + i % 600, 30.0 + i % 400, author, "Participant " + author);
    Map<String, Object> rules = new HashMap<>(Map.of("board", BOARD, "maxNotes", BoardRules.MAX_NOTES_PER_BOARD,
        "mayWriteLocked", false));
    return expect(apply(new ApplyRequest(stream, "note.create", "c" + commands.incrementAndGet(), author,
        System.currentTimeMillis(), new Event.NoteCreated(note, null), rules)), "ok");
  }

  /** Moves, texts and colours in turn, as people edit. */
  private static NoteFields patch(int i) {
    return switch (i % 3) {
      case 0 -> new NoteFields(null, null, null, 120.0 + i % 500, 80.0 + i % 300);
      case 1 -> new NoteFields("Idée " + i + " reformulée : un café-rencontre pour les aînés", null, null, null, null);
      default -> new NoteFields(null, i % 2 == 0 ? "blue" : "pink", null, null, null);
    };
  }

  /** The note's author changes it: note i was created by author(i). */
  private ApplyRequest request(String type, int i, Event body, Map<String, Object> rules) {
    return new ApplyRequest(stream, type, "c" + commands.incrementAndGet(), author(i), System.currentTimeMillis(), body, rules);
  }

  private static String author(int i) {
    return "p_bench" + (i % 40);
  }

  private static Map<String, Object> noteRules() {
    return Map.of("board", BOARD, "mayWriteLocked", false, "moderates", false, "name", "Participant",
        "maxNotes", BoardRules.MAX_NOTES_PER_BOARD, "maxText", 280);
  }

  private static Future<Void> expect(Future<StreamStore.Outcome> outcome, String status) {
    return outcome.compose(o -> status.equals(o.status()) ? Future.<Void>succeededFuture()
        : Future.failedFuture("expected " + status + ", got " + o.status()));
  }

  /** n applies, IN_FLIGHT at a time, as a node's pool sends them. */
  private static Future<Void> run(int n, IntFunction<Future<Void>> apply) {
    Promise<Void> done = Promise.promise();
    AtomicInteger next = new AtomicInteger();
    AtomicInteger finished = new AtomicInteger();
    List<Runnable> lanes = new ArrayList<>();
    for (int lane = 0; lane < Math.min(IN_FLIGHT, n); lane++) {
      lanes.add(new Runnable() {
        @Override
        public void run() {
          int i = next.getAndIncrement();
          if (i >= n) {
            return;
          }
          apply.apply(i).onComplete(result -> {
            if (result.failed()) {
              done.tryFail(result.cause());
            } else if (finished.incrementAndGet() == n) {
              done.tryComplete();
            } else {
              this.run();
            }
          });
        }
      });
    }
    lanes.forEach(Runnable::run);
    return done.future();
  }

  private Map<String, String> info(String section) {
    Map<String, String> fields = new HashMap<>();
    for (String line : redis.send(Request.cmd(Command.INFO).arg(section)).await().toString().split("\r?\n")) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        fields.put(line.substring(0, colon), line.substring(colon + 1).trim());
      }
    }
    return fields;
  }

  private double cpuSeconds() {
    Map<String, String> cpu = info("cpu");
    return Double.parseDouble(cpu.get("used_cpu_user")) + Double.parseDouble(cpu.get("used_cpu_sys"));
  }

  /** {@code calls=3,usec=12,usec_per_call=4.00,...} as a map. */
  private static Map<String, String> stats(String line) {
    Map<String, String> fields = new HashMap<>();
    for (String field : line.split(",")) {
      String[] pair = field.split("=", 2);
      fields.put(pair[0], pair[1]);
    }
    return fields;
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }

  private static double min(double[] values) {
    return Arrays.stream(values).min().orElse(Double.NaN);
  }

  private static String format(double[] values) {
    StringBuilder text = new StringBuilder();
    for (double value : values) {
      text.append(String.format(Locale.ROOT, "%.2f ", value));
    }
    return text.toString().trim();
  }
}
