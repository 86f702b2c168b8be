package org.parvis.bridge;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.bridge.PermittedOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.ext.web.handler.sockjs.SockJSBridgeOptions;
import io.vertx.ext.web.handler.sockjs.SockJSHandler;
import io.vertx.ext.web.handler.sockjs.SockJSHandlerOptions;
import io.vertx.ext.web.handler.sockjs.SockJSSocket;
import io.vertx.ext.web.handler.sockjs.impl.EventBusBridgeImpl;
import io.vertx.ext.web.handler.sockjs.Transport;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.parvis.config.ParvisConfig;
import org.parvis.ops.CommandMeter;
import org.parvis.ops.NodeMetrics;
import org.parvis.ops.NodeState;
import org.parvis.photo.PhotoRoutes;
import org.parvis.stream.StreamFrame;
import org.parvis.stream.StreamId;
import org.parvis.stream.WatchedStreams;
import org.parvis.sync.CommandAddresses;
import org.parvis.sync.CommandRouter;
import org.parvis.workshop.IdentityChange;
import org.parvis.workshop.WorkshopRoutes;
import org.parvis.workshop.WorkshopStore;

/**
 * Owns the HTTP port: the API, health, the built web client, the SockJS event-bus bridge, and the
 * commands and stream frames of the sockets on its event loop.
 */
public final class HttpVerticle extends VerticleBase {

  private static final String BRIDGE_PATH = "/eventbus/";
  private static final int MAX_FRAME_BYTES = 16 * 1024;
  private static final long MAX_XHR_BODY_BYTES = 4L * MAX_FRAME_BYTES;
  private static final long HEALTH_TIMEOUT_MS = 2_000;

  private final ParvisConfig config;
  private final Redis redis;
  private final WorkshopRoutes workshopRoutes;
  private final PhotoRoutes photoRoutes;
  private final WorkshopStore workshops;
  private final WatchedStreams watched;
  private final NodeMetrics metrics;
  private final NodeState state;
  private final Doors doors;
  private final CommandRouter commands;
  private final CommandMeter commandMeter;
  /** The HTTP routes of other features (the démarche's), mounted beside the workshop's. */
  private final Consumer<Router> featureRoutes;

  public HttpVerticle(ParvisConfig config, Redis redis, WorkshopRoutes workshopRoutes, PhotoRoutes photoRoutes,
      WorkshopStore workshops, WatchedStreams watched, NodeMetrics metrics, NodeState state, Doors doors,
      Consumer<Router> featureRoutes, CommandRouter commands, CommandMeter commandMeter) {
    this.config = config;
    this.redis = redis;
    this.workshopRoutes = workshopRoutes;
    this.photoRoutes = photoRoutes;
    this.workshops = workshops;
    this.watched = watched;
    this.metrics = metrics;
    this.state = state;
    this.doors = doors;
    this.featureRoutes = featureRoutes;
    this.commands = commands;
    this.commandMeter = commandMeter;
  }

