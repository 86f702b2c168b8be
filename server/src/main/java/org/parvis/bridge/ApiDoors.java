package org.parvis.bridge;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.parvis.ops.ClientThrottle;
import org.parvis.ops.HttpRefusals;
import org.parvis.sync.Rejection;

/**
 * What a request to the HTTP API passes before it reaches a workshop: a JSON body must say it is
 * JSON (so a page of another site cannot post a form or text/plain in its visitors' name), join-code
 * lookups and joins are throttled per client address, and so is workshop creation, which may also
 * need the operator's creation key.
 */
final class ApiDoors {

  static final String CREATE_KEY_HEADER = "X-Parvis-Create-Key";

  private final HttpRefusals refusals;
  private final ClientThrottle joins;
  private final ClientThrottle creations;
  private final Optional<byte[]> createKey;

  ApiDoors(HttpRefusals refusals, ClientThrottle joins, ClientThrottle creations, Optional<String> createKey) {
    this.refusals = refusals;
    this.joins = joins;
    this.creations = creations;
    this.createKey = createKey.map(key -> key.getBytes(StandardCharsets.UTF_8));
  }

  /** Mount before the routes they guard. */
  void mount(Router router) {
    router.post("/api/*").handler(this::requireJson);
    router.get("/api/join/:code").handler(ctx -> throttle(ctx, joins));
    router.post("/api/join").handler(ctx -> throttle(ctx, joins));
    router.post("/api/workshops").handler(this::requireCreateKey).handler(ctx -> throttle(ctx, creations));
  }

  private void requireJson(RoutingContext ctx) {
    String contentType = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
    String mediaType = contentType == null ? "" : contentType.split(";", 2)[0].trim();
    if (mediaType.equalsIgnoreCase("application/json")) {
      ctx.next();
    } else {
      refusals.refuse(ctx, 415, Rejection.of("unsupported_media_type", "The request body must be sent as application/json."));
    }
  }

  private void requireCreateKey(RoutingContext ctx) {
    if (createKey.isEmpty()) {
      ctx.next();
      return;
    }
    String given = Optional.ofNullable(ctx.request().getHeader(CREATE_KEY_HEADER)).orElse("");
    if (MessageDigest.isEqual(createKey.get(), given.getBytes(StandardCharsets.UTF_8))) {
      ctx.next();
    } else {
      refusals.refuse(ctx, 403, Rejection.of("create_key_required",
          "Creating a workshop on this server needs its creation key: ask the person who runs it."));
    }
  }

  private void throttle(RoutingContext ctx, ClientThrottle throttle) {
    long wait = throttle.secondsToWait(refusals.clientOf(ctx));
    if (wait == 0) {
      ctx.next();
      return;
    }
    ctx.response().putHeader(HttpHeaders.RETRY_AFTER, Long.toString(wait));
    refusals.refuse(ctx, 429, Rejection.of("too_many_requests",
        "Too many attempts from this network: wait " + wait + " seconds, then try again."));
  }
}
