package org.parvis.board;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.parvis.photo.PhotoStore;
import org.parvis.protocol.Event;
import org.parvis.protocol.Protocol;
import org.parvis.store.LuaScript;
import org.parvis.stream.StreamId;
import org.parvis.stream.StreamKeys;
import org.parvis.stream.StreamStore;
import org.parvis.sync.RejectedException;
import org.parvis.sync.Rejection;

/** Boards in Redis: each board's layout and lock; its notes change through the board stream's apply functions. */
public final class BoardStore {

  /** The apply functions of the board feature, one Lua file per command type. */
  public static final List<LuaScript.Part> APPLY_FUNCTIONS = List.of(
      PhotoStore.NOTE_FUNCTIONS,
      new LuaScript.Part(BoardStore.class, "note.access.lua"),
      new LuaScript.Part(BoardStore.class, "note.create.lua"),
      new LuaScript.Part(BoardStore.class, "note.update.lua"),
      new LuaScript.Part(BoardStore.class, "note.delete.lua"),
      new LuaScript.Part(BoardStore.class, "board.lock.lua"),
      new LuaScript.Part(BoardStore.class, "board.configure.lua"),
      new LuaScript.Part(BoardStore.class, "note.moderate.lua"));

  private static final Event.Tally EMPTY_TALLY = new Event.Tally(List.of(0, 0, 0, 0, 0, 0, 0), 0);

  private final Redis redis;
  private final StreamStore streams;
  private final Map<String, BoardLayout> layouts = new ConcurrentHashMap<>();

  public BoardStore(Redis redis, StreamStore streams) {
    this.redis = redis;
    this.streams = streams;
  }

  public Future<Void> create(BoardLayout layout) {
    layouts.put(layout.boardId(), layout);
    return redis.send(Request.cmd(Command.HSET).arg(StreamKeys.board(layout.boardId()))
            .arg("workshop").arg(layout.workshopId())
            .arg("name").arg(layout.name())
            .arg("template").arg(layout.template().wireName())
            .arg("locked").arg("0"))
        .compose(saved -> layout.template().isBarometer() ? startBarometer(layout) : Future.succeededFuture())
        .compose(saved -> layout.template().isCharter() ? startCharter(layout) : Future.succeededFuture())
        .compose(saved -> streams.create(StreamId.board(layout.boardId())));
  }

  /** A barometer board starts open, with its template's scales and nobody's answer: the apply functions of barometer.* take it from there. */
  private Future<Void> startBarometer(BoardLayout layout) {
    List<Event.Tally> tallies = layout.template().indicators().stream().map(indicator -> EMPTY_TALLY).toList();
    return redis.send(Request.cmd(Command.HSET).arg(StreamKeys.board(layout.boardId()) + ":barometer")
            .arg("indicators").arg(Protocol.encode(layout.template().indicators()))
            .arg("tallies").arg(Protocol.encode(tallies))
            .arg("closed").arg("0"))
        .mapEmpty();
  }

  /** A charter board starts open and empty: the apply functions of commitment.* and charter.freeze take it from there. */
  private Future<Void> startCharter(BoardLayout layout) {
    return redis.send(Request.cmd(Command.HSET).arg(StreamKeys.board(layout.boardId()) + ":charter")
            .arg("frozen").arg("0").arg("order").arg("[]"))
        .mapEmpty();
  }

  /** The layout of a board, or a failed future rejecting it as unknown_board. Layouts never change, so they are cached. */
  public Future<BoardLayout> layout(String boardId) {
    BoardLayout cached = layouts.get(boardId);
    if (cached != null) {
      return Future.succeededFuture(cached);
    }
    return redis.send(Request.cmd(Command.HGETALL).arg(StreamKeys.board(boardId))).compose(meta -> {
      if (meta == null || meta.size() == 0) {
        return Future.failedFuture(new RejectedException(Rejection.of("unknown_board", "No board " + boardId + ".")));
      }
      BoardTemplate template = BoardTemplate.fromWire(meta.get("template").toString()).orElse(BoardTemplate.FREE);
      BoardLayout layout = new BoardLayout(boardId, meta.get("workshop").toString(), meta.get("name").toString(),
          template, template.zones());
      layouts.put(boardId, layout);
      return Future.succeededFuture(layout);
    });
  }

  /** Each board's settings, in the order given. */
  public Future<List<BoardSettings>> settings(List<String> boardIds) {
    List<Request> requests = boardIds.stream()
        .map(id -> Request.cmd(Command.HMGET).arg(StreamKeys.board(id)).arg("locked").arg("mode").arg("anyoneEdits"))
        .toList();
    if (requests.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return redis.batch(requests).map(answers -> answers.stream().map(BoardStore::settings).toList());
  }

  /** The settings as the board hash's HMGET of {@code locked, mode, anyoneEdits} answers them. */
  public static BoardSettings settings(Response fields) {
    if (fields == null) {
      return BoardSettings.DEFAULT;
    }
    return BoardSettings.fromStored(text(fields.get(0)), text(fields.get(1)), text(fields.get(2)));
  }

  private static String text(Response field) {
    return field == null ? null : field.toString();
  }

  /**
   * The notes an animator may restore, newest deletion first: {@code {note, by, byName, at}}. The
   * author of an anonymous note, kept for its restore, stays out.
   */
  public Future<JsonArray> trash(String boardId) {
    String trash = StreamKeys.board(boardId) + ":trash";
    return redis.send(Request.cmd(Command.LRANGE).arg(trash).arg(0).arg(-1)).compose(ids -> {
      if (ids == null || ids.size() == 0) {
        return Future.succeededFuture(new JsonArray());
      }
      Request records = Request.cmd(Command.HMGET).arg(StreamKeys.board(boardId) + ":deleted");
      ids.forEach(id -> records.arg(id.toString()));
      return redis.send(records).map(found -> {
        JsonArray deleted = new JsonArray();
        found.forEach(record -> {
          if (record != null) {
            JsonObject stored = new JsonObject(record.toString());
            stored.remove("private");
            stored.remove("author");
            deleted.add(stored);
          }
        });
        return deleted;
      });
    });
  }

  public static JsonObject boardJson(BoardLayout layout, BoardSettings settings) {
    JsonArray zones = new JsonArray();
    layout.zones().forEach(zone -> zones.add(new JsonObject().put("id", zone.id()).put("title", zone.title())));
    return new JsonObject()
        .put("id", layout.boardId())
        .put("name", layout.name())
        .put("template", layout.template().wireName())
        .put("zones", zones)
        .put("locked", settings.locked())
        .put("mode", settings.mode())
        .put("anyoneEdits", settings.anyoneEdits());
  }
}
