package org.parvis.ops;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.parvis.sync.Rejection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the HTTP API says no: `{"error", "message", "field"?}` with its status, counted in the
 * metrics every time and logged at most once a minute per client, so a client cannot grow the log.
 */
public final class HttpRefusals {

  private static final Logger LOG = LoggerFactory.getLogger(HttpRefusals.class);

  private final NodeMetrics metrics;
  private final RefusalLog refusalLog;
  private final boolean trustProxy;

  public HttpRefusals(NodeMetrics metrics, RefusalLog refusalLog, boolean trustProxy) {
    this.metrics = metrics;
    this.refusalLog = refusalLog;
    this.trustProxy = trustProxy;
  }

  public String clientOf(RoutingContext ctx) {
    return ClientAddress.of(ctx.request().remoteAddress(), ctx.request().headers(), trustProxy);
  }

  public void refuse(RoutingContext ctx, int status, Rejection rejection) {
    metrics.countHttpRefusal(rejection.code());
    String client = clientOf(ctx);
    if (refusalLog.shouldLog(client)) {
      LOG.info("Refused {} {} from {}: {} (further refusals of this client for a minute only counted in /metrics)",
          ctx.request().method(), ctx.request().path(), client, rejection.code());
    }
    JsonObject error = new JsonObject().put("error", rejection.code()).put("message", rejection.message());
    if (rejection.field() != null) {
      error.put("field", rejection.field());
    }
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
        .putHeader("Cache-Control", "no-store").end(error.encode());
  }
}
