package org.parvis.demarche;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.parvis.board.BoardLayout;
import org.parvis.board.BoardStore;
import org.parvis.stream.StreamKeys;
import org.parvis.workshop.Participant;
import org.parvis.workshop.Workshop;

/**
 * Reads what an atelier produced, as its recap and the exhibition may show it (see
 * {@link DemarcheRules}): each group's board with its zones and shareable notes, the closed votes'
 * results, the barometers' tallies. It never reads a barometer's answers nor a vote's ballots.
 */
public final class AtelierReader {

  private final Redis redis;
  private final BoardStore boards;

  public AtelierReader(Redis redis, BoardStore boards) {
    this.redis = redis;
    this.boards = boards;
  }

  /** {@code {workshop, step, title, date, groups: [{board, name, template, zones: [{id, title, notes}]}], votes, barometers}}. */
  public Future<JsonObject> summary(Workshop workshop, int step) {
    List<Future<JsonObject>> groups = workshop.boardIds().stream().map(this::group).toList();
    return Future.all(groups).compose(read -> {
      Set<String> withheld = new HashSet<>();
      groups.forEach(group -> ((JsonArray) group.result().remove("withheld")).forEach(item -> withheld.add(item.toString())));
      return votes(workshop.id(), withheld);
    }).map(votes -> {
      JsonArray groupsJson = new JsonArray();
      JsonArray barometers = new JsonArray();
      groups.forEach(group -> {
        JsonObject board = group.result();
        JsonObject barometer = (JsonObject) board.remove("barometer");
        if (barometer != null) {
          barometers.add(barometer);
        }
        groupsJson.add(board);
      });
      return new JsonObject().put("workshop", workshop.id()).put("step", step).put("title", workshop.title())
          .put("date", workshop.date()).put("groups", groupsJson).put("votes", votes).put("barometers", barometers);
    });
  }

  public Future<List<Participant>> participants(String workshopId) {
    return redis.send(Request.cmd(Command.HVALS).arg(StreamKeys.participants(workshopId))).map(values -> {
      List<Participant> people = new ArrayList<>();
      if (values != null) {
        values.forEach(value -> people.add(Participant.fromJson(new JsonObject(value.toString()))));
      }
      return people;
    });
  }

  /** The people of the workshop, as name and category folded. */
  public Future<Set<String>> people(String workshopId) {
    return participants(workshopId).map(people -> {
      Set<String> keys = new HashSet<>();
      people.forEach(person -> keys.add(DemarcheRules.personKey(person.name(), person.category())));
      return keys;
    });
  }

  private Future<JsonObject> group(String boardId) {
    String key = StreamKeys.board(boardId);
    return boards.layout(boardId).compose(layout -> redis.batch(List.of(
            Request.cmd(Command.ZRANGE).arg(key + ":order").arg(0).arg(-1),
            Request.cmd(Command.HGETALL).arg(key + ":notes"),
            Request.cmd(Command.SMEMBERS).arg(key + ":private"),
            Request.cmd(Command.SMEMBERS).arg(key + ":hidden"),
            Request.cmd(Command.HMGET).arg(key + ":barometer").arg("indicators").arg("tallies").arg("closed").arg("split")))
        .map(answers -> {
          Set<String> privateIds = strings(answers.get(2));
          Set<String> hiddenIds = strings(answers.get(3));
          Response stored = answers.get(1);
          Map<String, List<JsonObject>> byZone = new HashMap<>();
          answers.get(0).forEach(id -> {
            Response note = stored.get(id.toString());
            if (note != null) {
              DemarcheRules.shareable(new JsonObject(note.toString()), privateIds, hiddenIds)
                  .ifPresent(shared -> byZone.computeIfAbsent(shared.getString("zone"), zone -> new ArrayList<>()).add(shared));
            }
          });
          JsonArray withheld = new JsonArray();
          Stream.concat(privateIds.stream(), hiddenIds.stream()).forEach(id -> withheld.add(boardId + "/" + id));
          JsonObject group = new JsonObject().put("board", boardId).put("name", layout.name())
              .put("template", layout.template().wireName()).put("zones", zones(layout, byZone)).put("withheld", withheld);
          Response barometer = answers.get(4);
          return layout.template().isBarometer() && barometer.get(0) != null
              ? group.put("barometer", DemarcheRules.barometer(layout.name(), text(barometer.get(0)),
                  text(barometer.get(1)), text(barometer.get(2)), text(barometer.get(3))))
              : group;
        }));
  }

  private static JsonArray zones(BoardLayout layout, Map<String, List<JsonObject>> byZone) {
    JsonArray zones = new JsonArray();
    layout.zones().forEach(zone -> {
      JsonArray notes = new JsonArray();
      byZone.getOrDefault(zone.id(), List.of()).forEach(notes::add);
      zones.add(new JsonObject().put("id", zone.id()).put("title", zone.title()).put("notes", notes));
    });
    return zones;
  }

  /** The closed votes' results, without the notes withheld from the boards ({@code <board>/<noteId>}). */
  private Future<JsonArray> votes(String workshopId, Set<String> withheld) {
    String prefix = StreamKeys.prefix(workshopId);
    return redis.send(Request.cmd(Command.LRANGE).arg(prefix + "votes").arg(0).arg(-1)).compose(ids -> {
      if (ids == null || ids.size() == 0) {
        return Future.succeededFuture(new JsonArray());
      }
      List<Request> reads = new ArrayList<>();
      ids.forEach(id -> reads.add(Request.cmd(Command.HMGET).arg(prefix + "vote:" + id).arg("settings").arg("status").arg("result")));
      return redis.batch(reads).map(answers -> {
        JsonArray votes = new JsonArray();
        answers.forEach(vote -> {
          if (vote.get(0) != null) {
            String title = new JsonObject(vote.get(0).toString()).getString("title", "");
            DemarcheRules.publicResult(text(vote.get(1)), title, text(vote.get(2)), withheld).ifPresent(votes::add);
          }
        });
        return votes;
      });
    });
  }

  private static Set<String> strings(Response members) {
    Set<String> set = new HashSet<>();
    if (members != null) {
      members.forEach(member -> set.add(member.toString()));
    }
    return set;
  }

  private static String text(Response value) {
    return value == null ? null : value.toString();
  }
}
