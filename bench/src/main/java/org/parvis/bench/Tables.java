package org.parvis.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** Human-readable tables of driver reports, and the comparison of two of them. */
public final class Tables {

  private Tables() {}

  record Column(String title, Function<JsonObject, String> value) {}

  static final List<Column> STEP_COLUMNS = List.of(
      new Column("W", s -> num(s, "workshops")),
      new Column("clients", s -> num(s, "clientsConnected") + "/" + num(s, "clientsTarget")),
      new Column("conn err", s -> num(s, "connectionErrors")),
      new Column("edits/s", s -> num(s, "editsPerSec")),
      new Column("frames in/s", s -> num(s, "framesReceivedPerSec")),
      new Column("p50 ms", s -> lat(s, "p50")),
      new Column("p99 ms", s -> lat(s, "p99")),
      new Column("p99.9 ms", s -> lat(s, "p999")),
      new Column("max ms", s -> lat(s, "max")),
      new Column("ack p99", s -> sub(s, "ackLatencyMs", "p99")),
      new Column("drv lag p99/max ms", s -> sub(s, "driverLoopLagMs", "p99") + "/" + sub(s, "driverLoopLagMs", "max")),
      new Column("lost", s -> num(s, "lost")),
      new Column("dup", s -> num(s, "duplicates")),
      new Column("cmd errors", s -> errors(s.getJsonObject("commandErrors"))),
      new Column("drv cores", s -> num(s, "driverCpuCores")),
      new Column("drv GC pause max ms", s -> num(s, "driverGcMaxPauseMs")),
      new Column("srv cores", s -> num(s, "serverCpuCores")),
      new Column("redis cores", s -> num(s, "redisCpuCores")),
      new Column("CPU ms/1k frames", s -> format(cpuMsPerThousandFrames(s))),
      new Column("machine %", s -> num(s, "machineCpuBusyPercent")),
      new Column("other cores", s -> num(s, "otherCpuCores")),
      new Column("srv RSS MB", s -> num(s, "serverRssMb")),
      new Column("heap MB", s -> num(s, "serverHeapUsedMb")));

  public static String report(JsonObject report) {
    StringBuilder out = new StringBuilder();
    JsonObject machine = report.getJsonObject("machine", new JsonObject());
    out.append("== ").append(report.getString("label")).append(" at ").append(report.getString("server"))
        .append(" — ").append(machine.getValue("nproc")).append(" cores, ").append(machine.getString("cpuModel"))
        .append(", ").append(machine.getValue("memTotalGiB")).append(" GiB\n");
    JsonObject idle = report.getJsonObject("idle");
    if (idle != null) {
      out.append(idle(idle)).append('\n');
    }
    JsonObject storm = report.getJsonObject("storm");
    if (storm != null) {
      out.append(storm(storm));
      out.append(boards(report.getJsonArray("boards")));
    }
    JsonArray steps = report.getJsonArray("steps");
    if (steps != null) {
      out.append(table(steps));
      JsonObject totals = report.getJsonObject("totals");
      out.append("totals: ").append(totals.encode()).append('\n');
      out.append(boards(report.getJsonArray("boards")));
    }
    JsonArray samples = report.getJsonArray("connectionErrorSamples");
    if (samples != null && !samples.isEmpty()) {
      out.append("connection error samples:\n");
      for (int i = 0; i < Math.min(5, samples.size()); i++) {
        out.append("  ").append(samples.getString(i)).append('\n');
      }
    }
    return out.toString();
  }

  /**
   * One line of a join storm's outcome. The driver's loop lag (how late a 10 ms timer fired on the
   * editors' loops, and on the joiners') is the part of the editors' ack times that is the driver's.
   */
  static String stormLine(JsonObject storm) {
    JsonObject join = storm.getJsonObject("joinMs");
    JsonObject ack = storm.getJsonObject("ackMs");
    return String.format(Locale.ROOT,
        "join storm: %s/%s joined (%s failed) in %s s; join p50 %s p99 %s max %s ms (HTTP join p99 %s ms); "
            + "editors' ack p99 %s max %s ms at %s edits/s; driver's loop lag p99/max: editors' %s/%s ms, "
            + "%s; server %s + Redis %s cores; load average %s",
        storm.getValue("joined"), storm.getValue("joiners"), storm.getValue("joinFailed"),
        storm.getValue("allJoinedSeconds"), join.getValue("p50"), join.getValue("p99"), join.getValue("max"),
        storm.getJsonObject("httpJoinMs").getValue("p99"), ack.getValue("p99"), ack.getValue("max"),
        storm.getValue("editsPerSec"), sub(storm, "editorsLoopLagMs", "p99"), sub(storm, "editorsLoopLagMs", "max"),
        Boolean.FALSE.equals(storm.getBoolean("joinersOwnLoops")) ? "joiners on the editors' loops"
            : "joiners' " + sub(storm, "joinersLoopLagMs", "p99") + "/" + sub(storm, "joinersLoopLagMs", "max") + " ms",
        storm.getValue("serverCpuCores"), storm.getValue("redisCpuCores"), storm.getValue("loadAverage"));
  }

