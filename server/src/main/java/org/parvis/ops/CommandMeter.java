package org.parvis.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Measures every command from the moment the bridge takes it to its answer: timed, and counted by
 * outcome ("ok" or the error code). The commands taken and not yet answered are the node's in-flight
 * work, which a graceful shutdown waits for. Shared by the event loops of a node.
 */
public final class CommandMeter {

  private final MeterRegistry registry;
  private final Timer latency;
  private final AtomicInteger inFlight = new AtomicInteger();
  /** Looked up here rather than in the registry, which builds a meter id for every lookup. */
  private final Map<String, Counter> answeredByOutcome = new ConcurrentHashMap<>();

  public CommandMeter(MeterRegistry registry) {
    this.registry = registry;
    this.latency = Timer.builder("parvis.command.latency")
        .description("From a command reaching the server to its answer, storage included")
        .publishPercentileHistogram()
        .register(registry);
    registry.gauge("parvis.commands.in.flight", inFlight);
  }

  /** A command is taken; returns when, for {@link #answered}. */
  public long taken() {
    inFlight.incrementAndGet();
    return System.nanoTime();
  }

  public void answered(long takenNanos, JsonObject answer) {
    inFlight.decrementAndGet();
    latency.record(System.nanoTime() - takenNanos, TimeUnit.NANOSECONDS);
    answered(answer.getBoolean("ok", false) ? "ok" : answer.getString("error", "unknown")).increment();
  }

  public int inFlight() {
    return inFlight.get();
  }

  private Counter answered(String outcome) {
    Counter counter = answeredByOutcome.get(outcome);
    return counter != null ? counter : answeredByOutcome.computeIfAbsent(outcome, none -> Counter.builder("parvis.commands")
        .description("Commands answered, by outcome (ok or the error code)").tag("outcome", outcome).register(registry));
  }
}
