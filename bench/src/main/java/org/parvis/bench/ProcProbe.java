package org.parvis.bench;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** CPU, RSS and heap of this process, of the machine and of other processes, from /proc, jstat and jcmd. */
final class ProcProbe {

  private static final long CLOCK_TICKS = clockTicks();

  private ProcProbe() {}

  /** A point-in-time reading; differences of two readings give CPU use over the interval. */
  record Sample(long nanos, long driverCpuNanos, long machineTotalTicks, long machineIdleTicks, long serverTicks,
      long redisTicks) {

    static Sample take(Long serverPid, Long redisPid) {
      long[] machine = machineTicks();
      return new Sample(System.nanoTime(), ProcProbe.driverCpuNanos(), machine[0], machine[1],
          serverPid == null ? -1 : processTicks(serverPid), redisPid == null ? -1 : processTicks(redisPid));
    }

    double seconds(Sample later) {
      return (later.nanos - nanos) / 1e9;
    }

    double driverCores(Sample later) {
      return (later.driverCpuNanos - driverCpuNanos) / (double) (later.nanos - nanos);
    }

    double machineBusyPercent(Sample later) {
      long total = later.machineTotalTicks - machineTotalTicks;
      long idle = later.machineIdleTicks - machineIdleTicks;
      return total <= 0 ? -1 : 100.0 * (total - idle) / total;
    }

    double serverCores(Sample later) {
      return serverTicks < 0 || later.serverTicks < 0 ? -1
          : (later.serverTicks - serverTicks) / (double) CLOCK_TICKS / seconds(later);
    }

    double redisCores(Sample later) {
      return redisTicks < 0 || later.redisTicks < 0 ? -1
          : (later.redisTicks - redisTicks) / (double) CLOCK_TICKS / seconds(later);
    }
  }

