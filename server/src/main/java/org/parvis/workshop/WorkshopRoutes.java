package org.parvis.workshop;

import java.util.function.BiFunction;
import java.util.function.Function;
import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;
import java.util.Map;
import org.parvis.ops.HttpRefusals;
import org.parvis.sync.RejectedException;
import org.parvis.sync.Rejection;
import org.parvis.sync.Verdict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of workshops: create one, preview a join code, join, read one's session; and the
 * animators' revocations: remove a participant, a new join code or observer link, delete the workshop.
 */
public final class WorkshopRoutes {

  private static final Logger LOG = LoggerFactory.getLogger(WorkshopRoutes.class);
  private static final long MAX_BODY_BYTES = 16 * 1024;
  private static final Map<String, Integer> STATUS = Map.of(
      "unknown_code", 404,
      "unknown_workshop", 404,
      "unknown_participant", 404,
      "invalid_token", 401,
      "forbidden", 403,
      "joining_closed", 403,
      "too_many_animators", 409,
      "charter_not_frozen", 404);

  private final WorkshopService service;
  private final WorkshopAdmin admin;
  private final WorkshopStore store;
  private final HttpRefusals refusals;
  private final List<Reading> readings;

  /** A GET a feature adds under /api/workshop: what the bearer of a token reads, as JSON (`:param`s in the path). */
  public record Reading(String path, BiFunction<Identity, RoutingContext, Future<JsonObject>> read) {}

  public WorkshopRoutes(WorkshopService service, WorkshopAdmin admin, WorkshopStore store, HttpRefusals refusals,
      List<Reading> readings) {
    this.service = service;
    this.admin = admin;
    this.store = store;
    this.refusals = refusals;
    this.readings = List.copyOf(readings);
  }

  public void mount(Router router) {
    BodyHandler bodies = BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES);
    router.post("/api/workshops").handler(bodies).handler(this::create);
    router.get("/api/join/:code").handler(this::preview);
    router.post("/api/join").handler(bodies).handler(this::join);
    router.get("/api/session").handler(this::session);
    router.get("/api/workshop/joining").handler(this::joining);
    router.post("/api/workshop/joining").handler(bodies).handler(this::setJoining);
    router.post("/api/animators").handler(bodies).handler(this::inviteAnimator);
    router.delete("/api/workshop/participants/:participant").handler(ctx ->
        reply(ctx, 200, bearerIdentity(ctx).compose(remover -> admin.removeParticipant(remover, ctx.pathParam("participant")))));
    router.post("/api/workshop/code").handler(bodies).handler(ctx -> reply(ctx, 200, bearerIdentity(ctx).compose(admin::newJoinCode)));
    router.post("/api/workshop/observer-link").handler(bodies)
        .handler(ctx -> reply(ctx, 200, bearerIdentity(ctx).compose(admin::newObserverLink)));
    router.delete("/api/workshop").handler(ctx -> reply(ctx, 200, bearerIdentity(ctx).compose(admin::delete)));
    readings.forEach(reading -> router.get(reading.path())
        .handler(ctx -> reply(ctx, 200, bearerIdentity(ctx).compose(identity -> reading.read().apply(identity, ctx)))));
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
    reply(ctx, 200, bearerIdentity(ctx).compose(service::session));
  }

  private void joining(RoutingContext ctx) {
    reply(ctx, 200, bearerIdentity(ctx).compose(service::joiningOpen));
  }

  private void inviteAnimator(RoutingContext ctx) {
    Verdict<Map<String, Object>> request = jsonBody(ctx);
    reply(ctx, 201, bearerIdentity(ctx).compose(inviter -> request.isAllowed()
        ? service.inviteAnimator(inviter, request.value())
        : Future.failedFuture(new RejectedException(request.rejection()))));
  }

  private void setJoining(RoutingContext ctx) {
    Verdict<Boolean> open = jsonBody(ctx).then(body -> body.get("open") instanceof Boolean value
        ? Verdict.allow(value)
        : Verdict.refuse(Rejection.invalidField("open", "open is true or false.")));
    reply(ctx, 200, open.isAllowed()
        ? bearerIdentity(ctx).compose(identity -> service.setJoiningOpen(identity, open.value()))
        : Future.failedFuture(new RejectedException(open.rejection())));
  }

  /** The identity the request's bearer token proves, or a failed future refusing it as invalid_token. */
  public Future<Identity> bearerIdentity(RoutingContext ctx) {
    return BearerToken.identify(store, ctx.request());
  }

  private <T> void answer(RoutingContext ctx, int status, Verdict<T> input, Function<T, Future<JsonObject>> action) {
    reply(ctx, status, input.isAllowed()
        ? action.apply(input.value())
        : Future.failedFuture(new RejectedException(input.rejection())));
  }

  private void reply(RoutingContext ctx, int status, Future<JsonObject> result) {
    reply(ctx, status, result, Map.of());
  }

  /** Answers with the result, or with the refusal (its HTTP status from this class's or the given ones; 400 else). */
  public void reply(RoutingContext ctx, int status, Future<JsonObject> result, Map<String, Integer> statuses) {
    result.onComplete(done -> {
      if (done.succeeded()) {
        send(ctx, status, done.result());
      } else if (done.cause() instanceof RejectedException rejected) {
        String code = rejected.rejection().code();
        refusals.refuse(ctx, statuses.getOrDefault(code, STATUS.getOrDefault(code, 400)), rejected.rejection());
      } else {
        LOG.warn("{} {} failed: {}", ctx.request().method(), ctx.request().path(), done.cause().toString());
        send(ctx, 503, new JsonObject().put("error", "unavailable")
            .put("message", "The server cannot reach its storage. Retry in a moment."));
      }
    });
  }

  private static void send(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
        .putHeader("Cache-Control", "no-store").end(body.encode());
  }

  public static Verdict<Map<String, Object>> jsonBody(RoutingContext ctx) {
    try {
      JsonObject body = ctx.body().asJsonObject();
      return body == null
          ? Verdict.refuse("invalid_json", "The request body must be a JSON object.")
          : Verdict.allow(body.getMap());
    } catch (DecodeException | ClassCastException e) {
      return Verdict.refuse("invalid_json", "The request body must be a JSON object.");
    }
  }
}
