package org.parvis.bench;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * One simulated person: a participant who edits its board, the plenary screen or an observer who
 * follow all boards. Everything it owns is touched only on its event loop.
 *
 * <p>Command ids are {@code c<client>_<seq>_<send time>} (base 36, send time in microseconds on the
 * driver's clock), so every receiver of the event, which carries the id as {@code cmd}, computes the
 * latency from the send to its own arrival without any shared map.
 */
final class BenchClient implements Transport.Listener {

  enum Role { PARTICIPANT, PLENARY, OBSERVER }

  private static final String[] COLORS = {"yellow", "pink", "blue", "green", "orange", "purple"};
  private static final Set<String> TRANSIENT_ERRORS = Set.of("unavailable", "rate_limited");

  private enum Kind { SYNC, RESYNC, CHECK, EDIT, SETUP }

  private static final class Pending {
    final Kind kind;
    final Replica replica;
    final long sentNanos;
    final Promise<JsonObject> answer;

    Pending(Kind kind, Replica replica, long sentNanos, Promise<JsonObject> answer) {
      this.kind = kind;
      this.replica = replica;
      this.sentNanos = sentNanos;
      this.answer = answer;
    }
  }

  final int id;
  final Role role;
  final WorkshopInfo workshop;
  final Replica[] replicas;
  private final String idText;
  private final String token;
  private final Replica home;
  private final LoadDriver driver;
  private final Stats stats;
  private final Vertx vertx;
  private final Context context;
  private final Transport transport;
  private final SplittableRandom random;
  private final Map<String, Pending> pending = new HashMap<>();
  private final Promise<Void> ready = Promise.promise();
  private final String sendPrefix;
  private long seq;
  private int syncsOutstanding;
  private long pingTimer = -1;
  private long editTimer = -1;
  private long handshakeTimer = -1;
  /** A person who joined in a storm: also reads its session and the workshop stream, as the web client, and does not edit. */
  volatile boolean silent;
  volatile boolean isReady;
  volatile boolean failed;
  private boolean stopped;

  BenchClient(int id, Role role, String token, WorkshopInfo workshop, List<BoardInfo> boards, LoadDriver driver,
      Context context, Transport transport, long seed) {
    this.id = id;
    this.idText = Integer.toString(id, 36);
    this.role = role;
    this.token = token;
    this.workshop = workshop;
    this.replicas = boards.stream().map(Replica::new).toArray(Replica[]::new);
    this.home = role == Role.PARTICIPANT ? replicas[0] : null;
    this.driver = driver;
    this.stats = driver.stats;
    // The instance that runs this client's loop: the driver's, or the joiners' own in a storm.
    this.vertx = context.owner();
    this.context = context;
    this.transport = transport;
    this.random = new SplittableRandom(seed);
    this.sendPrefix = "{\"type\":\"send\",\"address\":\"parvis.cmd\",\"headers\":{\"token\":\"" + token
        + "\"},\"replyAddress\":\"";
  }

  String transportKind() {
    return transport.kind();
  }

  /** Connects, registers on every board and syncs each; completes when all snapshots are in. */
  Future<Void> start() {
    context.runOnContext(none -> {
      handshakeTimer = vertx.setTimer(driver.config.handshakeTimeoutMs, t -> {
        handshakeTimer = -1;
        if (!isReady && !failed) {
          onClosed("handshake_timeout", "not ready after " + driver.config.handshakeTimeoutMs + " ms");
          transport.close();
        }
      });
      transport.open(this);
    });
    return ready.future();
  }

  @Override
  public void onOpen() {
    for (Replica replica : replicas) {
      send("{\"type\":\"register\",\"address\":\"" + replica.board.address + "\",\"headers\":{\"token\":\"" + token
          + "\"}}");
    }
    syncsOutstanding = replicas.length;
    if (silent) {
      // As the web client after a join: its session and the workshop stream, besides its board.
      String workshopStream = "workshop:" + workshop.id;
      send("{\"type\":\"register\",\"address\":\"parvis.workshop." + workshop.id + "\",\"headers\":{\"token\":\"" + token
          + "\"}}");
      syncsOutstanding += 2;
      command(Kind.SETUP, null, "{\"type\":\"workshop.get\"}", null);
      command(Kind.SETUP, null, "{\"type\":\"stream.sync\",\"stream\":\"" + workshopStream + "\"}", null);
    }
    for (Replica replica : replicas) {
      sync(replica);
    }
    long period = driver.config.pingIntervalMs;
    pingTimer = vertx.setPeriodic(1 + random.nextLong(period), period, t -> onPingTimer());
  }

  /** As the web client does: a busy or unreachable server is asked again a little later. */
  private void retryLater(Runnable request) {
    vertx.setTimer(250 + random.nextInt(500), t -> {
      if (!stopped && !failed) {
        request.run();
      }
    });
  }

  private void sync(Replica replica) {
    command(Kind.SYNC, replica, "{\"type\":\"stream.sync\",\"stream\":\"board:" + replica.board.id + "\"}", null);
  }

  @Override
  public void onMessage(String text) {
    long arrival = System.nanoTime();
    stats.framesReceived.increment();
    JsonObject frame;
    try {
      frame = new JsonObject(text);
    } catch (DecodeException e) {
      stats.commandError("bad_frame");
      return;
    }
    String type = frame.getString("type");
    String address = frame.getString("address");
    if ("err".equals(type)) {
      Pending waiting = address == null ? null : pending.remove(address);
      if (waiting != null) {
        stats.commandError("bridge_" + frame.getValue("failureCode") + "_" + frame.getString("message"));
        if (waiting.answer != null) {
          waiting.answer.tryFail("error frame " + frame.encode());
        }
        if (waiting.kind == Kind.SYNC) {
          onClosed("sync_refused", frame.encode());
        }
      } else {
        stats.commandError("bridge_err_" + frame.getValue("body"));
      }
      return;
    }
    if (address == null) {
      return;
    }
    if (address.startsWith("parvis.board.")) {
      for (Replica replica : replicas) {
        if (replica.board.address.equals(address)) {
          onEvent(replica, frame.getJsonObject("body"), arrival);
          return;
        }
      }
      return;
    }
    Pending waiting = pending.remove(address);
    if (waiting == null) {
      if (!address.startsWith("parvis.")) {
        stats.commandError("late_reply");
      }
      return;
    }
    onAnswer(waiting, frame.getJsonObject("body"), arrival);
  }

  private void onEvent(Replica replica, JsonObject event, long arrival) {
    if (event == null) {
      return;
    }
    String type = event.getString("type");
    if ("stream.resync".equals(type)) {
      stats.serverResyncs.increment();
      resync(replica);
      return;
    }
    if ("stream.head".equals(type)) {
      onHead(replica, event);
      return;
    }
    if (!replica.synced) {
      replica.early.add(new Object[] {event, arrival});
      return;
    }
    live(replica, event, arrival);
  }

  /**
   * As the contract says: a head ahead of the replica is a gap (the periodic check syncs if it lasts,
   * events in flight usually fill it first); the same revision with another hash is another history.
   */
  private void onHead(Replica replica, JsonObject head) {
    if (!replica.synced) {
      return;
    }
    long rev = head.getLong("rev", 0L);
    if (rev > replica.appliedRev && replica.gapSinceNanos == 0) {
      replica.gapSinceNanos = System.nanoTime();
    } else if (rev == replica.appliedRev && !head.getString("h", "").equals(replica.appliedH)) {
      resync(replica);
    }
  }

  private void live(Replica replica, JsonObject event, long arrival) {
    long rev = event.getLong("rev", 0L);
    if (rev <= replica.syncRev) {
      return;
    }
    if (!replica.markSeen(rev)) {
      stats.duplicates.increment();
      return;
    }
    stats.eventsReceived.increment();
    String cmd = event.getString("cmd");
    if (cmd != null && cmd.length() > 3 && cmd.charAt(0) == 'c') {
      int first = cmd.indexOf('_');
      int last = cmd.lastIndexOf('_');
      boolean own = first - 1 == idText.length() && cmd.regionMatches(1, idText, 0, first - 1);
      if (first > 0 && last > first && !own) {
        try {
          long sentMicros = Long.parseLong(cmd, last + 1, cmd.length(), 36);
          long micros = LoadDriver.micros(arrival) - sentMicros;
          stats.latency.recordValue(Math.max(0, micros));
          stats.latencyTick.recordValue(Math.max(0, micros));
        } catch (NumberFormatException ignored) {
          // not one of ours
        }
      }
    }
    if (replica.offer(rev, event)) {
      stats.outOfOrder.increment();
    }
  }

  private void onAnswer(Pending waiting, JsonObject answer, long arrival) {
    if (answer == null) {
      return;
    }
    boolean ok = answer.getBoolean("ok", false);
    switch (waiting.kind) {
      case SYNC -> {
        if (!ok) {
          String error = answer.getString("error");
          stats.commandError("sync_" + error);
          if (TRANSIENT_ERRORS.contains(error)) {
            retryLater(() -> sync(waiting.replica));
          } else {
            onClosed("sync_refused", answer.encode());
          }
          return;
        }
        Replica replica = waiting.replica;
        replica.loadSnapshot(answer);
        replica.syncRev = replica.appliedRev;
        replica.synced = true;
        for (Object[] early : replica.early) {
          live(replica, (JsonObject) early[0], (Long) early[1]);
        }
        replica.early.clear();
        if (--syncsOutstanding == 0) {
          becomeReady();
        }
      }
      case RESYNC -> {
        if (!ok) {
          String error = answer.getString("error");
          stats.commandError("resync_" + error);
          if (TRANSIENT_ERRORS.contains(error)) {
            retryLater(() -> resync(waiting.replica));
          }
          return;
        }
        Replica replica = waiting.replica;
        JsonArray events = answer.getJsonArray("events");
        if (events != null) {
          for (int i = 0; i < events.size(); i++) {
            JsonObject event = events.getJsonObject(i);
            replica.offer(event.getLong("rev"), event);
          }
        } else if (answer.getJsonObject("snapshot") != null) {
          replica.loadSnapshot(answer);
        }
      }
      case SETUP -> {
        if (!ok) {
          stats.commandError("setup_" + answer.getString("error"));
        }
        if (--syncsOutstanding == 0) {
          becomeReady();
        }
      }
      case CHECK -> waiting.answer.tryComplete(answer);
      case EDIT -> {
        if (ok) {
          stats.editsAcked.increment();
          long micros = Math.max(0, (arrival - waiting.sentNanos) / 1_000);
          stats.ackLatency.recordValue(micros);
          stats.ackTick.recordValue(micros);
          long rev = answer.getLong("rev", 0L);
          waiting.replica.board.maxAckedRev.accumulateAndGet(rev, Math::max);
        } else {
          stats.commandError(String.valueOf(answer.getString("error")));
        }
      }
      default -> { }
    }
  }

  private void becomeReady() {
    if (handshakeTimer >= 0) {
      vertx.cancelTimer(handshakeTimer);
      handshakeTimer = -1;
    }
    isReady = true;
    ready.tryComplete();
    if (role == Role.PARTICIPANT && !stopped && !silent) {
      scheduleEdit(random.nextLong(driver.config.editIntervalMs));
    }
  }

  private void scheduleEdit(long delay) {
    editTimer = vertx.setTimer(Math.max(1, delay), t -> {
      if (stopped || failed) {
        return;
      }
      if (driver.editing) {
        edit();
      }
      long jitter = driver.config.editJitterMs;
      scheduleEdit(driver.config.editIntervalMs + (jitter > 0 ? random.nextLong(-jitter, jitter + 1) : 0));
    });
  }

  /**
   * One edit on the home board: create 30%, move 40%, edit text 15%, recolour 10%, delete 5%. A
   * participant changes only its own notes (the server refuses the others' with not_author), so
   * a change picks one of this client's notes, and creates one when it has none.
   */
  private void edit() {
    Replica replica = home;
    long sequence = ++seq;
    long sentMicros = LoadDriver.micros(System.nanoTime());
    String cmd = "c" + idText + "_" + Long.toString(sequence, 36) + "_" + Long.toString(sentMicros, 36);
    String board = replica.board.id;
    int roll = random.nextInt(100);
    StringBuilder body = new StringBuilder(256);
    Replica.Note note = roll < 30 ? null : replica.randomWithPrefix(random, "n" + idText + "_");
    if (note == null) {
      String noteId = "n" + idText + "_" + Long.toString(sequence, 36);
      body.append("{\"type\":\"note.create\",\"id\":\"").append(cmd).append("\",\"board\":\"").append(board)
          .append("\",\"note\":{\"id\":\"").append(noteId).append("\",\"text\":\"note ").append(cmd)
          .append("\",\"color\":\"").append(COLORS[random.nextInt(COLORS.length)])
          .append("\",\"zone\":\"").append(zone(replica))
          .append("\",\"x\":").append(random.nextInt(10_000)).append(",\"y\":").append(random.nextInt(10_000))
          .append("}}");
    } else {
      if (roll < 95) {
        body.append("{\"type\":\"note.update\",\"id\":\"").append(cmd).append("\",\"board\":\"").append(board)
            .append("\",\"noteId\":\"").append(note.id).append("\",\"fields\":{");
        if (roll < 70) {
          body.append("\"x\":").append(random.nextInt(10_000)).append(",\"y\":").append(random.nextInt(10_000))
              .append(",\"zone\":\"").append(zone(replica)).append('"');
        } else if (roll < 85) {
          body.append("\"text\":\"edit ").append(cmd).append(" sent ").append(sentMicros).append('"');
        } else {
          body.append("\"color\":\"").append(COLORS[random.nextInt(COLORS.length)]).append('"');
        }
        body.append("}}");
      } else {
        body.append("{\"type\":\"note.delete\",\"id\":\"").append(cmd).append("\",\"board\":\"").append(board)
            .append("\",\"noteId\":\"").append(note.id).append("\"}");
      }
    }
    stats.editsSent.increment();
    command(Kind.EDIT, replica, body.toString(), null);
  }

  private String zone(Replica replica) {
    List<String> zones = replica.board.zones;
    return zones.isEmpty() ? "z1" : zones.get(random.nextInt(zones.size()));
  }

  private void command(Kind kind, Replica replica, String body, Promise<JsonObject> answer) {
    String replyAddress = "r" + idText + "." + Long.toString(++seq, 36);
    pending.put(replyAddress, new Pending(kind, replica, System.nanoTime(), answer));
    send(sendPrefix + replyAddress + "\",\"body\":" + body + "}");
  }

  private void send(String frame) {
    stats.framesSent.increment();
    transport.send(frame);
  }

  private void resync(Replica replica) {
    if (!replica.synced) {
      return;
    }
    command(Kind.RESYNC, replica, "{\"type\":\"stream.sync\",\"stream\":\"board:" + replica.board.id + "\",\"since\":"
        + replica.appliedRev + ",\"h\":\"" + replica.appliedH + "\"}", null);
  }

  private void onPingTimer() {
    if (stopped || failed) {
      return;
    }
    send("{\"type\":\"ping\"}");
    long now = System.nanoTime();
    long timeout = driver.config.commandTimeoutMs * 1_000_000L;
    for (Iterator<Pending> it = pending.values().iterator(); it.hasNext(); ) {
      Pending waiting = it.next();
      if (now - waiting.sentNanos > timeout) {
        it.remove();
        stats.commandError("no_reply_" + waiting.kind.name().toLowerCase());
        if (waiting.answer != null) {
          waiting.answer.tryFail("no reply");
        }
        // As the web client: a read with no answer in time is asked again, or the replica would stay behind for good.
        switch (waiting.kind) {
          case SYNC -> retryLater(() -> sync(waiting.replica));
          case RESYNC -> retryLater(() -> resync(waiting.replica));
          default -> { }
        }
      }
    }
    // A client that sees a gap in the revisions for 5 s does what the protocol says: sync from its last revision.
    for (Replica replica : replicas) {
      if (replica.gapSinceNanos != 0 && now - replica.gapSinceNanos > 5_000_000_000L) {
        replica.gapSinceNanos = now;
        stats.gapResyncs.increment();
        resync(replica);
      }
    }
  }

  @Override
  public void onClosed(String kind, String detail) {
    if (stopped || failed) {
      return;
    }
    failed = true;
    stats.connectionError(kind);
    driver.noteConnectionError(this, kind, detail);
    cancelTimers();
    ready.tryFail(kind + ": " + detail);
  }

  private void cancelTimers() {
    for (long timer : new long[] {pingTimer, editTimer, handshakeTimer}) {
      if (timer >= 0) {
        vertx.cancelTimer(timer);
      }
    }
    pingTimer = editTimer = handshakeTimer = -1;
  }

  /** A fresh stream.sync (no since): the stored state, for the final comparison. */
  Future<JsonObject> snapshot(Replica replica) {
    Promise<JsonObject> answer = Promise.promise();
    context.runOnContext(none -> command(Kind.CHECK, replica, "{\"type\":\"stream.sync\",\"stream\":\"board:"
        + replica.board.id + "\"}", answer));
    return answer.future();
  }

  /** Lost live deliveries for the given step, counted on this client's event loop. */
  Future<Long> missing(int step) {
    Promise<Long> result = Promise.promise();
    context.runOnContext(none -> {
      long lost = 0;
      if (isReady) {
        for (Replica replica : replicas) {
          long to = replica.board.endRev[step];
          if (to > 0) {
            lost += replica.missing(replica.board.endRevBefore(step), to);
          }
        }
      }
      result.complete(lost);
    });
    return result.future();
  }

  /** For each replica of this client, null if equal to the stored board, else the difference. */
  Future<List<String>> compare(Map<BoardInfo, JsonObject> stored, Map<BoardInfo, Map<String, Replica.Note>> notes) {
    Promise<List<String>> result = Promise.promise();
    context.runOnContext(none -> {
      List<String> differences = new ArrayList<>();
      for (Replica replica : replicas) {
        JsonObject answer = stored.get(replica.board);
        if (answer == null || !isReady) {
          differences.add(null);
          continue;
        }
        String difference = replica.differenceFrom(answer.getLong("rev"), notes.get(replica.board));
        if (replica.anomalies > 0) {
          difference = (difference == null ? "" : difference + "; ") + replica.anomalies + " events applied to unknown notes";
        }
        differences.add(difference);
      }
      result.complete(differences);
    });
    return result.future();
  }

  Future<Void> stop() {
    Promise<Void> done = Promise.promise();
    context.runOnContext(none -> {
      stopped = true;
      cancelTimers();
      transport.close();
      done.complete();
    });
    return done.future();
  }

  String describe() {
    return role.name().toLowerCase() + " #" + id + " (" + transport.kind() + ") of workshop " + workshop.id;
  }
}