  static long driverCpuNanos() {
    var os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      return sun.getProcessCpuTime();
    }
    return -1;
  }

  /** This JVM's GC pauses as reported by GC notifications: count, total and longest, since the last reset. */
  static final class GcPauses {
    private final java.util.concurrent.atomic.AtomicLong count = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong totalMs = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong maxMs = new java.util.concurrent.atomic.AtomicLong();

    GcPauses() {
      for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
        if (gc instanceof javax.management.NotificationEmitter emitter) {
          emitter.addNotificationListener((notification, handback) -> {
            if (com.sun.management.GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION
                .equals(notification.getType())) {
              var info = com.sun.management.GarbageCollectionNotificationInfo.from(
                  (javax.management.openmbean.CompositeData) notification.getUserData());
              // Concurrent work is no pause: G1 "Concurrent GC" (JDK 20+), ZGC "ZGC Cycles".
              if (!info.getGcName().contains("Concurrent") && !info.getGcName().contains("Cycles")) {
                long ms = info.getGcInfo().getDuration();
                count.incrementAndGet();
                totalMs.addAndGet(ms);
                maxMs.accumulateAndGet(ms, Math::max);
              }
            }
          }, null, null);
        }
      }
    }

    /** {count, totalMs, maxMs} since the previous call. */
    long[] takeAndReset() {
      return new long[] {count.getAndSet(0), totalMs.getAndSet(0), maxMs.getAndSet(0)};
    }
  }

  /** Total GC time of this JVM so far, in milliseconds. */
  static long driverGcMillis() {
    long total = 0;
    for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      total += Math.max(0, gc.getCollectionTime());
    }
    return total;
  }

  /** com.sun.management's process CPU load: this JVM's share of all cores, 0 to 1. */
  static double driverCpuLoad() {
    var os = ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuLoad() : -1;
  }

  /**
   * CPU of a process and of the children it forks (Redis's append-only-file rewrites), in clock
   * ticks: its utime + stime, its ended children's (cutime + cstime, once reaped) and its running
   * children's so far, so the total only grows; -1 if it cannot be read.
   */
  static long processTicks(long pid) {
    try {
      String[] fields = statFields(pid);
      long ticks = 0;
      for (int field = 11; field <= 14; field++) {
        ticks += Long.parseLong(fields[field]);
      }
      return ticks + runningChildrenTicks(pid);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  private static long runningChildrenTicks(long pid) throws IOException {
    long ticks = 0;
    try (var threads = Files.list(Path.of("/proc/" + pid + "/task"))) {
      for (Path thread : threads.toList()) {
        String children = Files.readString(thread.resolve("children")).trim();
        for (String child : children.isEmpty() ? new String[0] : children.split(" ")) {
          ticks += Math.max(0, processTicks(Long.parseLong(child)));
        }
      }
    } catch (NoSuchFileException gone) {
      // the process or one of its threads ended meanwhile
    }
    return ticks;
  }

  private static String[] statFields(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
  }

  /** VmRSS of a process in KiB; -1 if it cannot be read. */
  static long rssKb(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | RuntimeException e) {
      // gone
    }
    return -1;
  }

  /** {total, idle+iowait} ticks of the whole machine. */
  static long[] machineTicks() {
    try {
      String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      long total = 0;
      for (int i = 1; i < cpu.length && i <= 8; i++) {
        total += Long.parseLong(cpu[i]);
      }
      return new long[] {total, Long.parseLong(cpu[4]) + Long.parseLong(cpu[5])};
    } catch (IOException | RuntimeException e) {
      return new long[] {0, 0};
    }
  }

  /** Heap use and GC time of a JVM from {@code jstat -gc}: heapUsedKb, gcSeconds, youngGcs, fullGcs. */
  static JsonObject jstat(long pid) {
    List<String> lines = run(10, "jstat", "-gc", Long.toString(pid));
    JsonObject out = new JsonObject();
    if (lines.size() < 2) {
      return out;
    }
    String[] names = lines.get(0).trim().split("\\s+");
    String[] values = lines.get(1).trim().split("\\s+");
    double used = 0;
    for (int i = 0; i < names.length && i < values.length; i++) {
      try {
        double value = Double.parseDouble(values[i]);
        switch (names[i]) {
          case "S0U", "S1U", "EU", "OU" -> used += value;
          case "GCT" -> out.put("gcSeconds", value);
          case "YGC" -> out.put("youngGcs", (long) value);
          case "FGC" -> out.put("fullGcs", (long) value);
          default -> { }
        }
      } catch (NumberFormatException ignored) {
        // "-" for a column this collector does not have
      }
    }
    return out.put("heapUsedKb", (long) used);
  }

  /**
   * Bytes of live objects, from the total of {@code jcmd GC.class_histogram} (which collects first):
   * the same measure whatever the collector. ZGC's used heap after {@code GC.run} counts whole pages
   * and moved by tens of MB either way for the same clients.
   */
  static Long liveHeapKb(long pid) {
    List<String> lines = run(60, "jcmd", Long.toString(pid), "GC.class_histogram");
    for (int i = lines.size() - 1; i >= 0; i--) {
      String[] fields = lines.get(i).trim().split("\\s+");
      if (fields.length == 3 && fields[0].equals("Total")) {
        return Long.parseLong(fields[2]) / 1024;
      }
    }
    return null;
  }

  static void gcRun(long pid) {
    run(30, "jcmd", Long.toString(pid), "GC.run");
  }

  static List<String> jfrStart(long pid, int seconds, Path file) {
    return run(30, "jcmd", Long.toString(pid), "JFR.start", "name=parvis-bench", "settings=profile",
        "duration=" + seconds + "s", "filename=" + file.toAbsolutePath());
  }

  /** The machine's load average over 1, 5 and 15 minutes, as /proc/loadavg gives it. */
  static String loadAverage() {
    try {
      String[] fields = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim().split("\\s+");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (java.io.IOException | RuntimeException e) {
      return "?";
    }
  }

  static String cpuModel() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException e) {
      // not Linux
    }
    return "unknown";
  }

  static long memTotalKb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux
    }
    return -1;
  }

  /** Runs a short command with a time limit; its output lines, or none. */
  static List<String> run(long timeoutSeconds, String... command) {
    Path output = null;
    try {
      output = Files.createTempFile("parvis-bench", ".out");
      Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
      return new ArrayList<>(List.of(Files.readString(output, StandardCharsets.UTF_8).split("\n")));
    } catch (IOException e) {
      return List.of();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return List.of();
    } finally {
      if (output != null) {
        try {
          Files.deleteIfExists(output);
        } catch (IOException ignored) {
          // temp file
        }
      }
    }
  }

  private static long clockTicks() {
    List<String> answer = run(5, "getconf", "CLK_TCK");
    try {
      return answer.isEmpty() ? 100 : Long.parseLong(answer.get(0).trim());
    } catch (NumberFormatException e) {
      return 100;
    }
  }
}
