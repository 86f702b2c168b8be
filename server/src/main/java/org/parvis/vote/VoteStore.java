package org.parvis.vote;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.parvis.protocol.Event;
import org.parvis.store.LuaScript;
import org.parvis.stream.StreamKeys;
import org.parvis.workshop.Category;

/** Votes in Redis: they change through the workshop stream's apply functions; their ballots are read here to count them. */
public final class VoteStore {

  /** The apply functions of the vote feature: vote.open, vote.cast, vote.retract, vote.close. */
  public static final List<LuaScript.Part> APPLY_FUNCTIONS = List.of(new LuaScript.Part(VoteStore.class, "vote.lua"));

  private static final LuaScript BALLOTS = LuaScript.fromResource(VoteStore.class, "vote.ballots.lua");

  /** A vote's ballots at one instant: {@code version} counts every dot placed or taken back. */
  public record Ballots(long version, List<Event.VoteItem> items, List<Event.VoteCluster> clusters, boolean anonymous,
      List<VoteResults.Ballot> ballots) {}

  private final Redis redis;

  public VoteStore(Redis redis) {
    this.redis = redis;
  }

  public Future<Optional<Ballots>> ballots(String workshopId, String voteId) {
    String key = StreamKeys.prefix(workshopId) + "vote:" + voteId;
    return BALLOTS.run(redis, List.of(key), List.of(key)).map(answer -> {
      if (answer == null || answer.size() == 0) {
        return Optional.empty();
      }
      JsonObject settings = new JsonObject(answer.get(2).toString());
      List<Event.VoteItem> items = settings.getJsonArray("items").stream()
          .map(item -> (JsonObject) item)
          .map(item -> new Event.VoteItem(item.getString("board"), item.getString("noteId"), item.getString("text")))
          .toList();
      List<Event.VoteCluster> clusters = settings.getJsonArray("clusters", new JsonArray()).stream()
          .map(cluster -> (JsonObject) cluster)
          .map(cluster -> new Event.VoteCluster(cluster.getString("board"), cluster.getString("cluster"),
              cluster.getString("title"), cluster.getJsonArray("notes").stream().map(String.class::cast).toList()))
          .toList();
      List<VoteResults.Ballot> ballots = new ArrayList<>();
      for (Response ballot : answer.get(3)) {
        JsonObject voter = new JsonObject(ballot.get(1).toString());
        Map<String, Integer> dots = new HashMap<>();
        Response flat = ballot.get(2);
        for (int i = 0; i + 1 < flat.size(); i += 2) {
          dots.put(flat.get(i).toString(), flat.get(i + 1).toInteger());
        }
        ballots.add(new VoteResults.Ballot(ballot.get(0).toString(), voter.getString("name"),
            Optional.ofNullable(voter.getString("category")).flatMap(Category::fromWire), dots));
      }
      return Optional.of(new Ballots(answer.get(1).toLong(), items, clusters,
          settings.getBoolean("anonymous", true), ballots));
    });
  }
}
