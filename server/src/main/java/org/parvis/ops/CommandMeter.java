package org.parvis.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.eventbus.DeliveryContext;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Measures every command where it crosses the event bus: counted when the bridge sends it to the
 * command address, timed and counted by outcome ("ok" or the error code) when its answer goes back.
 * The command router does not know it is measured. The commands sent and not yet answered are the
 * node's in-flight work, which a graceful shutdown waits for.
 */
public final class CommandMeter {

  /** A command never answered (its sender's node vanished) is forgotten beyond this many. */
  private static final int MAX_TRACKED = 100_000;

  private final String commandAddress;
  private final MeterRegistry registry;
  private final Timer latency;
  private final Map<String, Long> startedByReplyAddress = new ConcurrentHashMap<>();
  /** Looked up here rather than in the registry, which builds a meter id for every lookup. */
  private final Map<String, Counter> answeredByOutcome = new ConcurrentHashMap<>();

  public CommandMeter(String commandAddress, MeterRegistry registry) {
    this.commandAddress = commandAddress;
    this.registry = registry;
    this.latency = Timer.builder("parvis.command.latency")
        .description("From a command reaching the command address to its answer, storage included")
        .publishPercentileHistogram()
        .register(registry);
    registry.gauge("parvis.commands.in.flight", startedByReplyAddress, Map::size);
  }

  public void attachTo(EventBus eventBus) {
    eventBus.addOutboundInterceptor(this::observe);
  }

  public int inFlight() {
    return startedByReplyAddress.size();
  }

  private void observe(DeliveryContext<Object> delivery) {
    String address = delivery.message().address();
    if (commandAddress.equals(address)) {
      String replyAddress = delivery.message().replyAddress();
      if (replyAddress != null && startedByReplyAddress.size() < MAX_TRACKED) {
        startedByReplyAddress.put(replyAddress, System.nanoTime());
      }
    } else if (!startedByReplyAddress.isEmpty()) {
      Long started = startedByReplyAddress.remove(address);
      if (started != null) {
        latency.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        answered(outcomeOf(delivery.body())).increment();
      }
    }
    delivery.next();
  }

  private Counter answered(String outcome) {
    Counter counter = answeredByOutcome.get(outcome);
    return counter != null ? counter : answeredByOutcome.computeIfAbsent(outcome, none -> Counter.builder("parvis.commands")
        .description("Commands answered, by outcome (ok or the error code)").tag("outcome", outcome).register(registry));
  }

  private static String outcomeOf(Object answer) {
    if (answer instanceof JsonObject json && !json.getBoolean("ok", false)) {
      return json.getString("error", "unknown");
    }
    return "ok";
  }
}
