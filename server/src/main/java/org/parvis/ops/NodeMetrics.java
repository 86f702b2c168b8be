package org.parvis.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.ext.web.RoutingContext;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * The metrics of one node, in Prometheus's text format at /metrics: Vert.x's own (HTTP and
 * WebSocket connections, event bus, pools including Redis's), the JVM's, and Parvis's commands and
 * refusals. One registry per node, so two nodes in one JVM (tests) do not mix their counts.
 */
public final class NodeMetrics {

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  /** A Vert.x instance that reports into this node's registry. */
  public Vertx newVertx() {
    MicrometerMetricsOptions metrics = new MicrometerMetricsOptions().setEnabled(true).setJvmMetricsEnabled(true)
        // Its HTTP server meters throw on a connection reset before its first request (a null socket
        // metric, vertx-micrometer-metrics 5.0.12), which leaves that connection unanswered and open.
        // Bridge sockets are counted by Parvis itself (parvis_bridge_sockets).
        .addDisabledMetricsCategory(MetricsDomain.HTTP_SERVER);
    return Vertx.builder()
        .with(new VertxOptions().setMetricsOptions(metrics))
        .withMetrics(new MicrometerMetricsFactory(registry))
        .build();
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** A refusal answered over HTTP (join, create, too many requests...), by its error code. */
  public void countHttpRefusal(String code) {
    Counter.builder("parvis.http.refusals").description("HTTP requests refused, by error code")
        .tag("code", code).register(registry).increment();
  }

  /** The scrape endpoint; with a token, only a request bearing it (Authorization: Bearer) is answered. */
  public Handler<RoutingContext> scrapeHandler(Optional<String> token) {
    Handler<RoutingContext> scrape = PrometheusScrapingHandler.create(registry);
    if (token.isEmpty()) {
      return scrape;
    }
    byte[] expected = ("Bearer " + token.get()).getBytes(StandardCharsets.UTF_8);
    return ctx -> {
      String given = Optional.ofNullable(ctx.request().getHeader("Authorization")).orElse("");
      if (MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8))) {
        scrape.handle(ctx);
      } else {
        ctx.response().setStatusCode(401).putHeader("WWW-Authenticate", "Bearer").end();
      }
    };
  }
}
