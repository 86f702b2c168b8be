package org.parvis.bench;

import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.sockjs.SockJSHandler;
import io.vertx.ext.web.handler.sockjs.SockJSHandlerOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The ceiling of this machine for the Parvis workload: a bare Vert.x WebSocket broadcast server that
 * speaks just enough of Parvis's bridge frames for the same driver (register, send to parvis.cmd with
 * note.* and stream.sync of a board, always answered with a snapshot, ping) and the two setup endpoints, with no persistence, no bridge, no auth and
 * no validation beyond what keeps its in-memory boards consistent. Each event is encoded once and the
 * same text is written to every socket of the board. The raw WebSocket is at /eventbus/websocket; a
 * plain SockJS endpoint (no event bus) at /eventbus serves the driver's xhr_streaming share.
 */
public final class BaselineServer {

  private static final Map<String, Integer> ZONES = Map.of("free", 1, "pepites", 3, "grille", 4, "tendances", 4,
      "barometre", 4);

  private final Vertx vertx;
  private final boolean ownVertx;

  private BaselineServer(Vertx vertx, boolean ownVertx) {
    this.vertx = vertx;
    this.ownVertx = ownVertx;
  }

  public static void main(String[] args) {
    String host = "127.0.0.1";
    int port = 8090;
    int instances = Runtime.getRuntime().availableProcessors();
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--host" -> host = args[i + 1];
        case "--port" -> port = Integer.parseInt(args[i + 1]);
        case "--instances" -> instances = Integer.parseInt(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(instances));
    start(vertx, host, port, instances).await();
    System.out.println("Baseline server listening on " + host + ":" + port + " with " + instances + " event loops");
  }

  public static Future<BaselineServer> start(Vertx vertx, String host, int port, int instances) {
    State state = new State();
    return vertx.deployVerticle(() -> new Node(state, host, port), new DeploymentOptions().setInstances(instances))
        .map(id -> new BaselineServer(vertx, false));
  }