  @Override
  public Future<?> start() {
    BoundedWriter writer = new BoundedWriter(Math.toIntExact(config.maxUnsentKib() * 1024L));
    StreamFollowers followers = new StreamFollowers(watched, writer);
    Router router = Router.router(vertx);
    router.route().handler(new SecurityHeaders(config.frameAncestors()));
    router.get("/health/live").handler(this::liveness);
    router.get("/health/ready").handler(this::readiness);
    router.get("/health").handler(this::readiness);
    router.get("/metrics").handler(metrics.scrapeHandler(config.metricsToken()));
    doors.mountApi(router);
    workshopRoutes.mount(router);
    photoRoutes.mount(router);
    featureRoutes.accept(router);
    doors.mountBridge(router, "/eventbus/*");
    // The SockJS HTTP fallbacks (xhr_send) read their frames from a body: bound it.
    router.post("/eventbus/*").handler(BodyHandler.create(false).setBodyLimit(MAX_XHR_BODY_BYTES));
    BridgeGuard guard = new BridgeGuard(vertx, workshops, followers, writer,
        new BridgeGuard.FrameBudget(config.socketFramesPerSecond(), config.socketFrameBurst(), System::nanoTime),
        commands, commandMeter);
    mountBridge(router, guard);
    // Built file names change with their content: cache them for good. The page itself is checked
    // again on every load, so an upgrade reaches phones at once (and the previous build's assets,
    // still packed, serve a page loaded just before it).
    router.route("/assets/*").handler(StaticHandler.create("webroot/assets").setCachingEnabled(true)
        .setMaxAgeSeconds(365L * 24 * 3600).setSendVaryHeader(false));
    router.route("/*").handler(ctx -> {
      ctx.addHeadersEndHandler(ended -> ctx.response().headers().set("Cache-Control", "no-cache"));
      ctx.next();
    }).handler(StaticHandler.create("webroot").setCachingEnabled(false));
    HttpServerOptions options = new HttpServerOptions()
        .setHost(config.host())
        .setPort(config.port())
        .setMaxWebSocketFrameSize(MAX_FRAME_BYTES)
        .setMaxWebSocketMessageSize(MAX_FRAME_BYTES)
        .setCompressionSupported(true)
        // Events are a few hundred bytes: deflating each frame once per recipient costs far more
        // server CPU than it saves on the wire (see README, "WebSocket compression").
        .setPerMessageWebSocketCompressionSupported(false)
        .setPerFrameWebSocketCompressionSupported(false);
    MessageConsumer<StreamFrame> frames = vertx.eventBus()
        .localConsumer(StreamFrame.ADDRESS, frame -> followers.deliver(frame.body()));
    vertx.setPeriodic(StreamFollowers.HELD_SHADOW_MAX_MS, tick -> followers.sendHeldShadows());
    MessageConsumer<String> identityChanges = vertx.eventBus()
        .localConsumer(IdentityChange.ADDRESS, change -> guard.onIdentityChange(IdentityChange.decode(change.body())));
    return frames.completion()
        .compose(registered -> identityChanges.completion())
        .compose(registered -> vertx.createHttpServer(options).requestHandler(router).listen());
  }

  private void mountBridge(Router router, BridgeGuard guard) {
    SockJSHandlerOptions sockJsOptions = new SockJSHandlerOptions().setRegisterWriteHandler(false);
    if (!config.sockJsLegacyTransports()) {
      // Script-tag transports for browsers older than any phone in use; JSONP escapes every origin check.
      sockJsOptions.addDisabledTransport(Transport.JSON_P.name()).addDisabledTransport(Transport.HTML_FILE.name());
    }
    config.allowedOrigin().ifPresent(sockJsOptions::setOrigin);
    SockJSBridgeOptions bridgeOptions = new SockJSBridgeOptions()
        .addInboundPermitted(new PermittedOptions().setAddress(CommandAddresses.COMMANDS))
        .addOutboundPermitted(new PermittedOptions().setAddressRegex(
            Pattern.quote(StreamId.BOARD_ADDRESS_PREFIX) + StreamId.BOARD_ID_FORM))
        .addOutboundPermitted(new PermittedOptions().setAddressRegex(
            Pattern.quote(StreamId.WORKSHOP_ADDRESS_PREFIX) + StreamId.WORKSHOP_ID_FORM))
        .setMaxHandlersPerSocket(64)
        .setPingTimeout(30_000);
    Handler<SockJSSocket> bridge = new EventBusBridgeImpl(vertx, null, bridgeOptions, doors.socketDoor(vertx, guard));
    // The two WebSocket endpoints first, served by BridgeWebSocket; the handler serves the rest.
    BridgeWebSocket.mount(router, BRIDGE_PATH, vertx, sockJsOptions, bridge);
    router.route(BRIDGE_PATH + "*").subRouter(SockJSHandler.create(vertx, sockJsOptions).socketHandler(bridge));
  }

  private void liveness(RoutingContext ctx) {
    healthAnswer(ctx, true, new JsonObject().put("status", "UP"));
  }

  /** Send clients here: Redis answers and the node is not shutting down. */
  private void readiness(RoutingContext ctx) {
    redis.send(Request.cmd(Command.PING))
        .timeout(HEALTH_TIMEOUT_MS, TimeUnit.MILLISECONDS)
        .onComplete(ping -> {
          boolean redisUp = ping.succeeded();
          boolean ready = redisUp && state.isReady();
          healthAnswer(ctx, ready, new JsonObject()
              .put("status", ready ? "UP" : "DOWN")
              .put("redis", redisUp ? "UP" : "DOWN")
              .put("draining", !state.isReady()));
        });
  }

  private void healthAnswer(RoutingContext ctx, boolean up, JsonObject body) {
    ctx.response()
        .setStatusCode(up ? 200 : 503)
        .putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-store")
        .end(body.put("node", config.nodeId()).encode());
  }
}
