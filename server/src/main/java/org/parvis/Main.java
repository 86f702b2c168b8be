package org.parvis;

import ch.qos.logback.classic.LoggerContext;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import org.parvis.agenda.AgendaCommands;
import org.parvis.agenda.AgendaStore;
import org.parvis.barometer.BarometerCommands;
import org.parvis.charter.CharterCommands;
import org.parvis.charter.CharterReading;
import org.parvis.cluster.ClusterCommands;
import org.parvis.board.BoardCommands;
import org.parvis.board.BoardStore;
import org.parvis.bridge.Doors;
import org.parvis.bridge.HttpVerticle;
import org.parvis.config.ParvisConfig;
import org.parvis.demarche.AtelierReader;
import org.parvis.demarche.DemarcheRoutes;
import org.parvis.demarche.DemarcheService;
import org.parvis.demarche.DemarcheStore;
import org.parvis.demarche.RecapCommands;
import org.parvis.ops.ClientThrottle;
import org.parvis.ops.CommandMeter;
import org.parvis.ops.HttpRefusals;
import org.parvis.photo.PhotoRoutes;
import org.parvis.photo.PhotoStore;
import org.parvis.ops.NodeMetrics;
import org.parvis.ops.NodeState;
import org.parvis.ops.RefusalLog;
import org.parvis.plenary.PlenaryCommands;
import org.parvis.roster.GroupGate;
import org.parvis.roster.RosterCommands;
import org.parvis.setup.SetupGate;
import org.parvis.store.EmbeddedRedis;
import org.parvis.store.LuaScript;
import org.parvis.stream.EventRelayVerticle;
import org.parvis.stream.StreamFrame;
import org.parvis.stream.StreamStore;
import org.parvis.stream.WatchedStreams;
import org.parvis.subgroups.SubgroupCommands;
import org.parvis.sync.CommandHandlers;
import org.parvis.sync.CommandRouter;
import org.parvis.sync.RateLimiter;
import org.parvis.sync.RateLimits;
import org.parvis.sync.SnapshotCache;
import org.parvis.sync.StreamSyncCommands;
import org.parvis.vote.VoteCommands;
import org.parvis.vote.VoteStore;
import org.parvis.workshop.IdentityChanges;
import org.parvis.workshop.Retention;
import org.parvis.workshop.BearerToken;
import org.parvis.workshop.RetentionSweeper;
import org.parvis.workshop.WorkshopAdmin;
import org.parvis.workshop.WorkshopCommands;
import org.parvis.workshop.WorkshopDeletion;
import org.parvis.workshop.WorkshopRoutes;
import org.parvis.workshop.WorkshopService;
import org.parvis.workshop.WorkshopStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wiring only: configuration, Redis, then the verticles in order. */
public final class Main {

  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  /** How long a stopping node waits for the commands it already took to be answered. */
  private static final long IN_FLIGHT_GRACE_MS = 10_000;
  /** How often a node looks for workshops idle past the retention. */
  private static final long RETENTION_SWEEP_MS = 3_600_000;

  /**
   * Every command type's apply function, in the order they go into the one apply script (the
   * benchmark's ApplyCost loads the same list).
   */
  public static final List<LuaScript.Part> APPLY_FUNCTIONS = Stream.of(BoardStore.APPLY_FUNCTIONS,
      ClusterCommands.APPLY_FUNCTIONS, PlenaryCommands.APPLY_FUNCTIONS, WorkshopService.APPLY_FUNCTIONS,
      AgendaCommands.APPLY_FUNCTIONS, RosterCommands.APPLY_FUNCTIONS, VoteStore.APPLY_FUNCTIONS,
      BarometerCommands.APPLY_FUNCTIONS, SubgroupCommands.APPLY_FUNCTIONS, CharterCommands.APPLY_FUNCTIONS,
      RecapCommands.APPLY_FUNCTIONS).flatMap(List::stream).toList();

  private final Vertx vertx;
  private final Optional<EmbeddedRedis> embeddedRedis;
  private final NodeState state;
  private final CommandMeter commands;
  private String httpDeployment;

