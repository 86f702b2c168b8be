package org.parvis.workshop;

import java.util.function.Function;
import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.Optional;
import org.parvis.sync.RejectedException;
import org.parvis.sync.Rejection;
import org.parvis.sync.Verdict;

/** The HTTP side of workshops: create one, preview a join code, join, read one's session. */
public final class WorkshopRoutes {

  private static final System.Logger LOG = System.getLogger(WorkshopRoutes.class.getName());
  private static final long MAX_BODY_BYTES = 16 * 1024;
  private static final Map<String, Integer> STATUS = Map.of(
      "unknown_code", 404,
      "unknown_workshop", 404,
      "invalid_token", 401,
      "forbidden", 403,
      "too_many_animators", 409);

  private final WorkshopService service;
  private final WorkshopStore store;

  public WorkshopRoutes(WorkshopService service, WorkshopStore store) {
    this.service = service;
    this.store = store;
  }

  public void mount(Router router) {
    BodyHandler bodies = BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES);
    router.post("/api/workshops").handler(bodies).handler(this::create);
    router.get("/api/join/:code").handler(this::preview);
    router.post("/api/join").handler(bodies).handler(this::join);
    router.get("/api/session").handler(this::session);
    router.post("/api/animators").handler(bodies).handler(this::inviteAnimator);
  }

  private void create(RoutingContext ctx) {
    answer(ctx, 201, jsonBody(ctx).then(WorkshopRules::plan), service::create);
  }

  private void preview(RoutingContext ctx) {
    answer(ctx, 200, Verdict.allow(ctx.pathParam("code")), service::preview);
  }

  private void join(RoutingContext ctx) {
    answer(ctx, 200, jsonBody(ctx).then(WorkshopRules::newcomer), service::join);
  }

  private void session(RoutingContext ctx) {
    reply(ctx, 200, bearer(ctx).compose(service::session));
  }

  private void inviteAnimator(RoutingContext ctx) {
    Verdict<Map<String, Object>> request = jsonBody(ctx);
    reply(ctx, 201, bearer(ctx).compose(inviter -> request.isAllowed()
        ? service.inviteAnimator(inviter, request.value())
        : Future.failedFuture(new RejectedException(request.rejection()))));
  }

  /** The identity the request's {@code Authorization: Bearer <token>} proves. */
  private Future<Identity> bearer(RoutingContext ctx) {
    String authorization = Optional.ofNullable(ctx.request().getHeader("Authorization")).orElse("");
    String token = authorization.startsWith("Bearer ") ? authorization.substring(7).trim() : "";
    return token.isEmpty() || token.length() > 64
        ? Future.failedFuture(invalidToken())
        : store.identityOf(token).compose(identity -> identity
            .map(Future::succeededFuture)
            .orElseGet(() -> Future.failedFuture(invalidToken())));
  }

  private static <T> void answer(RoutingContext ctx, int status, Verdict<T> input, Function<T, Future<JsonObject>> action) {
    reply(ctx, status, input.isAllowed()
        ? action.apply(input.value())
        : Future.failedFuture(new RejectedException(input.rejection())));
  }

  private static void reply(RoutingContext ctx, int status, Future<JsonObject> result) {
    result.onComplete(done -> {
      if (done.succeeded()) {
        send(ctx, status, done.result());
      } else if (done.cause() instanceof RejectedException rejected) {
        Rejection rejection = rejected.rejection();
        LOG.log(Level.INFO, "Refused {0} {1}: {2}", ctx.request().method(), ctx.request().path(), rejection.code());
        JsonObject error = new JsonObject().put("error", rejection.code()).put("message", rejection.message());
        if (rejection.field() != null) {
          error.put("field", rejection.field());
        }
        send(ctx, STATUS.getOrDefault(rejection.code(), 400), error);
      } else {
        LOG.log(Level.WARNING, "{0} {1} failed: {2}", ctx.request().method(), ctx.request().path(), done.cause().toString());
        send(ctx, 503, new JsonObject().put("error", "unavailable")
            .put("message", "The server cannot reach its storage. Retry in a moment."));
      }
    });
  }

  private static void send(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
        .putHeader("Cache-Control", "no-store").end(body.encode());
  }

  private static Verdict<Map<String, Object>> jsonBody(RoutingContext ctx) {
    try {
      JsonObject body = ctx.body().asJsonObject();
      return body == null
          ? Verdict.refuse("invalid_json", "The request body must be a JSON object.")
          : Verdict.allow(body.getMap());
    } catch (DecodeException | ClassCastException e) {
      return Verdict.refuse("invalid_json", "The request body must be a JSON object.");
    }
  }

  private static RejectedException invalidToken() {
    return new RejectedException(Rejection.of("invalid_token", "This link is not valid: ask the animator for a new one."));
  }
}