  /** Starts on its own Vert.x; {@link #stop()} closes it. */
  public static BaselineServer startOwn(String host, int port, int instances) {
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(instances));
    start(vertx, host, port, instances).await();
    return new BaselineServer(vertx, true);
  }

  public Future<Void> stop() {
    return ownVertx ? vertx.close() : Future.succeededFuture();
  }

  // ---- shared state -----------------------------------------------------------------------------

  private static final class State {
    final Map<String, Room> rooms = new ConcurrentHashMap<>();
    final Map<String, JsonObject> workshopsByCode = new ConcurrentHashMap<>();
    final AtomicLong ids = new AtomicLong();
  }

  /** One connected socket, raw WebSocket or SockJS, written only on its own event loop. */
  private static final class Conn {
    final Context context;
    final Consumer<String> write;
    final List<Room> rooms = new ArrayList<>();

    Conn(Context context, Consumer<String> write) {
      this.context = context;
      this.write = write;
    }
  }

  /**
   * A board: revision, notes, and its sockets grouped by event loop. Changes happen under the room's
   * lock, and the writes are queued on each event loop inside it, so every socket sees the revisions
   * in order.
   */
  private static final class Room {
    final String id;
    final String address;
    final JsonArray zones;
    final Map<String, JsonObject> notes = new LinkedHashMap<>();
    Map<Context, Conn[]> members = Map.of();
    long rev;

    Room(String id, JsonArray zones) {
      this.id = id;
      this.address = "parvis.board." + id;
      this.zones = zones;
    }

    synchronized void join(Conn conn) {
      Map<Context, Conn[]> next = new HashMap<>(members);
      Conn[] current = next.getOrDefault(conn.context, new Conn[0]);
      Conn[] grown = Arrays.copyOf(current, current.length + 1);
      grown[current.length] = conn;
      next.put(conn.context, grown);
      members = next;
    }

    synchronized void leave(Conn conn) {
      Conn[] current = members.get(conn.context);
      if (current == null) {
        return;
      }
      Map<Context, Conn[]> next = new HashMap<>(members);
      Conn[] shrunk = Arrays.stream(current).filter(c -> c != conn).toArray(Conn[]::new);
      if (shrunk.length == 0) {
        next.remove(conn.context);
      } else {
        next.put(conn.context, shrunk);
      }
      members = next;
    }

    /** Under the lock: one task per event loop, writing the same text to each of its sockets. */
    void broadcast(String text) {
      for (Map.Entry<Context, Conn[]> group : members.entrySet()) {
        Conn[] conns = group.getValue();
        group.getKey().runOnContext(none -> {
          for (Conn conn : conns) {
            conn.write.accept(text);
          }
        });
      }
    }
  }

  // ---- one event loop's server ------------------------------------------------------------------

  private static final class Node extends VerticleBase {

    private final State state;
    private final String host;
    private final int port;

    Node(State state, String host, int port) {
      this.state = state;
      this.host = host;
      this.port = port;
    }

    @Override
    public Future<?> start() {
      Router router = Router.router(vertx);
      router.get("/health").handler(ctx -> ctx.json(new JsonObject().put("status", "UP").put("server", "baseline")));
      router.post("/api/workshops").handler(BodyHandler.create(false)).handler(this::createWorkshop);
      router.post("/api/join").handler(BodyHandler.create(false)).handler(this::join);
      router.route("/eventbus/*").handler(BodyHandler.create(false).setBodyLimit(64 * 1024));
      router.route("/eventbus/*").subRouter(SockJSHandler.create(vertx, new SockJSHandlerOptions()
          .setRegisterWriteHandler(false)).socketHandler(sock -> {
            Conn conn = new Conn(vertx.getOrCreateContext(), sock::write);
            sock.handler(buffer -> onFrame(conn, buffer.toString()));
            sock.endHandler(none -> leaveAll(conn));
          }));
      HttpServerOptions options = new HttpServerOptions().setHost(host).setPort(port)
          .setPerMessageWebSocketCompressionSupported(false)
          .setPerFrameWebSocketCompressionSupported(false)
          .setMaxWebSocketFrameSize(16 * 1024)
          .setMaxWebSocketMessageSize(64 * 1024);
      return vertx.createHttpServer(options)
          .webSocketHandshakeHandler(handshake -> {
            if ("/eventbus/websocket".equals(handshake.path())) {
              handshake.accept();
            } else {
              handshake.reject(404);
            }
          })
          .webSocketHandler(ws -> {
            Conn conn = new Conn(vertx.getOrCreateContext(), ws::writeTextMessage);
            ws.textMessageHandler(text -> onFrame(conn, text));
            ws.closeHandler(none -> leaveAll(conn));
          })
          .requestHandler(router)
          .listen();
    }

    private void leaveAll(Conn conn) {
      conn.rooms.forEach(room -> room.leave(conn));
      conn.rooms.clear();
    }

    private void onFrame(Conn conn, String text) {
      JsonObject frame;
      try {
        frame = new JsonObject(text);
      } catch (DecodeException e) {
        conn.write.accept("{\"type\":\"err\",\"body\":\"invalid_json\"}");
        return;
      }
      String type = frame.getString("type", "");
      String address = frame.getString("address", "");
      switch (type) {
        case "ping" -> { }
        case "register" -> {
          Room room = address.startsWith("parvis.board.") ? state.rooms.get(address.substring(13)) : null;
          if (room == null) {
            conn.write.accept("{\"type\":\"err\",\"body\":\"access_denied\"}");
          } else {
            room.join(conn);
            conn.rooms.add(room);
          }
        }
        case "unregister" -> conn.rooms.removeIf(room -> {
          boolean match = room.address.equals(address);
          if (match) {
            room.leave(conn);
          }
          return match;
        });
        case "send" -> {
          String replyAddress = frame.getString("replyAddress");
          if ("parvis.cmd".equals(address) && frame.getValue("body") instanceof JsonObject command) {
            command(conn, command, replyAddress);
          } else {
            conn.write.accept("{\"type\":\"err\",\"body\":\"access_denied\"}");
          }
        }
        default -> { }
      }
    }

    private void command(Conn conn, JsonObject command, String replyAddress) {
      String type = command.getString("type", "");
      boolean sync = type.equals("stream.sync");
      Room room = state.rooms.get(sync ? command.getString("stream", "").replaceFirst("^board:", "") : command.getString("board", ""));
      if (room == null) {
        reply(conn, replyAddress, refusal("unknown_board"));
        return;
      }
      if (sync) {
        synchronized (room) {
          JsonArray notes = new JsonArray();
          room.notes.values().forEach(note -> notes.add(note.copy()));
          reply(conn, replyAddress, new JsonObject().put("ok", true).put("rev", room.rev).put("snapshot",
              new JsonObject().put("board", new JsonObject().put("id", room.id).put("zones", room.zones)
                  .put("locked", false)).put("notes", notes)));
        }
        return;
      }
      long now = System.currentTimeMillis();
      synchronized (room) {
        JsonObject event = new JsonObject();
        switch (type) {
          case "note.create" -> {
            JsonObject note = command.getJsonObject("note");
            String noteId = note == null ? null : note.getString("id");
            if (noteId == null) {
              reply(conn, replyAddress, refusal("invalid_field"));
              return;
            }
            if (room.notes.containsKey(noteId)) {
              reply(conn, replyAddress, refusal("note_exists"));
              return;
            }
            JsonObject stored = note.copy().put("author", "p").put("authorName", "P").put("createdAt", now)
                .put("updatedAt", now);
            room.notes.put(noteId, stored);
            event.put("type", "note.created").put("note", stored.copy());
          }
          case "note.update" -> {
            String noteId = command.getString("noteId");
            JsonObject stored = noteId == null ? null : room.notes.get(noteId);
            JsonObject fields = command.getJsonObject("fields");
            if (stored == null || fields == null) {
              reply(conn, replyAddress, refusal("unknown_note"));
              return;
            }
            fields.forEach(field -> stored.put(field.getKey(), field.getValue()));
            stored.put("updatedAt", now);
            event.put("type", "note.updated").put("noteId", noteId).put("fields", fields);
          }
          case "note.delete" -> {
            String noteId = command.getString("noteId");
            if (noteId == null || room.notes.remove(noteId) == null) {
              reply(conn, replyAddress, refusal("unknown_note"));
              return;
            }
            event.put("type", "note.deleted").put("noteId", noteId);
          }
          default -> {
            reply(conn, replyAddress, refusal("unknown_command"));
            return;
          }
        }
        long rev = ++room.rev;
        event.put("board", room.id).put("rev", rev).put("cmd", command.getString("id")).put("by", "p").put("at", now);
        room.broadcast(new JsonObject().put("type", "rec").put("address", room.address).put("body", event).encode());
        reply(conn, replyAddress, new JsonObject().put("ok", true).put("rev", rev));
      }
    }

    private static JsonObject refusal(String code) {
      return new JsonObject().put("ok", false).put("error", code);
    }

    /** Replies go through the socket's event-loop queue too, behind the events queued before them. */
    private static void reply(Conn conn, String replyAddress, JsonObject body) {
      if (replyAddress == null) {
        return;
      }
      String text = new JsonObject().put("type", "rec").put("address", replyAddress).put("body", body).encode();
      conn.context.runOnContext(none -> conn.write.accept(text));
    }

    // ---- the two setup endpoints, with fake ids and tokens ------------------------------------------

    private void createWorkshop(RoutingContext ctx) {
      JsonObject body = ctx.body().asJsonObject();
      String workshopId = "b" + state.ids.incrementAndGet();
      JsonArray boards = new JsonArray();
      JsonArray groups = body == null ? new JsonArray() : body.getJsonArray("groups", new JsonArray());
      for (int i = 0; i < groups.size(); i++) {
        JsonObject group = groups.getJsonObject(i);
        String template = group.getString("template", "free");
        JsonArray zones = new JsonArray();
        for (int z = 1; z <= ZONES.getOrDefault(template, 1); z++) {
          zones.add(new JsonObject().put("id", "z" + z).put("title", "Zone " + z));
        }
        String boardId = workshopId + "-" + (i + 1);
        state.rooms.put(boardId, new Room(boardId, zones));
        boards.add(new JsonObject().put("id", boardId).put("name", group.getString("name")).put("template", template)
            .put("zones", zones).put("locked", false));
      }
      String code = "C" + state.ids.incrementAndGet();
      JsonObject workshop = new JsonObject().put("id", workshopId).put("title", body == null ? "" : body.getString("title"))
          .put("date", "").put("code", code).put("boards", boards)
          .put("plenary", new JsonObject().put("boards", new JsonArray()));
      state.workshopsByCode.put(code.toUpperCase(), workshop);
      ctx.response().setStatusCode(201).putHeader("Content-Type", "application/json")
          .end(new JsonObject().put("workshop", workshop).put("animatorToken", "a" + state.ids.incrementAndGet())
              .put("observerToken", "o" + state.ids.incrementAndGet()).encode());
    }

    private void join(RoutingContext ctx) {
      JsonObject body = ctx.body().asJsonObject();
      JsonObject workshop = body == null ? null : state.workshopsByCode.get(body.getString("code", "").toUpperCase());
      if (workshop == null) {
        ctx.response().setStatusCode(404).putHeader("Content-Type", "application/json")
            .end(new JsonObject().put("error", "unknown_code").encode());
        return;
      }
      String participantId = "p" + state.ids.incrementAndGet();
      ctx.response().putHeader("Content-Type", "application/json").end(new JsonObject()
          .put("token", "t" + state.ids.incrementAndGet())
          .put("participant", new JsonObject().put("id", participantId).put("name", body.getString("name"))
              .put("category", body.getString("category", "autre")).put("board", body.getString("board")))
          .put("workshop", workshop).encode());
    }
  }
}