  private Main(Vertx vertx, Optional<EmbeddedRedis> embeddedRedis, NodeState state, CommandMeter commands) {
    this.vertx = vertx;
    this.embeddedRedis = embeddedRedis;
    this.state = state;
    this.commands = commands;
  }

  public static void main(String[] args) {
    ParvisConfig config = ParvisConfig.fromEnvironment();
    Main main;
    try {
      main = start(config).await();
    } catch (Exception failure) {
      LOG.error("Parvis could not start on {}:{}: {}", config.host(), config.port(), failure.getMessage());
      stopLogging();
      System.exit(1);
      return;
    }
    // SIGTERM (systemd stop, a deploy): leave gracefully, then write the last log lines.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      main.stop().await();
      stopLogging();
    }, "parvis-shutdown"));
  }

  /** Starts a node; with no Redis URL it starts (blocking) its own embedded Redis first. */
  public static Future<Main> start(ParvisConfig config) {
    Optional<EmbeddedRedis> embedded = config.redisUrl().isPresent()
        ? Optional.empty()
        : Optional.of(EmbeddedRedis.start(config.dataDir(), config.redisBinary(), config.redisFsync()));
    String redisUrl = config.redisUrl().orElseGet(() -> embedded.get().url());
    RedisOptions redisOptions = new RedisOptions()
        .setConnectionString(redisUrl)
        .setMaxPoolSize(config.redisPoolSize())
        // Beyond this many commands waiting for a connection, answer `unavailable` at once (clients
        // retry with the same id). Deep by default: the syncs of a roomful of phones joining at once
        // exceed a short queue (bench/README.md, "What is left").
        .setMaxPoolWaiting(config.redisMaxWaiting())
        .setMaxWaitingHandlers(8_192);

    NodeMetrics metrics = new NodeMetrics();
    Vertx vertx = metrics.newVertx();
    CommandMeter commandMeter = new CommandMeter(metrics.registry());
    NodeState state = new NodeState();
    vertx.eventBus().registerDefaultCodec(StreamFrame.class, StreamFrame.LOCAL_CODEC);
    Redis redis = Redis.createClient(vertx, redisOptions);
    LongSupplier clock = System::currentTimeMillis;
    long setupShareNanos = config.setupShareMillis() * 1_000_000L;
    SnapshotCache snapshots = new SnapshotCache(setupShareNanos, System::nanoTime);
    // A change this node acknowledges drops the shared snapshot at once: its author may sync next.
    // As many as the Redis client itself holds: a batch of them takes one place in its queue.
    StreamStore streams = new StreamStore(redis, APPLY_FUNCTIONS, snapshots::changed,
        config.redisPoolSize() + config.redisMaxWaiting());
    BoardStore boards = new BoardStore(redis, streams);
    WorkshopStore workshopStore = new WorkshopStore(redis, System::nanoTime);
    Retention retention = Retention.days(config.retentionDays());
    // Joins and syncs take turns at one gate per node, so that the edits of people already in go first.
    SetupGate setup = new SetupGate(config.setupConcurrency());
    WorkshopService workshops = new WorkshopService(workshopStore, boards, streams, clock, retention, setup,
        setupShareNanos, System::nanoTime);
    WorkshopDeletion deletion = new WorkshopDeletion(vertx, redis, workshopStore);
    WatchedStreams watched = new WatchedStreams();
    CommandHandlers handlers = new CommandHandlers();
    new BoardCommands(boards, streams, clock).register(handlers);
    new PlenaryCommands(workshops, streams, clock).register(handlers);
    new VoteCommands(boards, new VoteStore(redis), streams, clock).register(handlers);
    new BarometerCommands(boards, streams, clock).register(handlers);
    new CharterCommands(boards, streams, clock).register(handlers);
    new ClusterCommands(boards, streams, clock).register(handlers);
    new WorkshopCommands(workshops).register(handlers);
    new AgendaCommands(workshops, streams, new AgendaStore(redis), clock).register(handlers);
    new SubgroupCommands(workshops, boards, streams, redis, clock).register(handlers);
    new RosterCommands(workshops, streams, clock).register(handlers);
    new RecapCommands(streams, clock).register(handlers);
    new StreamSyncCommands(streams, boards, workshops, new GroupGate(workshopStore),
        List.of(AgendaStore::addToSnapshot, RecapCommands::addToSnapshot), setup, snapshots).register(handlers);
    RateLimits rateLimits = new RateLimits(
        new RateLimiter(config.commandsPerSecond(), config.commandBurst(), System::nanoTime),
        new RateLimiter(config.readsPerSecond(), config.readBurst(), System::nanoTime));
    HttpRefusals refusals = new HttpRefusals(metrics, new RefusalLog(System::nanoTime), config.trustProxy());
    WorkshopRoutes routes = new WorkshopRoutes(workshops, new WorkshopAdmin(workshops, workshopStore, deletion, streams, clock),
        workshopStore, refusals, List.of(CharterReading.route(redis)));
    DemarcheRoutes demarcheRoutes = new DemarcheRoutes(new DemarcheService(workshops, workshopStore, deletion, boards, streams,
        new DemarcheStore(redis), new AtelierReader(redis, boards), clock), routes);
    Doors doors = new Doors(config, refusals, metrics, System::nanoTime);
    PhotoRoutes photoRoutes = new PhotoRoutes(new PhotoStore(redis), request -> BearerToken.identify(workshopStore, request)
        .map(identity -> new PhotoRoutes.Uploader(identity.workshopId(), identity.participantId(), identity.role().mayWriteNotes())),
        refusals, new ClientThrottle(config.photosPerHour(), 3_600, System::nanoTime), config.photoMaxBytes(), clock);
    DeploymentOptions perCore = new DeploymentOptions().setInstances(config.httpInstances());

    Main main = new Main(vertx, embedded, state, commandMeter);
    return vertx.deployVerticle(new EventRelayVerticle(redisOptions, streams, watched, config.livenessMillis(),
            new IdentityChanges(workshopStore, vertx.eventBus()), metrics.registry(), snapshots))
        .compose(relay -> vertx.deployVerticle(
            new RetentionSweeper(redis, workshopStore, deletion, retention, clock, RETENTION_SWEEP_MS)))
        .compose(sweeper -> vertx.deployVerticle(
            () -> new HttpVerticle(config, redis, routes, photoRoutes, workshopStore, watched, metrics, state, doors,
                demarcheRoutes::mount, new CommandRouter(handlers, rateLimits), commandMeter), perCore))
        .map(http -> {
          main.httpDeployment = http;
          LOG.info("Parvis node {} listening on {}:{}", config.nodeId(), config.host(), config.port());
          return main;
        })
        .recover(failure -> {
          // Not main.stop(): a future chained on a closing Vert.x may never complete.
          embedded.ifPresent(EmbeddedRedis::close);
          vertx.close();
          return Future.failedFuture(failure);
        });
  }

  /**
   * Leaves gracefully: readiness turns down, the HTTP port closes (its clients reconnect, through the
   * proxy, to another node, and resend what was not acknowledged), the commands already taken are
   * answered by Redis, then everything stops.
   */
  public Future<Void> stop() {
    LOG.info("Stopping: no new clients, waiting for {} command(s) in flight", commands.inFlight());
    state.drain();
    Future<?> httpClosed = httpDeployment == null ? Future.succeededFuture() : vertx.undeploy(httpDeployment);
    // Not chained on the closing Vert.x itself: a future bound to one of its event loops cannot complete once they are gone.
    Promise<Void> stopped = Promise.promise();
    httpClosed
        .transform(closed -> commandsAnswered(System.currentTimeMillis() + IN_FLIGHT_GRACE_MS))
        .onComplete(answered -> vertx.close().onComplete(closed -> {
          embeddedRedis.ifPresent(EmbeddedRedis::close);
          LOG.info("Stopped ({} command(s) left unanswered)", commands.inFlight());
          stopped.complete();
        }));
    return stopped.future();
  }

  private Future<Void> commandsAnswered(long deadlineMillis) {
    if (commands.inFlight() == 0 || System.currentTimeMillis() >= deadlineMillis) {
      return Future.succeededFuture();
    }
    return vertx.timer(20).compose(tick -> commandsAnswered(deadlineMillis));
  }

  /** Writes what the asynchronous appender still holds: call it last, before the JVM exits. */
  private static void stopLogging() {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      context.stop();
    }
  }
}
