package org.parvis.bridge;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.CorsHandler;
import io.vertx.ext.web.handler.sockjs.BridgeEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import org.parvis.config.ParvisConfig;
import org.parvis.ops.ClientThrottle;
import org.parvis.ops.HttpRefusals;
import org.parvis.ops.NodeMetrics;
import org.parvis.protocol.Protocol;
import org.parvis.sync.Rejection;

/**
 * What a request passes before it reaches a workshop or the bridge. API: a JSON body must say it is
 * JSON (so a page of another site cannot post a form or text/plain in its visitors' name), join-code
 * lookups and joins are throttled per client address, and so is workshop creation, which may also
 * need the operator's creation key. Bridge: the allowed origin on every SockJS transport (the
 * bridge's own check covers WebSockets only) without credentials, and a cap on the connections of
 * one client address. One instance serves all the node's event loops, so limits are per node.
 */
public final class Doors {

  static final String CREATE_KEY_HEADER = "X-Parvis-Create-Key";
  /** The wire protocol this server speaks (docs/protocol.md); clients send theirs in this header. */
  static final int PROTOCOL_VERSION = Protocol.VERSION;
  static final String PROTOCOL_HEADER = "X-Parvis-Protocol";

  private final HttpRefusals refusals;
  private final ClientThrottle joins;
  private final ClientThrottle creations;
  private final Optional<byte[]> createKey;
  private final Optional<String> allowedOrigin;
  private final ConnectionCap connections;
  private final boolean trustProxy;

  public Doors(ParvisConfig config, HttpRefusals refusals, NodeMetrics metrics, LongSupplier nanoClock) {
    this.refusals = refusals;
    this.joins = new ClientThrottle(config.joinsPerMinute(), 60, nanoClock);
    this.creations = new ClientThrottle(config.creationsPerHour(), 3_600, nanoClock);
    this.createKey = config.createKey().map(key -> key.getBytes(StandardCharsets.UTF_8));
    this.allowedOrigin = config.allowedOrigin();
    this.connections = new ConnectionCap(config.maxConnectionsPerAddress());
    this.trustProxy = config.trustProxy();
    metrics.registry().gauge("parvis.bridge.sockets", connections, ConnectionCap::open);
  }

  /** The bridge's socket events pass through here before the guard. */
  Handler<BridgeEvent> socketDoor(Vertx vertx, Handler<BridgeEvent> guard) {
    return new SocketDoor(vertx, guard, connections, trustProxy);
  }

  /** Mount before the bridge. */
  void mountBridge(Router router, String bridgePath) {
    // With a CORS handler in front, SockJS no longer reflects any origin with credentials itself.
    CorsHandler cors = allowedOrigin.map(origin -> CorsHandler.create().addOrigin(origin)).orElseGet(CorsHandler::create)
        .allowCredentials(false)
        .allowedMethods(Set.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.OPTIONS))
        .allowedHeader("Content-Type");
    router.route(bridgePath).handler(cors);
  }

  /** Mount before the API routes. */
  void mountApi(Router router) {
    router.route("/api/*").handler(this::requireCurrentProtocol);
    // A photo's body is the picture itself; its bearer header already keeps other sites' pages out
    // (a cross-site request with it must pass a preflight this server does not grant).
    router.postWithRegex("/api/(?!photos$).*").handler(this::requireJson);
    router.get("/api/join/:code").handler(ctx -> throttle(ctx, joins));
    router.post("/api/join").handler(ctx -> throttle(ctx, joins));
    router.post("/api/workshops").handler(this::requireCreateKey).handler(ctx -> throttle(ctx, creations));
    // A démarche is created with its first atelier, and an atelier is a workshop: the same door.
    router.post("/api/demarches").handler(this::requireCreateKey).handler(ctx -> throttle(ctx, creations));
  }

  /** A page loaded before an upgrade speaks the old protocol: tell it to reload rather than misunderstand it. */
  private void requireCurrentProtocol(RoutingContext ctx) {
    String version = ctx.request().getHeader(PROTOCOL_HEADER);
    if (version == null || version.equals(Integer.toString(PROTOCOL_VERSION))) {
      ctx.next();
    } else {
      refusals.refuse(ctx, 409, Rejection.of("reload_required",
          "Parvis has been updated since this page was loaded: reload the page."));
    }
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
