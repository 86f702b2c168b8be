package org.parvis.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Recorder;

/** Counters and latency recorders shared by all clients; every one is safe to touch from any event loop. */
final class Stats {

  /** Send-to-arrival of an event at every client of the board other than the sender, in microseconds. */
  final Recorder latency = new Recorder(3);
  /** The same samples, read every second during a step window for the per-second timeline. */
  final Recorder latencyTick = new Recorder(2);
  /** Send-to-acknowledgement of an edit at its sender, in microseconds. */
  final Recorder ackLatency = new Recorder(3);
  /** The same samples, read every second of a join storm. */
  final Recorder ackTick = new Recorder(2);
  /** Join storm: from the join request to the first snapshot of the joiner's board, in microseconds. */
  final Recorder joinLatency = new Recorder(3);
  /** Join storm: the HTTP join alone (code, participant, token), in microseconds. */
  final Recorder httpJoinLatency = new Recorder(3);
  /**
   * How late a 10 ms timer fires on the driver's main loops (the editors' in a storm), in
   * microseconds: the driver's own delay, to tell apart from the server's in the latencies above.
   */
  final Recorder loopLag = new Recorder(2);
  /** The same samples, read every second of a join storm. */
  final Recorder loopLagTick = new Recorder(2);
  /** Join storm: the same on the joiners' loops. */
  final Recorder joinerLoopLag = new Recorder(2);

  final LongAdder framesReceived = new LongAdder();
  final LongAdder framesSent = new LongAdder();
  final LongAdder eventsReceived = new LongAdder();
  final LongAdder editsSent = new LongAdder();
  final LongAdder editsAcked = new LongAdder();
  final LongAdder duplicates = new LongAdder();
  final LongAdder outOfOrder = new LongAdder();
  final LongAdder gapResyncs = new LongAdder();
  final LongAdder serverResyncs = new LongAdder();
  final LongAdder xhrStreamReopens = new LongAdder();
  final LongAdder connectionErrors = new LongAdder();
  final Map<String, LongAdder> connectionErrorKinds = new ConcurrentHashMap<>();
  final Map<String, LongAdder> commandErrors = new ConcurrentHashMap<>();

  void connectionError(String kind) {
    connectionErrors.increment();
    connectionErrorKinds.computeIfAbsent(kind, k -> new LongAdder()).increment();
  }

  void commandError(String code) {
    commandErrors.computeIfAbsent(code, k -> new LongAdder()).increment();
  }

  static Map<String, Long> snapshot(Map<String, LongAdder> counters) {
    Map<String, Long> out = new TreeMap<>();
    counters.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  static Map<String, Long> delta(Map<String, Long> after, Map<String, Long> before) {
    Map<String, Long> out = new TreeMap<>();
    after.forEach((k, v) -> {
      long d = v - before.getOrDefault(k, 0L);
      if (d != 0) {
        out.put(k, d);
      }
    });
    return out;
  }
}
