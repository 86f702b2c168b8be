package org.parvis.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.parvis.testing.BoardReplica;
import org.parvis.testing.BridgeClient;
import org.parvis.testing.Commands;
import org.parvis.testing.TestWorkshop;

/**
 * Several clients make random edits to a few shared notes, drop their connection at random (losing
 * replies in flight), reconnect, catch up from their revision and retry what was not acknowledged
 * with the same command id. At the end every client must equal Redis, and no command may have been
 * applied twice. All randomness comes from one seed.
 */
final class ConvergenceFuzz {

  private final Vertx vertx;
  private final int port;
  private final TestWorkshop workshop;
  private final Random random;
  private final String board;
  private final String address;

  ConvergenceFuzz(Vertx vertx, int port, TestWorkshop workshop, long seed) {
    this.vertx = vertx;
    this.port = port;
    this.workshop = workshop;
    this.random = new Random(seed);
    this.board = workshop.board(0);
    this.address = "parvis.board." + board;
  }

  private final class FuzzClient {
    final String token;
    BridgeClient connection;
    BoardReplica replica;
    final List<JsonObject> unacknowledged = new ArrayList<>();

    FuzzClient(String token) {
      this.token = token;
      connect();
    }

    void connect() {
      connection = BridgeClient.connect(vertx, port, token);
      connection.register(address);
      JsonObject catchUp = connection.command(Commands.sync(board, replica == null ? null : replica.rev()));
      if (replica == null) {
        replica = BoardReplica.fromSync(catchUp);
      } else {
        replica.applySync(catchUp);
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
      for (JsonObject event = connection.nextOn(address, 0); event != null; event = connection.nextOn(address, 0)) {
        if (event.getLong("rev") == null || event.getLong("rev") > replica.rev() + 1) {
          replica.applySync(connection.command(Commands.sync(board, replica.rev())));
        } else {
          replica.apply(event);
        }
      }
    }
  }

  void run(int clients, int steps) {
    List<FuzzClient> people = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      people.add(new FuzzClient(workshop.join(vertx, "Fuzz " + i)));
    }
    List<String> noteIds = List.of("a", "b", "c", "d", "e");
    for (int step = 0; step < steps; step++) {
      FuzzClient person = people.get(random.nextInt(people.size()));
      JsonObject command = randomCommand(noteIds);
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

    JsonObject stored = people.get(0).connection.command(Commands.sync(board, null));
    BoardReplica truth = BoardReplica.fromSync(stored);
    for (FuzzClient person : people) {
      person.connection.close();
      person.connect();
      person.absorbEvents();
      person.replica.applySync(person.connection.command(Commands.sync(board, person.replica.rev())));
      assertThat(person.replica.notes()).as("a client's board").isEqualTo(truth.notes());
      person.connection.close();
    }
    assertNoCommandAppliedTwice(people.get(0), truth.rev());
  }

  private void assertNoCommandAppliedTwice(FuzzClient anyone, long rev) {
    BridgeClient connection = BridgeClient.connect(vertx, port, anyone.token);
    try {
      JsonObject log = connection.command(Commands.sync(board, Math.max(0, rev - 1000)));
      Map<String, Long> timesApplied = log.getJsonArray("events").stream().map(JsonObject.class::cast)
          .collect(Collectors.groupingBy(event -> event.getString("cmd"), Collectors.counting()));
      assertThat(timesApplied.values()).as("times each command id was applied").allMatch(count -> count == 1);
    } finally {
      connection.close();
    }
  }

  private JsonObject randomCommand(List<String> noteIds) {
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
