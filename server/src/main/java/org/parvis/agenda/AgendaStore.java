package org.parvis.agenda;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.parvis.stream.StreamKeys;

/**
 * The agenda's stored state as readers see it: the part of the workshop snapshot that is the
 * agenda's (from the workshop hash), and the snapshots sequence.go left at the end of each sequence.
 */
public final class AgendaStore {

  private static final String TIMER_FIELD = "timer";

  private final Redis redis;

  public AgendaStore(Redis redis) {
    this.redis = redis;
  }

  /**
   * Adds to a workshop snapshot, from the workshop hash's fields: {@code agenda: {sequences, current?,
   * startedAt?}} and {@code timers: [{group?, timer}]} (every timer is public: audience all).
   */
  public static void addToSnapshot(JsonObject snapshot, Response fields) {
    JsonObject agenda = new JsonObject().put("sequences", new JsonArray(text(fields, "agenda").orElse("[]")));
    text(fields, "sequence").ifPresent(current -> agenda.put("current", current));
    text(fields, "sequenceStartedAt").ifPresent(at -> agenda.put("startedAt", Long.parseLong(at)));
    JsonArray timers = new JsonArray();
    for (String field : fields.getKeys()) {
      if (field.equals(TIMER_FIELD) || field.startsWith(TIMER_FIELD + ":")) {
        JsonObject timer = new JsonObject().put("timer", new JsonObject(fields.get(field).toString()));
        timers.add(field.equals(TIMER_FIELD) ? timer : timer.put("group", field.substring(TIMER_FIELD.length() + 1)));
      }
    }
    snapshot.put("agenda", agenda).put("timers", timers);
  }

  /** Every end-of-sequence snapshot of the workshop, oldest first: {n, sequence, title, kind, startedAt, endedAt, boards,
   * votes (the ids of the votes opened during it)}. */
  public Future<JsonArray> snapshots(String workshopId) {
    return redis.send(Request.cmd(Command.HGET).arg(StreamKeys.workshop(workshopId)).arg("snapshots")).compose(count -> {
      long taken = count == null ? 0 : count.toLong();
      if (taken == 0) {
        return Future.succeededFuture(new JsonArray());
      }
      List<Request> reads = LongStream.rangeClosed(1, taken)
          .mapToObj(n -> Request.cmd(Command.HGETALL).arg(sequenceKey(workshopId, n)))
          .toList();
      return redis.batch(reads).map(answers -> {
        JsonArray list = new JsonArray();
        for (int index = 0; index < answers.size(); index++) {
          Response meta = answers.get(index);
          list.add(new JsonObject()
              .put("n", index + 1)
              .put("sequence", meta.get("sequence").toString())
              .put("title", meta.get("title").toString())
              .put("kind", meta.get("kind").toString())
              .put("startedAt", meta.get("startedAt").toLong())
              .put("endedAt", meta.get("endedAt").toLong())
              .put("boards", new JsonArray(meta.get("boards").toString()))
              .put("votes", new JsonArray(text(meta, "votes").orElse("[]"))));
        }
        return list;
      });
    });
  }

  /** The notes of a board at the end of snapshot n, in stream order; empty when that snapshot did not keep this board. */
  public Future<Optional<JsonArray>> notes(String workshopId, long n, String boardId) {
    String key = sequenceKey(workshopId, n);
    return redis.send(Request.cmd(Command.HGET).arg(key).arg("boards")).compose(boards -> {
      if (boards == null || !new JsonArray(boards.toString()).contains(boardId)) {
        return Future.succeededFuture(Optional.empty());
      }
      String board = key + ":board:" + boardId;
      return redis.send(Request.cmd(Command.ZRANGE).arg(board + ":order").arg(0).arg(-1)).compose(ids -> {
        if (ids == null || ids.size() == 0) {
          return Future.succeededFuture(Optional.of(new JsonArray()));
        }
        Request read = Request.cmd(Command.HMGET).arg(board + ":notes");
        ids.forEach(id -> read.arg(id.toString()));
        return redis.send(read).map(notes -> {
          List<String> texts = new ArrayList<>();
          notes.forEach(note -> texts.add(note == null ? null : note.toString()));
          return Optional.of(new JsonArray(texts.stream().filter(Objects::nonNull).collect(Collectors.joining(",", "[", "]"))));
        });
      });
    });
  }

  private static String sequenceKey(String workshopId, long n) {
    return StreamKeys.prefix(workshopId) + "seq:" + n;
  }

  private static Optional<String> text(Response fields, String name) {
    return Optional.ofNullable(fields.get(name)).map(Response::toString);
  }
}
