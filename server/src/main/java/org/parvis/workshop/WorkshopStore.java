package org.parvis.workshop;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.parvis.stream.StreamKeys;

/**
 * Workshops, join codes, tokens and participants in Redis. A workshop's own keys are under its hash
 * tag; join codes and tokens, looked up without a workshop id, are global keys naming it.
 */
public final class WorkshopStore {

  private static final int MAX_CACHED_TOKENS = 50_000;

  private final Redis redis;
  private final Map<String, Identity> identities = new ConcurrentHashMap<>();

  public WorkshopStore(Redis redis) {
    this.redis = redis;
  }

  /** Claims a join code for a workshop; false when another workshop holds it already. */
  public Future<Boolean> claimCode(String code, String workshopId) {
    return redis.send(Request.cmd(Command.SET).arg(codeKey(code)).arg(workshopId).arg("NX"))
        .map(answer -> answer != null && "OK".equals(answer.toString()));
  }

  public Future<Void> save(Workshop workshop) {
    return redis.send(Request.cmd(Command.HSET).arg(workshopKey(workshop.id()))
            .arg("title").arg(workshop.title())
            .arg("date").arg(workshop.date())
            .arg("code").arg(workshop.code())
            .arg("boards").arg(new JsonArray(workshop.boardIds()).encode())
            .arg("plenary").arg(new JsonObject().put("boards", new JsonArray(workshop.plenaryBoards())).encode())
            .arg("observerToken").arg(workshop.observerToken()))
        .mapEmpty();
  }

  public Future<Optional<Workshop>> find(String workshopId) {
    return redis.send(Request.cmd(Command.HGETALL).arg(workshopKey(workshopId))).map(fields -> fromFields(workshopId, fields));
  }

  /** A workshop from the fields of its hash, as HGETALL answers them. */
  public static Optional<Workshop> fromFields(String workshopId, Response fields) {
    if (fields == null || fields.size() == 0) {
      return Optional.empty();
    }
    Response plenary = fields.get("plenary");
    List<String> shown = plenary == null ? List.of()
        : new JsonObject(plenary.toString()).getJsonArray("boards").stream().map(Object::toString).toList();
    return Optional.of(new Workshop(workshopId, text(fields, "title"), text(fields, "date"), text(fields, "code"),
        ids(fields, "boards"), shown, text(fields, "observerToken"), "1".equals(text(fields, "groupsLocked")),
        text(fields, "joinDisplay")));
  }

  /** Joining closed by the animator: the code stops letting newcomers in; people already in stay. */
  public Future<Void> setJoiningOpen(String workshopId, boolean open) {
    return redis.send(Request.cmd(Command.HSET).arg(workshopKey(workshopId)).arg("joiningClosed").arg(open ? "0" : "1"))
        .mapEmpty();
  }

  public Future<Boolean> isJoiningOpen(String workshopId) {
    return redis.send(Request.cmd(Command.HGET).arg(workshopKey(workshopId)).arg("joiningClosed"))
        .map(closed -> closed == null || !"1".equals(closed.toString()));
  }

  /** A code whose workshop is gone is freed, so codes end with their workshop. */
  public Future<Void> forgetCode(String code) {
    return redis.send(Request.cmd(Command.DEL).arg(codeKey(code))).mapEmpty();
  }

  public Future<Optional<String>> workshopIdForCode(String code) {
    return redis.send(Request.cmd(Command.GET).arg(codeKey(code)))
        .map(answer -> Optional.ofNullable(answer).map(Response::toString));
  }

  public Future<Void> saveToken(String token, Identity identity) {
    return redis.send(Request.cmd(Command.SET).arg(tokenKey(token)).arg(identity.toJson().encode()))
        .onSuccess(saved -> remember(token, identity))
        .mapEmpty();
  }

  /** The identity a token proves, if any. Tokens are never reassigned, so answers are cached. */
  public Future<Optional<Identity>> identityOf(String token) {
    Identity cached = identities.get(token);
    if (cached != null) {
      return Future.succeededFuture(Optional.of(cached));
    }
    return redis.send(Request.cmd(Command.GET).arg(tokenKey(token))).map(answer -> {
      if (answer == null) {
        return Optional.empty();
      }
      Identity identity = Identity.fromJson(new JsonObject(answer.toString()));
      remember(token, identity);
      return Optional.of(identity);
    });
  }

  private void remember(String token, Identity identity) {
    if (identities.size() >= MAX_CACHED_TOKENS) {
      identities.clear();
    }
    identities.put(token, identity);
  }

  /** Where a participant stands for the group menu, read when it matters: moves change it under a cached identity. */
  public Future<GroupStanding> groupStanding(String workshopId, String participantId) {
    return redis.batch(List.of(
            Request.cmd(Command.HMGET).arg(workshopKey(workshopId)).arg("groupsLocked").arg("plenary"),
            Request.cmd(Command.HGET).arg(participantsKey(workshopId)).arg(participantId)))
        .map(answers -> {
          Response workshop = answers.get(0);
          Response plenary = workshop.get(1);
          Response participant = answers.get(1);
          return new GroupStanding(workshop.get(0) != null && "1".equals(workshop.get(0).toString()),
              plenary == null ? List.of()
                  : new JsonObject(plenary.toString()).getJsonArray("boards").stream().map(Object::toString).toList(),
              participant == null ? null : new JsonObject(participant.toString()).getString("board"));
        });
  }

  public Future<Void> addAnimator(String workshopId, Animator animator) {
    return redis.send(Request.cmd(Command.HSET).arg(animatorsKey(workshopId))
        .arg(animator.id()).arg(animator.toJson().encode())).mapEmpty();
  }

  public Future<Integer> invitedAnimatorCount(String workshopId) {
    return redis.send(Request.cmd(Command.HLEN).arg(animatorsKey(workshopId))).map(Response::toInteger);
  }

  public Future<Optional<Participant>> participant(String workshopId, String participantId) {
    return redis.send(Request.cmd(Command.HGET).arg(participantsKey(workshopId)).arg(participantId))
        .map(answer -> Optional.ofNullable(answer).map(json -> Participant.fromJson(new JsonObject(json.toString()))));
  }

  private static String text(Response fields, String name) {
    Response value = fields.get(name);
    return value == null ? "" : value.toString();
  }

  private static List<String> ids(Response fields, String name) {
    Response value = fields.get(name);
    if (value == null) {
      return List.of();
    }
    return new JsonArray(value.toString()).stream().map(Object::toString).toList();
  }

  private static String workshopKey(String workshopId) {
    return StreamKeys.workshop(workshopId);
  }

  private static String participantsKey(String workshopId) {
    return StreamKeys.participants(workshopId);
  }

  private static String animatorsKey(String workshopId) {
    return StreamKeys.prefix(workshopId) + "animators";
  }

  private static String codeKey(String code) {
    return "parvis:code:" + code;
  }

  private static String tokenKey(String token) {
    return "parvis:token:" + Secrets.sha256(token);
  }
}
