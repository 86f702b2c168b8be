package org.parvis.store;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.lang.System.Logger.Level;

/**
 * Owns this node's Redis subscription: relays every event published by any node to the local
 * event bus, once per event: board events as ready-made {@link BoardFrame}s for the HTTP event
 * loops, workshop events to the bridge. Redis pub/sub is
 * at most once, so after the subscription comes back it tells every watched board to catch up.
 */
public final class EventRelayVerticle extends VerticleBase {

  public static final String BOARD_PREFIX = "parvis.board.";
  public static final String WORKSHOP_PREFIX = "parvis.workshop.";
  private static final System.Logger LOG = System.getLogger(EventRelayVerticle.class.getName());
  private static final long MIN_RETRY_MS = 250;
  private static final long MAX_RETRY_MS = 5_000;

  private final RedisOptions options;
  private final WatchedBoards watched;
  private Redis client;
  private RedisConnection connection;
  private long retryDelay = MIN_RETRY_MS;
  private boolean stopping;
  private boolean everConnected;
  private boolean retryScheduled;

  public EventRelayVerticle(RedisOptions options, WatchedBoards watched) {
    this.options = new RedisOptions(options).setMaxPoolSize(1);
    this.watched = watched;
  }

  @Override
  public Future<?> start() {
    client = Redis.createClient(vertx, options);
    return subscribe();
  }

  @Override
  public Future<?> stop() {
    stopping = true;
    return client.close();
  }

  private Future<Void> subscribe() {
    return client.connect()
        .compose(opened -> {
          connection = opened;
          opened.handler(this::onPush);
          opened.exceptionHandler(failure -> onLost(opened, failure.getMessage()));
          opened.endHandler(ended -> onLost(opened, "connection closed"));
          return opened.send(Request.cmd(Command.SUBSCRIBE).arg(EventChannel.NAME));
        })
        .<Void>mapEmpty()
        .onSuccess(subscribed -> {
          retryDelay = MIN_RETRY_MS;
          if (everConnected) {
            LOG.log(Level.INFO, "Event subscription restored; asking watched boards to catch up");
            watched.boards().forEach(this::askToCatchUp);
          }
          everConnected = true;
        });
  }

  private void onLost(RedisConnection lost, String reason) {
    if (stopping || lost != connection) {
      return;
    }
    connection = null;
    LOG.log(Level.WARNING, "Event subscription lost ({0}); retrying", reason);
    retryLater();
  }

  private void retryLater() {
    if (retryScheduled || stopping) {
      return;
    }
    retryScheduled = true;
    vertx.setTimer(retryDelay, timer -> {
      retryScheduled = false;
      subscribe().onFailure(failure -> {
        connection = null;
        retryLater();
      });
    });
    retryDelay = Math.min(retryDelay * 2, MAX_RETRY_MS);
  }

  private void onPush(Response push) {
    if (push.size() < 3 || !"message".equals(push.get(0).toString())) {
      return;
    }
    String text = push.get(2).toString();
    JsonObject event;
    try {
      event = new JsonObject(text);
    } catch (DecodeException e) {
      LOG.log(Level.WARNING, "Ignoring a malformed event on {0}", EventChannel.NAME);
      return;
    }
    String board = event.getString("board");
    if (board != null) {
      publishToFollowers(board, text);
    } else if (event.getString("workshop") != null) {
      vertx.eventBus().publish(WORKSHOP_PREFIX + event.getString("workshop"), event);
    }
  }

  private void askToCatchUp(String boardId) {
    publishToFollowers(boardId, new JsonObject().put("type", "board.resync").put("board", boardId).encode());
  }

  private void publishToFollowers(String boardId, String eventJson) {
    try {
      vertx.eventBus().publish(BoardFrame.ADDRESS, BoardFrame.of(boardId, eventJson));
    } catch (IllegalArgumentException e) {
      LOG.log(Level.WARNING, "Ignoring an event for a malformed board id on {0}", EventChannel.NAME);
    }
  }
}
