package org.parvis.workshop;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.parvis.store.EventChannel;
import org.parvis.stream.StreamKeys;

/**
 * Workshops, join codes, tokens and participants in Redis. A workshop's own keys are under its hash
 * tag; join codes and tokens, looked up without a workshop id, are global keys naming it, and the
 * workshop keeps the list of its tokens (hash to person) so that it can revoke them. Identities are
 * cached on the node until an {@link IdentityChange} says otherwise; tokens Redis does not know are
 * remembered as unknown for a short while, so a client repeating a dead token costs no lookup.
 */
public final class WorkshopStore {

  /** Every workshop's id, so the retention sweeper finds them without scanning the whole keyspace. */
  public static final String WORKSHOPS_KEY = "parvis:workshops";
  private static final String TOKEN_PREFIX = "parvis:token:";
  private static final int MAX_CACHED_TOKENS = 50_000;
  private static final int MAX_UNKNOWN_TOKENS = 10_000;
  private static final long UNKNOWN_FOR_NANOS = 30_000_000_000L;

  private final Redis redis;
  private final LongSupplier nanoClock;
  private final Map<String, Identity> identities = new ConcurrentHashMap<>();
  private final Map<String, Long> unknownUntil = new ConcurrentHashMap<>();
  /** Bumped by every change: a lookup that was under way when one came must not cache what it read. */
  private final AtomicLong changes = new AtomicLong();

  public WorkshopStore(Redis redis, LongSupplier nanoClock) {
    this.redis = redis;
    this.nanoClock = nanoClock;
  }

  /** Claims a join code for a workshop; false when another workshop holds it already. */
  public Future<Boolean> claimCode(String code, String workshopId) {
    return redis.send(Request.cmd(Command.SET).arg(codeKey(code)).arg(workshopId).arg("NX"))
        .map(answer -> answer != null && "OK".equals(answer.toString()));
  }