  /** A join storm: its line, then the editors' ack p99, the driver's lag on their loops and the joins done, second by second. */
  static String storm(JsonObject storm) {
    StringBuilder out = new StringBuilder(stormLine(storm)).append("; lost ").append(storm.getValue("lost"))
        .append("; command errors ").append(storm.getJsonObject("commandErrors").encode()).append('\n');
    out.append("  s  | joined | acks | ack p99 ms | ack max ms | delivery p99 ms | drv lag p99 ms | drv lag max ms | srv cores | redis cores\n");
    JsonArray seconds = storm.getJsonArray("perSecond");
    for (int i = 0; i < seconds.size(); i++) {
      JsonObject s = seconds.getJsonObject(i);
      out.append(String.format(Locale.ROOT, "  %-3s| %6s | %4s | %10s | %10s | %15s | %14s | %14s | %9s | %s%n", s.getValue("s"),
          s.getValue("joined"), s.getValue("acks"), s.getValue("ackP99Ms"), s.getValue("ackMaxMs"),
          s.getValue("deliveryP99Ms"), num(s, "loopLagP99Ms"), num(s, "loopLagMaxMs"), num(s, "serverCores"),
          num(s, "redisCores")));
    }
    return out.toString();
  }

  static String idle(JsonObject idle) {
    return String.format(Locale.ROOT,
        "idle clients: %s connected of %s; server RSS %s -> %s KiB (%s KiB per client), heap after GC %s -> %s KiB (%s KiB per client)",
        idle.getValue("clientsConnected"), idle.getValue("clientsRequested"), idle.getValue("rssBeforeKb"),
        idle.getValue("rssAfterKb"), idle.getValue("rssPerClientKb"), idle.getValue("heapBeforeKb"),
        idle.getValue("heapAfterKb"), idle.getValue("heapPerClientKb"));
  }

  public static String table(JsonArray steps) {
    List<JsonObject> rows = new ArrayList<>();
    for (int i = 0; i < steps.size(); i++) {
      rows.add(steps.getJsonObject(i));
    }
    return grid(STEP_COLUMNS, rows);
  }

