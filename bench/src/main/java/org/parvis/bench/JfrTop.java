package org.parvis.bench;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarises a JFR recording's execution samples: the top methods by self time (top frame) and by
 * total time (anywhere on the stack), and the share of samples under a few packages of interest.
 * Usage: java -cp parvis-bench.jar org.parvis.bench.JfrTop recording.jfr [top N] [method,substrings,to,probe]
 */
public final class JfrTop {

  private static final List<String> AREAS = List.of(
      "io.vertx.ext.web.handler.sockjs", "io.vertx.core.eventbus", "io.vertx.core.json", "com.fasterxml.jackson",
      "io.vertx.redis", "org.parvis", "java.util.regex", "io.netty.handler.codec.http.websocketx",
      "io.netty.channel", "sun.nio.ch");

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    int top = args.length > 1 ? Integer.parseInt(args[1]) : 25;
    List<String> probes = args.length > 2 ? List.of(args[2].split(",")) : List.of(
        "EventBusBridgeImpl.deliverMessage", "EventBusBridgeImpl.checkCallHook", "MessageImpl.copyBeforeReceive",
        "EventBusBridgeImpl.checkMatches", "JsonObject.encode", "BridgeGuard.handle", "CommandRouter.answer",
        "BoardCommands.handle", "EventRelayVerticle.onPush", "io.vertx.redis.client.impl.RedisConnectionImpl.handle",
        "WebSocketImplBase.writeBinaryMessage", "EventBusImpl.publish", "java.util.logging.Logger.log",
        "SingleThreadEventExecutor.execute", "EventFD.set");
    Map<String, Integer> probed = new HashMap<>();
    Map<String, Long> allocationsByClass = new HashMap<>();
    Map<String, Long> allocationsByProbe = new HashMap<>();
    long allocatedBytes = 0;
    Map<String, Integer> self = new HashMap<>();
    Map<String, Integer> total = new HashMap<>();
    Map<String, Integer> areas = new HashMap<>();
    Map<String, Integer> threads = new HashMap<>();
    int samples = 0;
    try (RecordingFile recording = new RecordingFile(file)) {
      while (recording.hasMoreEvents()) {
        RecordedEvent event = recording.readEvent();
        if (event.getEventType().getName().equals("jdk.ObjectAllocationSample") && event.getStackTrace() != null) {
          long weight = event.getLong("weight");
          allocatedBytes += weight;
          allocationsByClass.merge(event.getClass("objectClass").getName(), weight, Long::sum);
          Set<String> seenAllocation = new HashSet<>();
          for (RecordedFrame frame : event.getStackTrace().getFrames()) {
            String name = name(frame);
            for (String probe : probes) {
              if (name.contains(probe) && seenAllocation.add(probe)) {
                allocationsByProbe.merge(probe, weight, Long::sum);
              }
            }
          }
          continue;
        }
        if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
          continue;
        }
        samples++;
        List<RecordedFrame> frames = event.getStackTrace().getFrames();
        if (frames.isEmpty()) {
          continue;
        }
        String thread = event.getThread("sampledThread") == null ? "?" : event.getThread("sampledThread").getJavaName();
        threads.merge(thread == null ? "?" : thread.replaceAll("[0-9]+", "N"), 1, Integer::sum);
        self.merge(name(frames.get(0)), 1, Integer::sum);
        Set<String> seen = new HashSet<>();
        Set<String> seenAreas = new HashSet<>();
        Set<String> seenProbes = new HashSet<>();
        for (RecordedFrame frame : frames) {
          String name = name(frame);
          for (String probe : probes) {
            if (name.contains(probe) && seenProbes.add(probe)) {
              probed.merge(probe, 1, Integer::sum);
            }
          }
          if (seen.add(name)) {
            total.merge(name, 1, Integer::sum);
          }
          for (String area : AREAS) {
            if (name.startsWith(area) && seenAreas.add(area)) {
              areas.merge(area, 1, Integer::sum);
            }
          }
        }
      }
    }
    System.out.println("execution samples: " + samples);
    print("top methods by self samples (top frame)", self, samples, top);
    print("top methods by total samples (anywhere on the stack)", total, samples, top);
    print("samples with a frame of this package on the stack", areas, samples, AREAS.size());
    print("samples with this method on the stack (inclusive)", probed, samples, probes.size());
    print("samples by thread", threads, samples, 10);
    System.out.println();
    System.out.printf("== allocation samples: %.0f MB in total (JFR's estimate)%n", allocatedBytes / 1e6);
    printBytes("allocated bytes by class", allocationsByClass, allocatedBytes, top);
    printBytes("allocated bytes with this method on the stack (inclusive)", allocationsByProbe, allocatedBytes,
        probes.size());
  }

  private static void printBytes(String title, Map<String, Long> bytes, long total, int top) {
    System.out.println();
    System.out.println("== " + title);
    bytes.entrySet().stream()
        .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
        .limit(top)
        .forEach(e -> System.out.printf("%6.1f%%  %8.1f MB  %s%n", 100.0 * e.getValue() / Math.max(1, total),
            e.getValue() / 1e6, e.getKey()));
  }

  private static String name(RecordedFrame frame) {
    return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
  }

  private static void print(String title, Map<String, Integer> counts, int samples, int top) {
    System.out.println();
    System.out.println("== " + title);
    counts.entrySet().stream()
        .sorted((a, b) -> Integer.compare(b.getValue(), a.getValue()))
        .limit(top)
        .forEach(e -> System.out.printf("%6.1f%%  %6d  %s%n", 100.0 * e.getValue() / Math.max(1, samples), e.getValue(),
            e.getKey()));
  }
}
