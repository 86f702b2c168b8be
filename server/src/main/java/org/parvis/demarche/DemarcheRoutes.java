package org.parvis.demarche;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.parvis.sync.RejectedException;
import org.parvis.sync.Verdict;
import org.parvis.workshop.WorkshopRoutes;

/**
 * The HTTP side of démarches: create one with its atelier 1, prepare the next atelier, read the
 * recap a workshop opens with, see who is new, the exhibition's gallery (its own token, which opens
 * nothing else), and delete a démarche with all its ateliers.
 */
public final class DemarcheRoutes {

  private static final long MAX_BODY_BYTES = 16 * 1024;
  private static final Map<String, Integer> STATUS = Map.of(
      "next_exists", 409,
      "demarche_complete", 409,
      "not_in_demarche", 409,
      "unknown_demarche", 404);

  private final DemarcheService service;
  private final WorkshopRoutes workshopRoutes;

  public DemarcheRoutes(DemarcheService service, WorkshopRoutes workshopRoutes) {
    this.service = service;
    this.workshopRoutes = workshopRoutes;
  }

  public void mount(Router router) {
    BodyHandler bodies = BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES);
    router.post("/api/demarches").handler(bodies).handler(ctx -> reply(ctx, 201, withBody(ctx, service::create)));
    router.post("/api/demarche/next").handler(bodies).handler(ctx -> reply(ctx, 201,
        workshopRoutes.bearerIdentity(ctx).compose(lead -> withBody(ctx, body -> service.next(lead, body)))));
    router.get("/api/demarche/recap").handler(ctx -> reply(ctx, 200, workshopRoutes.bearerIdentity(ctx).compose(service::recap)));
    router.get("/api/demarche/newcomers")
        .handler(ctx -> reply(ctx, 200, workshopRoutes.bearerIdentity(ctx).compose(service::newcomers)));
    router.delete("/api/demarche").handler(ctx -> reply(ctx, 200, workshopRoutes.bearerIdentity(ctx).compose(service::delete)));
    router.get("/api/gallery").handler(ctx -> reply(ctx, 200, service.gallery(bearer(ctx))));
  }

  private static Future<JsonObject> withBody(RoutingContext ctx, Function<Map<String, Object>, Future<JsonObject>> action) {
    Verdict<Map<String, Object>> body = WorkshopRoutes.jsonBody(ctx);
    return body.isAllowed() ? action.apply(body.value()) : Future.failedFuture(new RejectedException(body.rejection()));
  }

  private static String bearer(RoutingContext ctx) {
    String authorization = Optional.ofNullable(ctx.request().getHeader("Authorization")).orElse("");
    return authorization.startsWith("Bearer ") ? authorization.substring(7).trim() : "";
  }

  private void reply(RoutingContext ctx, int status, Future<JsonObject> result) {
    workshopRoutes.reply(ctx, status, result, STATUS);
  }
}
