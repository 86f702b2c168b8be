package org.parvis.bridge;

import io.vertx.core.Future;
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
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.parvis.config.ParvisConfig;
import org.parvis.stream.StreamFrame;
import org.parvis.stream.StreamId;
import org.parvis.stream.WatchedStreams;
import org.parvis.sync.CommandAddresses;
import org.parvis.workshop.WorkshopRoutes;
import org.parvis.workshop.WorkshopStore;

/**
 * Owns the HTTP port: the API, health, the built web client, the SockJS event-bus bridge, and the
 * stream frames of the sockets on its event loop.
 */
public final class HttpVerticle extends VerticleBase {

  private static final int MAX_FRAME_BYTES = 16 * 1024;
  private static final long MAX_XHR_BODY_BYTES = 4L * MAX_FRAME_BYTES;
  private static final long HEALTH_TIMEOUT_MS = 2_000;

  private final ParvisConfig config;
  private final Redis redis;
  private final WorkshopRoutes workshopRoutes;
  private final WorkshopStore workshops;
  private final WatchedStreams watched;

  public HttpVerticle(ParvisConfig config, Redis redis, WorkshopRoutes workshopRoutes, WorkshopStore workshops,
      WatchedStreams watched) {
    this.config = config;
    this.redis = redis;
    this.workshopRoutes = workshopRoutes;
    this.workshops = workshops;
    this.watched = watched;
  }

  @Override
  public Future<?> start() {
    StreamFollowers followers = new StreamFollowers(watched);
    Router router = Router.router(vertx);
    router.get("/health").handler(this::health);
    workshopRoutes.mount(router);
    // The SockJS HTTP fallbacks (xhr_send) read their frames from a body: bound it.
    router.post("/eventbus/*").handler(BodyHandler.create(false).setBodyLimit(MAX_XHR_BODY_BYTES));
    router.route("/eventbus/*").subRouter(bridge(followers));
    router.route("/*").handler(StaticHandler.create("webroot").setCachingEnabled(true).setMaxAgeSeconds(3600));
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
    return frames.completion().compose(registered -> vertx.createHttpServer(options).requestHandler(router).listen());
  }

  private Router bridge(StreamFollowers followers) {
    SockJSHandlerOptions sockJsOptions = new SockJSHandlerOptions().setRegisterWriteHandler(false);
    config.allowedOrigin().ifPresent(sockJsOptions::setOrigin);
    SockJSBridgeOptions bridgeOptions = new SockJSBridgeOptions()
        .addInboundPermitted(new PermittedOptions().setAddress(CommandAddresses.COMMANDS))
        .addOutboundPermitted(new PermittedOptions().setAddressRegex(
            Pattern.quote(StreamId.BOARD_ADDRESS_PREFIX) + StreamId.BOARD_ID_FORM))
        .addOutboundPermitted(new PermittedOptions().setAddressRegex(
            Pattern.quote(StreamId.WORKSHOP_ADDRESS_PREFIX) + StreamId.WORKSHOP_ID_FORM))
        .setMaxHandlersPerSocket(64)
        .setPingTimeout(30_000);
    return SockJSHandler.create(vertx, sockJsOptions).bridge(bridgeOptions, new BridgeGuard(workshops, followers));
  }

  private void health(RoutingContext ctx) {
    redis.send(Request.cmd(Command.PING))
        .timeout(HEALTH_TIMEOUT_MS, TimeUnit.MILLISECONDS)
        .onComplete(ping -> {
          boolean up = ping.succeeded();
          ctx.response()
              .setStatusCode(up ? 200 : 503)
              .putHeader("Content-Type", "application/json")
              .putHeader("Cache-Control", "no-store")
              .end(new JsonObject()
                  .put("status", up ? "UP" : "DOWN")
                  .put("redis", up ? "UP" : "DOWN")
                  .put("node", config.nodeId())
                  .encode());
        });
  }
}
