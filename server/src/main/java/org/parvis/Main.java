package org.parvis;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import org.parvis.board.BoardCommands;
import org.parvis.board.BoardStore;
import org.parvis.bridge.HttpVerticle;
import org.parvis.config.ParvisConfig;
import org.parvis.plenary.PlenaryCommands;
import org.parvis.store.EmbeddedRedis;
import org.parvis.stream.EventRelayVerticle;
import org.parvis.stream.StreamFrame;
import org.parvis.stream.StreamStore;
import org.parvis.stream.WatchedStreams;
import org.parvis.sync.CommandHandlers;
import org.parvis.sync.CommandRouterVerticle;
import org.parvis.sync.RateLimiter;
import org.parvis.sync.StreamSyncCommands;
import org.parvis.workshop.WorkshopCommands;
import org.parvis.workshop.WorkshopRoutes;
import org.parvis.workshop.WorkshopService;
import org.parvis.workshop.WorkshopStore;

/** Wiring only: configuration, Redis, then the verticles in order. */
public final class Main {

  private static final System.Logger LOG = System.getLogger(Main.class.getName());

  private final Vertx vertx;
  private final Optional<EmbeddedRedis> embeddedRedis;

  private Main(Vertx vertx, Optional<EmbeddedRedis> embeddedRedis) {
    this.vertx = vertx;
    this.embeddedRedis = embeddedRedis;
  }

  public static void main(String[] args) {
    ParvisConfig config = ParvisConfig.fromEnvironment();
    Main main;
    try {
      main = start(config).await();
    } catch (Exception failure) {
      LOG.log(Level.ERROR, "Parvis could not start on {0}:{1,number,#}: {2}", config.host(), config.port(), failure.getMessage());
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> main.stop().await()));
  }

  /** Starts a node; with no Redis URL it starts (blocking) its own embedded Redis first. */
  public static Future<Main> start(ParvisConfig config) {
    Optional<EmbeddedRedis> embedded = config.redisUrl().isPresent()
        ? Optional.empty()
        : Optional.of(EmbeddedRedis.start(config.dataDir(), config.redisFsync()));
    String redisUrl = config.redisUrl().orElseGet(() -> embedded.get().url());
    RedisOptions redisOptions = new RedisOptions()
        .setConnectionString(redisUrl)
        .setMaxPoolSize(config.redisPoolSize())
        // Beyond this many commands waiting for a connection, answer `unavailable` at once (clients
        // retry with the same id). Deep by default: the syncs of a roomful of phones joining at once
        // exceed a short queue (bench/README.md, "What is left").
        .setMaxPoolWaiting(config.redisMaxWaiting())
        .setMaxWaitingHandlers(8_192);

    Vertx vertx = Vertx.vertx();
    vertx.eventBus().registerDefaultCodec(StreamFrame.class, StreamFrame.LOCAL_CODEC);
    Redis redis = Redis.createClient(vertx, redisOptions);
    LongSupplier clock = System::currentTimeMillis;
    StreamStore streams = new StreamStore(redis, Stream.of(BoardStore.APPLY_FUNCTIONS, PlenaryCommands.APPLY_FUNCTIONS,
        WorkshopService.APPLY_FUNCTIONS).flatMap(List::stream).toList());
    BoardStore boards = new BoardStore(redis, streams);
    WorkshopStore workshopStore = new WorkshopStore(redis);
    WorkshopService workshops = new WorkshopService(workshopStore, boards, streams, clock);
    WatchedStreams watched = new WatchedStreams();
    CommandHandlers handlers = new CommandHandlers();
    new BoardCommands(boards, streams, clock).register(handlers);
    new PlenaryCommands(workshops, streams, clock).register(handlers);
    new WorkshopCommands(workshops).register(handlers);
    new StreamSyncCommands(streams, boards, workshops).register(handlers);
    RateLimiter rateLimiter = new RateLimiter(config.commandsPerSecond(), config.commandBurst(), System::nanoTime);
    WorkshopRoutes routes = new WorkshopRoutes(workshops, workshopStore);
    DeploymentOptions perCore = new DeploymentOptions().setInstances(config.httpInstances());

    Main main = new Main(vertx, embedded);
    return vertx.deployVerticle(new EventRelayVerticle(redisOptions, streams, watched, config.livenessMillis()))
        .compose(relay -> vertx.deployVerticle(() -> new CommandRouterVerticle(handlers, workshopStore::identityOf, rateLimiter), perCore))
        .compose(router -> vertx.deployVerticle(() -> new HttpVerticle(config, redis, routes, workshopStore, watched), perCore))
        .map(http -> {
          LOG.log(Level.INFO, "Parvis node {0} listening on {1}:{2,number,#}", config.nodeId(), config.host(), config.port());
          return main;
        })
        .recover(failure -> {
          // Not main.stop(): a future chained on a closing Vert.x may never complete.
          embedded.ifPresent(EmbeddedRedis::close);
          vertx.close();
          return Future.failedFuture(failure);
        });
  }

  public Future<Void> stop() {
    return vertx.close().onComplete(closed -> embeddedRedis.ifPresent(EmbeddedRedis::close));
  }
}
