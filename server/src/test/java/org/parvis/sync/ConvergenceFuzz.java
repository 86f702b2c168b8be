package org.parvis.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.parvis.testing.BridgeClient;
import org.parvis.testing.Commands;
import org.parvis.testing.StoredStream;
import org.parvis.testing.StreamReplica;
import org.parvis.testing.TestWorkshop;

/**
 * Participants make random edits to a few shared notes while two animators change the plenary and
 * lock and unlock the board; everyone drops their connection at random (losing replies in flight),
 * reconnects, registers before it reads, catches up each stream from its revision and hash, and
 * resends what was not acknowledged with the same command id. At the end every client must equal
 * Redis on the board and on the workshop stream, notes in the same order, and no command may have
 * been applied twice. All randomness comes from one seed.
 */
final class ConvergenceFuzz {

  private final Vertx vertx;
  private final int port;
  private final String redisUrl;
  private final TestWorkshop workshop;
  private final Random random;
  private final String board;
  private final List<String> streams;

  ConvergenceFuzz(Vertx vertx, int port, String redisUrl, TestWorkshop workshop, long seed) {
    this.vertx = vertx;
    this.port = port;
    this.redisUrl = redisUrl;
    this.workshop = workshop;
    this.random = new Random(seed);
    this.board = workshop.board(0);
    this.streams = List.of("board:" + board, "workshop:" + workshop.id());
  }

  private final class FuzzClient {
    final String token;
    final boolean animator;
    BridgeClient connection;
    final Map<String, StreamReplica> replicas = new HashMap<>();
    final List<JsonObject> unacknowledged = new ArrayList<>();

    FuzzClient(String token, boolean animator) {
      this.token = token;
      this.animator = animator;
      connect();
    }

    void connect() {
      connection = BridgeClient.connect(vertx, port, token);
      for (String stream : streams) {
        connection.register(address(stream));
        StreamReplica replica = replicas.get(stream);
        JsonObject catchUp = connection.command(replica == null ? Commands.sync(stream) : replica.syncCommand());
        if (replica == null) {
          replicas.put(stream, StreamReplica.fromSync(catchUp));
        } else {
          replica.applySync(catchUp);
        }
      }
      List<JsonObject> retries = new ArrayList<>(unacknowledged);
      unacknowledged.clear();
      retries.forEach(this::send);
    }

    void send(JsonObject command) {
      JsonObject answer = connection.command(command);
      if (!answer.getBoolean("ok") && "unavailable".equals(answer.getString("error"))) {
        unacknowledged.add(command);
      }
    }

    /** Sends without waiting for the reply, then drops the connection: the reply is lost. */
    void sendThenDrop(JsonObject command) {
      unacknowledged.add(command);
      connection.commandAsync(command);
      connection.close();
      connect();
    }

    void absorbEvents() {
      for (String stream : streams) {
        StreamReplica replica = replicas.get(stream);
        for (JsonObject event = connection.nextOn(address(stream), 0); event != null; event = connection.nextOn(address(stream), 0)) {
          boolean behind = switch (event.getString("type")) {
            case "stream.resync" -> true;
            case "stream.head" -> replica.isBehind(event);
            default -> event.getLong("rev") > replica.rev() + 1;
          };
          if (behind) {
            replica.applySync(connection.command(replica.syncCommand()));
          } else if (!event.getString("type").startsWith("stream.")) {
            replica.apply(event);
          }
        }
      }
    }
  }

  void run(int participants, int steps) {
    List<FuzzClient> people = new ArrayList<>();
    people.add(new FuzzClient(workshop.animatorToken(), true));
    people.add(new FuzzClient(workshop.animatorToken(), true));
    for (int i = 0; i < participants; i++) {
      people.add(new FuzzClient(workshop.join(vertx, "Fuzz " + i), false));
    }
    List<String> noteIds = List.of("a", "b", "c", "d", "e");
    for (int step = 0; step < steps; step++) {
      FuzzClient person = people.get(random.nextInt(people.size()));
      JsonObject command = person.animator && random.nextInt(3) == 0 ? randomWorkshopCommand() : randomNoteCommand(noteIds);
      int dice = random.nextInt(100);
      if (dice < 8) {
        person.sendThenDrop(command);
      } else if (dice < 12) {
        person.connection.close();
        person.connect();
      } else {
        person.send(command);
      }
      if (random.nextInt(4) == 0) {
        person.absorbEvents();
      }
    }

    Map<String, StreamReplica> truth = new HashMap<>();
    for (String stream : streams) {
      truth.put(stream, StreamReplica.fromSync(people.get(0).connection.command(Commands.sync(stream))));
    }
    for (FuzzClient person : people) {
      person.connection.close();
      person.connect();
      person.absorbEvents();
      for (String stream : streams) {
        StreamReplica replica = person.replicas.get(stream);
        replica.applySync(person.connection.command(replica.syncCommand()));
        StreamReplica stored = truth.get(stream);
        assertThat(replica.rev()).as("a client's revision of " + stream).isEqualTo(stored.rev());
        assertThat(replica.h()).as("a client's chain hash of " + stream).isEqualTo(stored.h());
        assertThat(replica.notes()).as("a client's notes").isEqualTo(stored.notes());
        assertThat(replica.receivedOrder()).as("the order a client holds notes in").isEqualTo(stored.receivedOrder());
        assertThat(replica.stackingOrder()).as("the order a client stacks notes in").isEqualTo(stored.receivedOrder());
        assertThat(replica.plenary()).as("a client's plenary").isEqualTo(stored.plenary());
        assertThat(replica.locks()).as("a client's locks").isEqualTo(stored.locks());
      }
      person.connection.close();
    }
    for (String stream : streams) {
      Map<String, Long> timesApplied = StoredStream.events(vertx, redisUrl, workshop.id(), stream).stream()
          .collect(Collectors.groupingBy(event -> event.getString("cmd"), Collectors.counting()));
      assertThat(timesApplied.values()).as("times each command id was applied on " + stream).allMatch(count -> count == 1);
    }
  }

  private static String address(String stream) {
    return stream.startsWith("board:") ? Commands.boardAddress(stream.substring(6)) : Commands.workshopAddress(stream.substring(9));
  }

  private JsonObject randomWorkshopCommand() {
    return random.nextInt(4) == 0
        ? Commands.lock(board, random.nextBoolean())
        : Commands.showOnPlenary(random.nextBoolean() ? List.of(board) : List.of());
  }

  private JsonObject randomNoteCommand(List<String> noteIds) {
    String noteId = noteIds.get(random.nextInt(noteIds.size()));
    return switch (random.nextInt(6)) {
      case 0 -> Commands.createNote(board, noteId, "note " + noteId);
      case 1 -> Commands.deleteNote(board, noteId);
      case 2 -> Commands.updateNote(board, noteId, new JsonObject().put("color", List.of("blue", "pink", "green").get(random.nextInt(3))));
      case 3 -> Commands.updateNote(board, noteId, new JsonObject().put("zone", "z" + (1 + random.nextInt(3))).put("x", random.nextInt(280)));
      default -> Commands.updateNote(board, noteId, new JsonObject().put("text", "texte " + random.nextInt(1000)));
    };
  }
}