  static String grid(List<Column> columns, List<JsonObject> rows) {
    List<String[]> cells = new ArrayList<>();
    String[] header = columns.stream().map(Column::title).toArray(String[]::new);
    cells.add(header);
    for (JsonObject row : rows) {
      cells.add(columns.stream().map(c -> c.value().apply(row)).toArray(String[]::new));
    }
    int[] widths = new int[columns.size()];
    for (String[] line : cells) {
      for (int i = 0; i < line.length; i++) {
        widths[i] = Math.max(widths[i], line[i].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (int r = 0; r < cells.size(); r++) {
      String[] line = cells.get(r);
      for (int i = 0; i < line.length; i++) {
        out.append(i == 0 ? "| " : " | ").append(pad(line[i], widths[i]));
      }
      out.append(" |\n");
      if (r == 0) {
        for (int i = 0; i < line.length; i++) {
          out.append(i == 0 ? "|-" : "-|-").append("-".repeat(widths[i]));
        }
        out.append("-|\n");
      }
    }
    return out.toString();
  }

  static String boards(JsonArray boards) {
    if (boards == null) {
      return "";
    }
    int equal = 0;
    List<String> others = new ArrayList<>();
    StringBuilder all = new StringBuilder();
    for (int i = 0; i < boards.size(); i++) {
      JsonObject board = boards.getJsonObject(i);
      String status = board.getString("status");
      String line = "  board " + board.getString("board") + ": " + status
          + (board.containsKey("storedRev") ? " (rev " + board.getValue("storedRev") + ", " + board.getValue("storedNotes")
              + " notes, " + board.getValue("clientsEqual") + "/" + board.getValue("clients") + " clients equal)" : "")
          + (board.containsKey("differences") ? " " + board.getJsonArray("differences").encode() : "")
          + (board.containsKey("reason") ? " " + board.getString("reason") : "");
      all.append(line).append('\n');
      if ("equal".equals(status)) {
        equal++;
      } else {
        others.add(line);
      }
    }
    StringBuilder out = new StringBuilder("final check, replicas vs a fresh stream.sync: " + equal + "/" + boards.size()
        + " boards equal\n");
    if (boards.size() <= 24) {
      out.append(all);
    } else {
      others.stream().limit(40).forEach(line -> out.append(line).append('\n'));
    }
    return out.toString();
  }

  static String stepLine(JsonObject s) {
    return String.format(Locale.ROOT,
        "W=%s clients=%s/%s setup=%ss edits/s=%s frames/s=%s latency p50=%s p99=%s p99.9=%s max=%s ms, ack p99=%s ms,"
            + " dup=%s connErr=%s cmdErr=%s driver=%s cores, server=%s cores, redis=%s cores, machine=%s%%, other=%s cores"
            + "%n    p99 per second: %s",
        num(s, "workshops"), num(s, "clientsConnected"), num(s, "clientsTarget"), num(s, "setupSeconds"),
        num(s, "editsPerSec"), num(s, "framesReceivedPerSec"), lat(s, "p50"), lat(s, "p99"), lat(s, "p999"),
        lat(s, "max"), sub(s, "ackLatencyMs", "p99"), num(s, "duplicates"), num(s, "connectionErrors"),
        errors(s.getJsonObject("commandErrors")), num(s, "driverCpuCores"), num(s, "serverCpuCores"),
        num(s, "redisCpuCores"), num(s, "machineCpuBusyPercent"), num(s, "otherCpuCores"),
        s.getJsonArray("latencyPerSecondP99Ms", new JsonArray()).encode());
  }

  /** Largest W whose p99 is under the limit with nothing lost or duplicated, or 0. */
  public static int largestGood(JsonObject report, double p99LimitMs) {
    int best = 0;
    JsonArray steps = report.getJsonArray("steps", new JsonArray());
    for (int i = 0; i < steps.size(); i++) {
      JsonObject s = steps.getJsonObject(i);
      Object p99 = s.getJsonObject("latencyMs", new JsonObject()).getValue("p99");
      boolean good = p99 instanceof Number n && n.doubleValue() < p99LimitMs
          && s.getLong("lost", 1L) == 0 && s.getLong("duplicates", 1L) == 0;
      if (good) {
        best = Math.max(best, s.getInteger("workshops"));
      }
    }
    return best;
  }

  /** Parvis vs baseline, step by step (matched on W). */
  public static String compare(JsonObject parvis, JsonObject baseline) {
    JsonArray a = parvis.getJsonArray("steps", new JsonArray());
    JsonArray b = baseline.getJsonArray("steps", new JsonArray());
    List<JsonObject> rows = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      JsonObject p = a.getJsonObject(i);
      for (int j = 0; j < b.size(); j++) {
        JsonObject q = b.getJsonObject(j);
        if (q.getInteger("workshops").equals(p.getInteger("workshops"))) {
          rows.add(new JsonObject().put("p", p).put("b", q));
        }
      }
    }
    List<Column> columns = List.of(
        new Column("W", r -> num(r.getJsonObject("p"), "workshops")),
        new Column("edits/s P/B", r -> pair(r, "editsPerSec")),
        new Column("p50 ms P/B", r -> pairLat(r, "p50")),
        new Column("p99 ms P/B", r -> pairLat(r, "p99")),
        new Column("p99 ratio", r -> ratio(latency(r.getJsonObject("p"), "p99"), latency(r.getJsonObject("b"), "p99"))),
        new Column("p99.9 ms P/B", r -> pairLat(r, "p999")),
        new Column("max ms P/B", r -> pairLat(r, "max")),
        new Column("lost P/B", r -> pair(r, "lost")),
        new Column("srv cores P/B", r -> pair(r, "serverCpuCores")),
        new Column("srv cores ratio", r -> ratio(number(r.getJsonObject("p"), "serverCpuCores"),
            number(r.getJsonObject("b"), "serverCpuCores"))),
        new Column("ack p99 P/B", r -> sub(r.getJsonObject("p"), "ackLatencyMs", "p99") + " / "
            + sub(r.getJsonObject("b"), "ackLatencyMs", "p99")),
        new Column("CPU ms/1k frames P/B", r -> format(cpuMsPerThousandFrames(r.getJsonObject("p"))) + " / "
            + format(cpuMsPerThousandFrames(r.getJsonObject("b")))),
        new Column("CPU/frame ratio", r -> ratio(cpuMsPerThousandFrames(r.getJsonObject("p")),
            cpuMsPerThousandFrames(r.getJsonObject("b")))),
        new Column("drv cores P/B", r -> pair(r, "driverCpuCores")),
        new Column("machine % P/B", r -> pair(r, "machineCpuBusyPercent")),
        new Column("RSS MB P/B", r -> pair(r, "serverRssMb")));
    StringBuilder out = new StringBuilder(grid(columns, rows));
    int gp = largestGood(parvis, 100);
    int gb = largestGood(baseline, 100);
    out.append(String.format(Locale.ROOT,
        "largest W with p99 < 100 ms and nothing lost: Parvis %d, baseline %d, ratio %s%n", gp, gb,
        gb == 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", gp / (double) gb)));
    int gp50 = largestGood(parvis, 50);
    int gb50 = largestGood(baseline, 50);
    out.append(String.format(Locale.ROOT,
        "largest W with p99 < 50 ms and nothing lost:  Parvis %d, baseline %d, ratio %s%n", gp50, gb50,
        gb50 == 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", gp50 / (double) gb50)));
    return out.toString();
  }

  private static String pair(JsonObject row, String field) {
    return num(row.getJsonObject("p"), field) + " / " + num(row.getJsonObject("b"), field);
  }

  private static String pairLat(JsonObject row, String field) {
    return lat(row.getJsonObject("p"), field) + " / " + lat(row.getJsonObject("b"), field);
  }

  private static String ratio(Double a, Double b) {
    if (a == null || b == null || b == 0) {
      return "-";
    }
    return String.format(Locale.ROOT, "%.1fx", a / b);
  }

  /**
   * Server + Redis CPU time per 1,000 frames delivered to clients: what persistence, authorization and
   * fan-out cost per frame, comparable between Parvis and the baseline (which has no Redis).
   */
  static Double cpuMsPerThousandFrames(JsonObject step) {
    Double server = number(step, "serverCpuCores");
    Double frames = number(step, "framesReceivedPerSec");
    if (server == null || frames == null || frames == 0) {
      return null;
    }
    Double redis = number(step, "redisCpuCores");
    return (server + (redis == null ? 0 : redis)) * 1_000 * 1_000 / frames;
  }

  private static Double latency(JsonObject step, String field) {
    Object v = step.getJsonObject("latencyMs", new JsonObject()).getValue(field);
    return v instanceof Number n ? n.doubleValue() : null;
  }

  private static Double number(JsonObject step, String field) {
    Object v = step.getValue(field);
    return v instanceof Number n ? n.doubleValue() : null;
  }

  private static String lat(JsonObject step, String field) {
    return sub(step, "latencyMs", field);
  }

  private static String sub(JsonObject step, String object, String field) {
    JsonObject inner = step.getJsonObject(object);
    return inner == null ? "-" : format(inner.getValue(field));
  }

  private static String num(JsonObject step, String field) {
    return format(step.getValue(field));
  }

  private static String format(Object value) {
    if (value == null) {
      return "-";
    }
    if (value instanceof Double d) {
      if (d == Math.rint(d) && Math.abs(d) < 1e15) {
        return Long.toString(d.longValue());
      }
      return String.format(Locale.ROOT, Math.abs(d) >= 100 ? "%.0f" : Math.abs(d) >= 10 ? "%.1f" : "%.2f", d);
    }
    return value.toString();
  }

  private static String errors(JsonObject errors) {
    if (errors == null || errors.isEmpty()) {
      return "0";
    }
    StringBuilder out = new StringBuilder();
    errors.forEach(entry -> out.append(out.length() == 0 ? "" : " ").append(entry.getKey()).append('=').append(entry.getValue()));
    return out.toString();
  }

  private static String pad(String text, int width) {
    return text + " ".repeat(Math.max(0, width - text.length()));
  }
}
