package org.parvis.demarche;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.parvis.stream.StreamKeys;
import org.parvis.workshop.Secrets;

/**
 * A démarche in Redis. Its own keys are under its own hash tag, {@code parvis:{d:<id>}:} (its name
 * and gallery link, and the list of its ateliers); its gallery token, looked up without a démarche
 * id, is a global key naming it. What an atelier knows of its démarche is in that atelier's own
 * keys, under the workshop's tag: fields {@code demarche, demarcheStep, nextAtelier} of its hash,
 * {@code recap} (the copy of the previous atelier's recap) and {@code known} (who came before). So
 * deleting a workshop deletes all of it, and no script ever spans two tags.
 */
public final class DemarcheStore {

  private static final String GALLERY_PREFIX = "parvis:gallery:";
  /** The next atelier's id while it is being prepared. */
  private static final String PENDING = "pending";

  /** A démarche as stored: its ateliers' workshop ids, in order (atelier 1 first). */
  public record Demarche(String id, String name, String galleryToken, List<String> ateliers) {}

  /** Where a workshop stands in its démarche. */
  public record Place(String demarcheId, int step, Optional<String> next) {}

  private final Redis redis;

  public DemarcheStore(Redis redis) {
    this.redis = redis;
  }

  public Future<Demarche> create(String name, long createdAt) {
    String id = Secrets.workshopId();
    String galleryToken = Secrets.token();
    return redis.send(Request.cmd(Command.HSET).arg(demarcheKey(id)).arg("name").arg(name)
            .arg("galleryToken").arg(galleryToken).arg("createdAt").arg(Long.toString(createdAt)))
        .compose(saved -> redis.send(Request.cmd(Command.SET).arg(galleryKey(galleryToken)).arg(id)))
        .map(saved -> new Demarche(id, name, galleryToken, List.of()));
  }

  /** Adds the workshop as the démarche's atelier {@code step}, on both sides. */
  public Future<Void> addAtelier(String demarcheId, String workshopId, int step) {
    return redis.send(Request.cmd(Command.HSET).arg(StreamKeys.workshop(workshopId))
            .arg("demarche").arg(demarcheId).arg("demarcheStep").arg(Integer.toString(step)))
        .compose(placed -> redis.send(Request.cmd(Command.RPUSH).arg(ateliersKey(demarcheId)).arg(workshopId)))
        .mapEmpty();
  }

  /**
   * Claims the right to prepare the atelier after this one: false when it is prepared, or being
   * prepared by a tap that came first (two quick taps make one next atelier).
   */
  public Future<Boolean> claimNext(String workshopId) {
    return redis.send(Request.cmd(Command.HSETNX).arg(StreamKeys.workshop(workshopId)).arg("nextAtelier").arg(PENDING))
        .map(set -> set.toInteger() == 1);
  }

  /** A preparation that failed gives its claim back. */
  public Future<Void> releaseNext(String workshopId) {
    return redis.send(Request.cmd(Command.HDEL).arg(StreamKeys.workshop(workshopId)).arg("nextAtelier")).mapEmpty();
  }

  public Future<Void> setNext(String workshopId, String nextId) {
    return redis.send(Request.cmd(Command.HSET).arg(StreamKeys.workshop(workshopId)).arg("nextAtelier").arg(nextId))
        .mapEmpty();
  }

  /** An atelier prepared from another opens with the recap on the projector. */
  public Future<Void> showRecap(String workshopId) {
    return redis.send(Request.cmd(Command.HSET).arg(StreamKeys.workshop(workshopId)).arg("recapShown").arg("1")).mapEmpty();
  }

  public Future<Optional<Place>> place(String workshopId) {
    return redis.send(Request.cmd(Command.HMGET).arg(StreamKeys.workshop(workshopId))
            .arg("demarche").arg("demarcheStep").arg("nextAtelier"))
        .map(fields -> fields == null || fields.get(0) == null ? Optional.<Place>empty()
            : Optional.of(new Place(fields.get(0).toString(), fields.get(1).toInteger(),
                Optional.ofNullable(fields.get(2)).map(Response::toString))));
  }

  public Future<Optional<Demarche>> find(String demarcheId) {
    return redis.batch(List.of(Request.cmd(Command.HMGET).arg(demarcheKey(demarcheId)).arg("name").arg("galleryToken"),
            Request.cmd(Command.LRANGE).arg(ateliersKey(demarcheId)).arg(0).arg(-1)))
        .map(answers -> {
          Response fields = answers.get(0);
          if (fields.get(0) == null) {
            return Optional.empty();
          }
          List<String> ateliers = new ArrayList<>();
          answers.get(1).forEach(id -> ateliers.add(id.toString()));
          return Optional.of(new Demarche(demarcheId, fields.get(0).toString(), fields.get(1).toString(), ateliers));
        });
  }

  public Future<Optional<String>> demarcheForGallery(String token) {
    return redis.send(Request.cmd(Command.GET).arg(galleryKey(token))).map(id -> Optional.ofNullable(id).map(Response::toString));
  }

  /** Deletes the démarche's own keys and its gallery link (its ateliers are deleted one by one by the caller). */
  public Future<Void> delete(Demarche demarche) {
    return redis.send(Request.cmd(Command.DEL).arg(galleryKey(demarche.galleryToken())))
        .compose(gone -> redis.send(Request.cmd(Command.DEL).arg(demarcheKey(demarche.id())).arg(ateliersKey(demarche.id()))))
        .mapEmpty();
  }

  /** The recap of the previous atelier a workshop opens with, as copied into its own keys. */
  public Future<Optional<JsonObject>> recap(String workshopId) {
    return redis.send(Request.cmd(Command.GET).arg(StreamKeys.prefix(workshopId) + "recap"))
        .map(stored -> Optional.ofNullable(stored).map(json -> new JsonObject(json.toString())));
  }

  public Future<Void> saveRecap(String workshopId, JsonObject recap) {
    return redis.send(Request.cmd(Command.SET).arg(StreamKeys.prefix(workshopId) + "recap").arg(recap.encode())).mapEmpty();
  }

  /** The people (name and category, folded) who came to an earlier atelier of the workshop's démarche. */
  public Future<Set<String>> known(String workshopId) {
    return redis.send(Request.cmd(Command.SMEMBERS).arg(knownKey(workshopId))).map(members -> {
      Set<String> known = new HashSet<>();
      if (members != null) {
        members.forEach(member -> known.add(member.toString()));
      }
      return known;
    });
  }

  public Future<Void> saveKnown(String workshopId, Set<String> known) {
    if (known.isEmpty()) {
      return Future.succeededFuture();
    }
    Request add = Request.cmd(Command.SADD).arg(knownKey(workshopId));
    known.forEach(add::arg);
    return redis.send(add).mapEmpty();
  }

  private static String knownKey(String workshopId) {
    return StreamKeys.prefix(workshopId) + "known";
  }

  static String demarcheKey(String demarcheId) {
    return "parvis:{d:" + demarcheId + "}:demarche";
  }

  static String ateliersKey(String demarcheId) {
    return "parvis:{d:" + demarcheId + "}:ateliers";
  }

  private static String galleryKey(String token) {
    return GALLERY_PREFIX + Secrets.sha256(token);
  }
}