  public Future<Void> save(Workshop workshop, long createdAt) {
    return redis.send(Request.cmd(Command.HSET).arg(workshopKey(workshop.id()))
            .arg("title").arg(workshop.title())
            .arg("date").arg(workshop.date())
            .arg("code").arg(workshop.code())
            .arg("boards").arg(new JsonArray(workshop.boardIds()).encode())
            .arg("plenary").arg(new JsonObject().put("boards", new JsonArray(workshop.plenaryBoards())).encode())
            .arg("observerToken").arg(workshop.observerToken())
            .arg("lastActivity").arg(Long.toString(createdAt)))
        .compose(saved -> redis.send(Request.cmd(Command.SADD).arg(WORKSHOPS_KEY).arg(workshop.id())))
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

  /** The token's identity, listed among its workshop's tokens first so that a deletion never misses it. */
  public Future<Void> saveToken(String token, Identity identity) {
    String hash = Secrets.sha256(token);
    return redis.send(Request.cmd(Command.HSET).arg(tokensKey(identity.workshopId())).arg(hash).arg(identity.participantId()))
        .compose(listed -> saveListedToken(token, identity));
  }

  /**
   * The token's identity, once the token is listed among its workshop's tokens (the join script lists
   * it); this node's cache holds it at once, so the joiner's first frames cost no lookup here.
   */
  public Future<Void> saveListedToken(String token, Identity identity) {
    return redis.send(Request.cmd(Command.SET).arg(tokenKey(token)).arg(identity.toJson().encode()))
        .onSuccess(saved -> {
          unknownUntil.remove(token);
          remember(token, identity, changes.get());
        })
        .mapEmpty();
  }

  /**
   * The identity a token proves, if any: from this node's cache, else from Redis. A token Redis does
   * not know is answered as unknown without asking again for a while.
   */
  public Future<Optional<Identity>> identityOf(String token) {
    Identity cached = identities.get(token);
    if (cached != null) {
      return Future.succeededFuture(Optional.of(cached));
    }
    if (isKnownUnknown(token)) {
      return Future.succeededFuture(Optional.empty());
    }
    long changesBefore = changes.get();
    return redis.send(Request.cmd(Command.GET).arg(tokenKey(token))).map(answer -> {
      if (answer == null) {
        rememberUnknown(token);
        return Optional.empty();
      }
      Identity identity = Identity.fromJson(new JsonObject(answer.toString()));
      remember(token, identity, changesBefore);
      return Optional.of(identity);
    });
  }

  /** Whether this token was found unknown a short while ago (asking Redis again would say the same). */
  public boolean isKnownUnknown(String token) {
    Long until = unknownUntil.get(token);
    if (until == null) {
      return false;
    }
    if (until - nanoClock.getAsLong() > 0) {
      return true;
    }
    unknownUntil.remove(token);
    return false;
  }

  private void rememberUnknown(String token) {
    if (unknownUntil.size() >= MAX_UNKNOWN_TOKENS) {
      unknownUntil.clear();
    }
    unknownUntil.put(token, nanoClock.getAsLong() + UNKNOWN_FOR_NANOS);
  }

  private void remember(String token, Identity identity, long changesWhenRead) {
    if (identities.size() >= MAX_CACHED_TOKENS) {
      identities.clear();
    }
    identities.put(token, identity);
    // A change published while this was read may have been applied before the put: undo it then.
    if (changes.get() != changesWhenRead) {
      identities.remove(token, identity);
    }
  }

  /** This node forgets the identities a change concerns; called before its sockets hear of it. */
  public void forget(IdentityChange change) {
    changes.incrementAndGet();
    identities.values().removeIf(change::concerns);
  }

  /** Tells every node (this one included, through its subscription) to forget some identities. */
  public Future<Void> publish(IdentityChange change) {
    forget(change);
    return redis.send(Request.cmd(Command.PUBLISH).arg(EventChannel.IDENTITIES).arg(change.encode())).mapEmpty();
  }

  /** The hashes of a workshop's tokens, each with the person it proves. */
  public Future<Map<String, String>> tokens(String workshopId) {
    return redis.send(Request.cmd(Command.HGETALL).arg(tokensKey(workshopId))).map(fields -> {
      Map<String, String> byHash = new java.util.HashMap<>();
      if (fields != null) {
        fields.getKeys().forEach(hash -> byHash.put(hash, fields.get(hash).toString()));
      }
      return byHash;
    });
  }

  /** Deletes these tokens (by hash) and takes them off their workshop's list. */
  public Future<Void> deleteTokens(String workshopId, List<String> hashes) {
    if (hashes.isEmpty()) {
      return Future.succeededFuture();
    }
    Request delete = Request.cmd(Command.DEL);
    Request unlist = Request.cmd(Command.HDEL).arg(tokensKey(workshopId));
    hashes.forEach(hash -> {
      delete.arg(TOKEN_PREFIX + hash);
      unlist.arg(hash);
    });
    return redis.send(delete).compose(deleted -> redis.send(unlist)).mapEmpty();
  }

  /** Every token of these people of the workshop stops working (in Redis; {@link #publish} tells the nodes). */
  public Future<Void> deleteTokensOf(String workshopId, String person) {
    return tokens(workshopId).compose(byHash -> {
      List<String> hashes = new ArrayList<>();
      byHash.forEach((hash, owner) -> {
        if (owner.equals(person)) {
          hashes.add(hash);
        }
      });
      return deleteTokens(workshopId, hashes);
    });
  }

  /** The workshop's new join code replaces its old one, which stops working at once. */
  public Future<Void> replaceCode(String workshopId, String oldCode, String newCode) {
    return redis.send(Request.cmd(Command.HSET).arg(workshopKey(workshopId)).arg("code").arg(newCode))
        .compose(saved -> forgetCode(oldCode));
  }

  public Future<Void> setObserverToken(String workshopId, String observerToken) {
    return redis.send(Request.cmd(Command.HSET).arg(workshopKey(workshopId)).arg("observerToken").arg(observerToken))
        .mapEmpty();
  }

  /** When anything last changed in the workshop (ms), as its streams' apply script records it; empty when the workshop is gone. */
  public Future<Optional<Long>> lastActivity(String workshopId) {
    return redis.send(Request.cmd(Command.HGET).arg(workshopKey(workshopId)).arg("lastActivity"))
        .map(answer -> Optional.ofNullable(answer).map(Response::toLong));
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

  private static String tokensKey(String workshopId) {
    return StreamKeys.prefix(workshopId) + "tokens";
  }

  /** The global key of a join code: a deleted workshop must delete its own. */
  static String codeKey(String code) {
    return "parvis:code:" + code;
  }

  private static String tokenKey(String token) {
    return TOKEN_PREFIX + Secrets.sha256(token);
  }
}
