package org.parvis.board;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.parvis.store.EventChannel;
import org.parvis.store.LuaScript;
import org.parvis.sync.RejectedException;
import org.parvis.sync.Rejection;

/**
 * Boards in Redis. All keys of one board share the hash tag {b:ID}, so a board lives in one
 * Redis Cluster slot and its scripts stay atomic there.
 */
public final class BoardStore {

  public static final int LOG_LENGTH = 1_000;
  private static final Duration COMMAND_MEMORY = Duration.ofDays(2);
  private static final LuaScript APPLY = LuaScript.fromResource(BoardStore.class, "apply_change.lua");
  private static final LuaScript READ = LuaScript.fromResource(BoardStore.class, "read_board.lua");

  private final Redis redis;
  private final Map<String, BoardLayout> layouts = new ConcurrentHashMap<>();

  public BoardStore(Redis redis) {
    this.redis = redis;
  }

  /** What happened to a change: {@code status} is "ok", "duplicate" or a rejection code. */
  public record Outcome(String status, long rev) {}

  /** A client's catch-up: either the events it missed or a snapshot of the notes. */
  public record CatchUp(long rev, List<String> events, List<String> notes, boolean locked) {
    public boolean isSnapshot() {
      return notes != null;
    }
  }

  public Future<Void> create(BoardLayout layout) {
    layouts.put(layout.boardId(), layout);
    return redis.send(Request.cmd(Command.HSET).arg(metaKey(layout.boardId()))
            .arg("workshop").arg(layout.workshopId())
            .arg("name").arg(layout.name())
            .arg("template").arg(layout.template().wireName())
            .arg("locked").arg("0")
            .arg("rev").arg("0"))
        .mapEmpty();
  }

  /** The layout of a board, or a failed future rejecting it as unknown_board. Layouts never change, so they are cached. */
  public Future<BoardLayout> layout(String boardId) {
    BoardLayout cached = layouts.get(boardId);
    if (cached != null) {
      return Future.succeededFuture(cached);
    }
    return redis.send(Request.cmd(Command.HGETALL).arg(metaKey(boardId))).compose(meta -> {
      if (meta == null || meta.size() == 0) {
        return Future.failedFuture(unknownBoard(boardId));
      }
      BoardTemplate template = BoardTemplate.fromWire(meta.get("template").toString()).orElse(BoardTemplate.FREE);
      BoardLayout layout = new BoardLayout(boardId, meta.get("workshop").toString(), meta.get("name").toString(),
          template, template.zones());
      layouts.put(boardId, layout);
      return Future.succeededFuture(layout);
    });
  }

  public Future<Outcome> apply(BoardChange change) {
    String board = change.boardId();
    List<String> keys = List.of(metaKey(board), notesKey(board), logKey(board), commandKey(board, change.commandId()));
    List<String> args = List.of(
        change.kind().scriptName(), board, change.noteId() == null ? "" : change.noteId(), change.payload(),
        change.commandId(), change.author(), Long.toString(change.at()), change.mayWriteLocked() ? "1" : "0",
        Integer.toString(LOG_LENGTH), Integer.toString(BoardRules.MAX_NOTES_PER_BOARD),
        Long.toString(COMMAND_MEMORY.toSeconds()), EventChannel.NAME);
    return APPLY.run(redis, keys, args)
        .map(result -> new Outcome(result.get(0).toString(), result.get(1).toLong()));
  }

  public Future<CatchUp> read(String boardId, Long since) {
    List<String> keys = List.of(metaKey(boardId), notesKey(boardId), logKey(boardId));
    return READ.run(redis, keys, List.of(since == null ? "" : since.toString())).compose(result -> {
      String kind = result.get(0).toString();
      if ("unknown_board".equals(kind)) {
        return Future.failedFuture(unknownBoard(boardId));
      }
      long rev = result.get(1).toLong();
      List<String> items = strings(result.get(2));
      return Future.succeededFuture("events".equals(kind)
          ? new CatchUp(rev, items, null, false)
          : new CatchUp(rev, null, items, "1".equals(result.get(3).toString())));
    });
  }

  /** Whether each board is locked, in the order given. */
  public Future<List<Boolean>> lockStates(List<String> boardIds) {
    List<Request> requests = boardIds.stream()
        .map(id -> Request.cmd(Command.HGET).arg(metaKey(id)).arg("locked"))
        .toList();
    if (requests.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return redis.batch(requests)
        .map(answers -> answers.stream().map(answer -> answer != null && "1".equals(answer.toString())).toList());
  }

  public static JsonObject boardJson(BoardLayout layout, boolean locked) {
    JsonArray zones = new JsonArray();
    layout.zones().forEach(zone -> zones.add(new JsonObject().put("id", zone.id()).put("title", zone.title())));
    return new JsonObject()
        .put("id", layout.boardId())
        .put("name", layout.name())
        .put("template", layout.template().wireName())
        .put("zones", zones)
        .put("locked", locked);
  }

  private static List<String> strings(Response multi) {
    return multi.stream().map(Response::toString).toList();
  }

  static String metaKey(String boardId) {
    return "parvis:{b:" + boardId + "}:meta";
  }

  static String notesKey(String boardId) {
    return "parvis:{b:" + boardId + "}:notes";
  }

  static String logKey(String boardId) {
    return "parvis:{b:" + boardId + "}:log";
  }

  static String commandKey(String boardId, String commandId) {
    return "parvis:{b:" + boardId + "}:cmd:" + commandId;
  }

  private static RejectedException unknownBoard(String boardId) {
    return new RejectedException(Rejection.of("unknown_board", "No board " + boardId + "."));
  }
}
