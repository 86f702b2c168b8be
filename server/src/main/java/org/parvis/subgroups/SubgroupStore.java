package org.parvis.subgroups;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.List;
import java.util.Optional;
import org.parvis.protocol.Event;
import org.parvis.stream.StreamKeys;

/** What the sub-group commands read before they make boards; their apply function checks it again, atomically. */
final class SubgroupStore {

  /** A vote as deepening needs it: closed or not, its ranking once closed. */
  record VoteOutcome(boolean closed, List<Event.RankedItem> ranking) {}

  private final Redis redis;

  SubgroupStore(Redis redis) {
    this.redis = redis;
  }

  Future<Optional<VoteOutcome>> vote(String workshopId, String voteId) {
    return redis.send(Request.cmd(Command.HMGET).arg(StreamKeys.prefix(workshopId) + "vote:" + voteId).arg("status").arg("result"))
        .map(fields -> fields.get(0) == null ? Optional.<VoteOutcome>empty() : Optional.of(new VoteOutcome(
            "closed".equals(fields.get(0).toString()), fields.get(1) == null ? List.of() : ranking(fields.get(1)))));
  }

  /** Whether the workshop's hash holds this marker already (a vote deepened, the axes set). */
  Future<Boolean> marked(String workshopId, String marker) {
    return redis.send(Request.cmd(Command.HEXISTS).arg(StreamKeys.workshop(workshopId)).arg(marker))
        .map(Response::toBoolean);
  }

  private static List<Event.RankedItem> ranking(Response result) {
    return new JsonObject(result.toString()).getJsonArray("ranking").stream()
        .map(JsonObject.class::cast)
        .map(item -> new Event.RankedItem(item.getString("board"), item.getString("noteId"), item.getString("text"),
            item.getInteger("dots"), item.getInteger("rank"), item.getBoolean("tied", false), List.of(),
            item.getString("cluster"), item.getInteger("notes")))
        .toList();
  }
}
