package org.parvis.stream;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.parvis.protocol.Event;
import org.parvis.protocol.Protocol;
import org.parvis.store.BatchedScript;
import org.parvis.store.EventChannel;
import org.parvis.store.LuaScript;
import org.parvis.sync.RejectedException;
import org.parvis.sync.Rejection;
import org.parvis.workshop.Identity;

/**
 * The engine's storage: every change to any stream goes through {@link #apply}, one Lua script
 * (docs/engine.md); catch-up through {@link #read}. All keys of a workshop, its boards included,
 * are under the hash tag {@code {w:<workshopId>}}.
 */
public final class StreamStore {

  public static final int LOG_LENGTH = 1_000;
  private static final Duration COMMAND_MEMORY = Duration.ofDays(2);
  /** The line of apply.lua the type files take the place of. */
  public static final String TYPES_MARKER = "--@types@";
  private static final LuaScript READ = LuaScript.fromResource(StreamStore.class, "read.lua");

  private final Redis redis;
  private final BatchedScript apply;
  private final BatchedScript reads;
  private final Consumer<StreamId> applied;

  /**
   * {@code functions}: one Lua file per command type, each adding {@code APPLY['<type>']};
   * {@code applied} is told of every change this node applied, before it is acknowledged;
   * beyond {@code maxHeld} changes (or reads) waiting for Redis, the next one fails at once.
   */
  public StreamStore(Redis redis, List<LuaScript.Part> functions, Consumer<StreamId> applied, int maxHeld) {
    this.redis = redis;
    this.applied = applied;
    this.apply = new BatchedScript(redis, applyScript(functions), maxHeld);
    this.reads = new BatchedScript(redis, READ, maxHeld);
  }

  /** The one apply script, with these command types' functions. */
  public static LuaScript applyScript(List<LuaScript.Part> functions) {
    // Redis runs the script's top level on every EVALSHA: a run defines the functions of its own type only.
    return LuaScript.assembleByType(new LuaScript.Part(StreamStore.class, "apply.lua"), TYPES_MARKER, functions, "CALLED");
  }

  /**
   * A change to apply. {@code body} is the event's body as the client will see it (the script adds
   * the envelope, and may complete it); {@code rules} are what the type's function needs to decide.
   */
  public record ApplyRequest(StreamId stream, String type, String commandId, String by, long at, Event body,
      Map<String, Object> rules) {}

  /** What happened to a change: {@code status} is "ok", "duplicate" or a refusal code. */
  public record Outcome(String status, long rev) {}

  /** A client's catch-up: log entries after its revision, or the parts of a snapshot of its stream's kind. */
  public record CatchUp(long rev, String h, List<String> entries, List<Response> parts) {
    public boolean isSnapshot() {
      return entries == null;
    }

    public Response state() {
      return parts.get(0);
    }

    public Response extra() {
      return parts.get(1);
    }

    /** The snapshot's part at this position (0 is {@link #state}, 1 {@link #extra}). */
    public Response part(int index) {
      return parts.get(index);
    }
  }

  public record Head(StreamId stream, long rev, String h) {}

  /** Starts a stream at revision 0, with a random chain hash: a stream created anew has another history. */
  public Future<Void> create(StreamId stream) {
    String genesis = StreamKeys.genesisHash();
    return redis.send(Request.cmd(Command.HSET).arg(StreamKeys.head(stream))
            .arg("rev").arg("0").arg("h").arg(genesis).arg("h0").arg(genesis))
        .mapEmpty();
  }

  public Future<Outcome> apply(ApplyRequest change) {
    return apply.run(keys(change), arguments(change)).map(result -> {
      Outcome outcome = new Outcome(result.get(0).toString(), result.get(1).toLong());
      // A duplicate may be this node's own change, applied in a batch that failed as a whole and was sent again.
      if ("ok".equals(outcome.status()) || "duplicate".equals(outcome.status())) {
        applied.accept(change.stream());
      }
      return outcome;
    });
  }

  /** The apply script's KEYS for a change (the benchmark's ApplyCost sends the same). */
  public static List<String> keys(ApplyRequest change) {
    return List.of(StreamKeys.head(change.stream()));
  }

  /** The apply script's ARGV for a change, as apply.lua lists them: each a String, or UTF-8 bytes Jackson wrote. */
  public static List<Object> arguments(ApplyRequest change) {
    StreamId stream = change.stream();
    return List.of(change.type(), stream.wire(), StreamKeys.prefix(stream.workshopId()), change.commandId(),
        change.by(), Long.toString(change.at()), Protocol.encodeUtf8(change.body()), Protocol.encodeUtf8(change.rules()),
        Integer.toString(LOG_LENGTH), Long.toString(COMMAND_MEMORY.toSeconds()), EventChannel.NAME);
  }

  /**
   * Applies a change and answers the client: {@code {"stream", "rev"}} (and {@code "duplicate"} for
   * a command id already applied), or a failed future carrying the refusal, worded by {@code refusals}.
   */
  public Future<JsonObject> submit(ApplyRequest change, Map<String, String> refusals) {
    return apply(change).compose(outcome -> switch (outcome.status()) {
      case "ok" -> Future.succeededFuture(new JsonObject().put("stream", change.stream().wire()).put("rev", outcome.rev()));
      case "duplicate" -> Future.succeededFuture(new JsonObject().put("stream", change.stream().wire())
          .put("rev", outcome.rev()).put("duplicate", true));
      case "unknown_stream" -> Future.failedFuture(unknownStream(change.stream()));
      default -> Future.failedFuture(new RejectedException(
          Rejection.of(outcome.status(), refusals.getOrDefault(outcome.status(), "Refused."))));
    });
  }

  /** {@code reader}: a snapshot holds only what this reader may see (the roster for animators, a participant's own dots). */
  public Future<CatchUp> read(StreamId stream, Long since, String h, Identity reader) {
    List<String> args = List.of(stream.wire(), StreamKeys.prefix(stream.workshopId()),
        since == null ? "" : since.toString(), h == null ? "" : h, reader.role().wireName(), reader.participantId());
    return reads.run(List.of(StreamKeys.head(stream)), args).compose(result -> {
      String kind = result.get(0).toString();
      if ("unknown_stream".equals(kind)) {
        return Future.failedFuture(unknownStream(stream));
      }
      long rev = result.get(1).toLong();
      String head = result.get(2).toString();
      return Future.succeededFuture("events".equals(kind)
          ? new CatchUp(rev, head, result.get(3).stream().map(Response::toString).toList(), null)
          : new CatchUp(rev, head, null, result.stream().skip(3).toList()));
    });
  }

  /** The head of each stream, in one round trip; a stream that does not exist is left out. */
  public Future<List<Head>> heads(List<StreamId> streams) {
    if (streams.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    List<Request> requests = streams.stream()
        .map(stream -> Request.cmd(Command.HMGET).arg(StreamKeys.head(stream)).arg("rev").arg("h"))
        .toList();
    return redis.batch(requests).map(answers -> {
      List<Head> heads = new ArrayList<>();
      for (int i = 0; i < streams.size(); i++) {
        Response answer = answers.get(i);
        if (answer != null && answer.get(0) != null && answer.get(1) != null) {
          heads.add(new Head(streams.get(i), answer.get(0).toLong(), answer.get(1).toString()));
        }
      }
      return heads;
    });
  }


  private static RejectedException unknownStream(StreamId stream) {
    return new RejectedException(stream.kind() == StreamId.Kind.BOARD
        ? Rejection.of("unknown_board", "No board " + stream.id() + ".")
        : Rejection.invalidField("stream", "No stream " + stream.wire() + "."));
  }
}
