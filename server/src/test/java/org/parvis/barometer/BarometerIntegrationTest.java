package org.parvis.barometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parvis.testing.BridgeClient;
import org.parvis.testing.Commands;
import org.parvis.testing.NodeWithRedis;
import org.parvis.testing.StreamReplica;
import org.parvis.testing.TestWorkshop;

/**
 * The barometer through the real bridge and Redis: answers change until the animator closes it and
 * are refused after; a participant's answer reaches only its author (the others, observers included,
 * get the new tally without the person), by push, catch-up and snapshot, over the WebSocket and
 * SockJS's xhr-polling fallback; the split by category appears only once closed, and only for
 * categories with 3 answers or more.
 */
@ExtendWith(VertxExtension.class)
class BarometerIntegrationTest {

  @RegisterExtension
  static final NodeWithRedis NODE = new NodeWithRedis(Map.of());

  @Test
  void anAnswerReachesItsAuthorAndTheOthersLearnOnlyTheTally(Vertx vertx) {
    Room room = Room.open(vertx);
    String board = room.board;
    String address = Commands.boardAddress(board);
    try (BridgeClient animator = BridgeClient.connect(vertx, NODE.port(), room.animatorToken);
         BridgeClient alice = BridgeClient.connect(vertx, NODE.port(), room.join(vertx, "Alice", "habitant"));
         BridgeClient bruno = BridgeClient.connectPolling(vertx, NODE.port(), room.join(vertx, "Bruno", "habitant"));
         BridgeClient chloe = BridgeClient.connectSockJs(vertx, NODE.port(), room.join(vertx, "Chloé", "habitant"));
         BridgeClient denis = BridgeClient.connect(vertx, NODE.port(), room.join(vertx, "Denis", "elu"));
         BridgeClient observer = BridgeClient.connectPolling(vertx, NODE.port(), room.observerToken)) {
      List<BridgeClient> others = List.of(bruno.keepRawFrames(), chloe.keepRawFrames(), observer.keepRawFrames());
      StreamReplica brunoBefore = null;
      for (BridgeClient client : List.of(animator, alice, bruno, chloe, denis, observer)) {
        client.register(address);
        JsonObject synced = client.command(Commands.boardSnapshot(board));
        JsonObject barometer = synced.getJsonObject("snapshot").getJsonObject("barometer");
        assertThat(barometer.getJsonArray("indicators")).hasSize(4);
        assertThat(barometer.getJsonArray("indicators").getJsonObject(0).getString("low")).isEqualTo("Rendez-vous");
        assertThat(barometer.getJsonArray("mine")).containsExactly("", "", "", "");
        assertThat(barometer.getBoolean("closed")).isFalse();
        if (client == bruno) {
          brunoBefore = StreamReplica.fromSync(synced);
        }
      }

      assertThat(alice.command(answer(board, 0, "2")).getBoolean("ok")).isTrue();
      JsonObject own = nextEventOf(alice, address);
      assertThat(own.getString("type")).isEqualTo("barometer.answered");
      assertThat(own.getString("value")).isEqualTo("2");
      assertThat(own.getString("by")).isEqualTo(room.ids.get("Alice"));
      assertThat(tally(own)).isEqualTo(new JsonObject().put("steps", new JsonArray(List.of(0, 1, 0, 0, 0, 0, 0))).put("unknown", 0));
      for (BridgeClient other : List.of(animator, bruno, chloe, denis, observer)) {
        JsonObject shadow = nextEventOf(other, address);
        assertThat(shadow.getString("type")).as("what the others are pushed").isEqualTo("hidden");
        assertThat(shadow.getLong("rev")).isEqualTo(own.getLong("rev"));
        assertThat(shadow.getInteger("indicator")).isZero();
        assertThat(tally(shadow)).isEqualTo(tally(own));
        assertThat(shadow.fieldNames()).doesNotContain("value", "by", "cmd");
      }

      // Changeable until the animator closes: Alice moves her cursor, the tally follows.
      alice.command(answer(board, 0, "3"));
      assertThat(tally(nextEventOf(bruno, address)).getJsonArray("steps")).containsExactly(0, 0, 1, 0, 0, 0, 0);
      bruno.command(answer(board, 0, "5"));
      chloe.command(answer(board, 0, "unknown"));
      denis.command(answer(board, 0, "6"));
      alice.command(answer(board, 1, "1"));

      JsonObject catchUp = bruno.command(brunoBefore.syncCommand());
      List<JsonObject> events = catchUp.getJsonArray("events").stream().map(JsonObject.class::cast).toList();
      assertThat(events).hasSize(6);
      assertThat(events).filteredOn(event -> !"hidden".equals(event.getString("type")))
          .as("the only answer Bruno's catch-up shows is his own").singleElement()
          .satisfies(event -> assertThat(event.getString("value")).isEqualTo("5"));

      for (BridgeClient reader : List.of(alice, bruno, chloe, denis, observer)) {
        JsonObject barometer = reader.command(Commands.boardSnapshot(board)).getJsonObject("snapshot").getJsonObject("barometer");
        JsonObject first = barometer.getJsonArray("tallies").getJsonObject(0);
        assertThat(first.getJsonArray("steps")).containsExactly(0, 0, 1, 0, 1, 1, 0);
        assertThat(first.getInteger("unknown")).isEqualTo(1);
        assertThat(barometer.getJsonArray("split")).as("no split while open").isEmpty();
        List<Object> mine = barometer.getJsonArray("mine").getList();
        if (reader == alice) {
          assertThat(mine).containsExactly("3", "1", "", "");
        } else if (reader == bruno) {
          assertThat(mine).containsExactly("5", "", "", "");
        } else if (reader == chloe) {
          assertThat(mine).containsExactly("unknown", "", "", "");
        } else if (reader == observer) {
          assertThat(mine).containsExactly("", "", "", "");
        }
      }
      for (BridgeClient other : others) {
        assertThat(other.rawFrames()).as("everything Bruno, Chloé and the projector received")
            .noneMatch(frame -> frame.contains(room.ids.get("Alice")) || frame.contains(room.ids.get("Denis")));
      }

      // Closed: one event to all with the split, only habitants (3 answers) on the first indicator.
      assertThat(bruno.command(close(board, true)).getString("error")).isEqualTo("forbidden");
      assertThat(animator.command(close(board, true)).getBoolean("ok")).isTrue();
      JsonObject closed = nextEventOf(observer, address);
      for (int skipped = 0; !"barometer.closed".equals(closed.getString("type")) && skipped < 10; skipped++) {
        closed = nextEventOf(observer, address);
      }
      assertThat(closed.getString("type")).isEqualTo("barometer.closed");
      assertThat(closed.getBoolean("closed")).isTrue();
      JsonArray split = closed.getJsonArray("split");
      assertThat(split).hasSize(1);
      assertThat(split.getJsonObject(0).getInteger("indicator")).isZero();
      assertThat(split.getJsonObject(0).getString("category")).isEqualTo("habitant");
      assertThat(split.getJsonObject(0).getJsonArray("steps")).containsExactly(0, 0, 1, 0, 1, 0, 0);
      assertThat(split.getJsonObject(0).getInteger("unknown")).isEqualTo(1);

      JsonObject refused = alice.command(answer(board, 0, "7"));
      assertThat(refused.getString("error")).isEqualTo("barometer_closed");
      JsonObject afterClose = alice.command(Commands.boardSnapshot(board)).getJsonObject("snapshot").getJsonObject("barometer");
      assertThat(afterClose.getBoolean("closed")).isTrue();
      assertThat(afterClose.getJsonArray("mine").getString(0)).as("Alice's answer stays what it was").isEqualTo("3");
      assertThat(afterClose.getJsonArray("split")).isEqualTo(split);

      // Reopened: answers change again, and the split is withdrawn until the next close.
      animator.command(close(board, false));
      assertThat(alice.command(answer(board, 0, "7")).getBoolean("ok")).isTrue();
      JsonObject reopened = observer.command(Commands.boardSnapshot(board)).getJsonObject("snapshot").getJsonObject("barometer");
      assertThat(reopened.getBoolean("closed")).isFalse();
      assertThat(reopened.getJsonArray("split")).isEmpty();
      assertThat(reopened.getJsonArray("tallies").getJsonObject(0).getJsonArray("steps")).containsExactly(0, 0, 0, 0, 1, 1, 1);
    }
  }

  @Test
  void theAnimatorSetsTwoToEightIndicatorsAndNoAnsweredOneIsLost(Vertx vertx) {
    Room room = Room.open(vertx);
    String board = room.board;
    try (BridgeClient animator = BridgeClient.connect(vertx, NODE.port(), room.animatorToken);
         BridgeClient alice = BridgeClient.connectPolling(vertx, NODE.port(), room.join(vertx, "Alice", "acteur"))) {
      JsonArray three = new JsonArray()
          .add(indicator("Sociabilité", "Rendez-vous", "Isolement"))
          .add(indicator("Mobilité", "Proximité", "Éloignement"))
          .add(indicator("Initiatives", "Initiatives", "Passivité"));
      assertThat(alice.command(set(board, three)).getString("error")).isEqualTo("forbidden");
      assertThat(animator.command(set(board, new JsonArray().add(indicator("Seul", "a", "b")))).getString("field"))
          .isEqualTo("indicators");
      assertThat(animator.command(set(board, new JsonArray().add(indicator("", "a", "b")).add(indicator("B", "a", "b"))))
          .getString("field")).isEqualTo("indicators.0.title");

      assertThat(alice.command(answer(board, 3, "4")).getBoolean("ok")).isTrue();
      JsonObject refused = animator.command(set(board, three));
      assertThat(refused.getString("error")).as("removing the fourth, which Alice answered").isEqualTo("indicator_answered");
      assertThat(alice.command(answer(board, 8, "4")).getString("field")).isEqualTo("indicator");
      assertThat(alice.command(answer(board, 0, "8")).getString("error")).as("a step beyond 7").isEqualTo("off_scale");
      assertThat(alice.command(answer(board, 0, "0")).getString("error")).as("steps start at 1").isEqualTo("off_scale");
      assertThat(alice.command(answer(board, 0, "101")).getString("field")).isEqualTo("value");

      JsonArray four = three.copy().add(indicator("Intégration", "Initiatives", "Passivité"));
      assertThat(animator.command(set(board, four)).getBoolean("ok")).isTrue();
      JsonArray two = new JsonArray().add(indicator("A", "a", "b")).add(indicator("B", "a", "b"));
      JsonObject barometer = alice.command(Commands.boardSnapshot(board)).getJsonObject("snapshot").getJsonObject("barometer");
      assertThat(barometer.getJsonArray("indicators").getJsonObject(1).getString("title")).isEqualTo("Mobilité");
      assertThat(barometer.getJsonArray("mine")).containsExactly("", "", "", "4");
      assertThat(animator.command(set(board, two)).getString("error")).isEqualTo("indicator_answered");

      JsonObject eight = animator.command(set(board, four.copy().addAll(four)));
      assertThat(eight.getBoolean("ok")).isTrue();
      assertThat(alice.command(answer(board, 7, "unknown")).getBoolean("ok")).isTrue();
      JsonObject grown = alice.command(Commands.boardSnapshot(board)).getJsonObject("snapshot").getJsonObject("barometer");
      assertThat(grown.getJsonArray("tallies")).hasSize(8);
      assertThat(grown.getJsonArray("mine")).containsExactly("", "", "", "4", "", "", "", "unknown");

      String notes = room.notesBoard;
      assertThat(alice.command(answer(notes, 0, "4")).getString("error")).isEqualTo("not_a_barometer");
      assertThat(alice.command(Commands.boardSnapshot(notes)).getJsonObject("snapshot").containsKey("barometer")).isFalse();
    }
  }

  @Test
  void aContinuousCursorCountsEachPlaceAndKeepsEveryAnswerItsAuthors(Vertx vertx) {
    Room room = Room.open(vertx);
    String board = room.board;
    String address = Commands.boardAddress(board);
    try (BridgeClient animator = BridgeClient.connect(vertx, NODE.port(), room.animatorToken);
         BridgeClient alice = BridgeClient.connect(vertx, NODE.port(), room.join(vertx, "Alice", "habitant"));
         BridgeClient bruno = BridgeClient.connectPolling(vertx, NODE.port(), room.join(vertx, "Bruno", "habitant"));
         BridgeClient chloe = BridgeClient.connect(vertx, NODE.port(), room.join(vertx, "Chloé", "habitant"));
         BridgeClient projector = BridgeClient.connectPolling(vertx, NODE.port(), room.observerToken)) {
      JsonArray indicators = animator.command(Commands.boardSnapshot(board)).getJsonObject("snapshot")
          .getJsonObject("barometer").getJsonArray("indicators");
      assertThat(animator.command(set(board, indicators).put("scale", "slider")).getString("field")).isEqualTo("scale");
      assertThat(animator.command(set(board, indicators).put("scale", "continuous")).getBoolean("ok")).isTrue();
      for (BridgeClient client : List.of(bruno.keepRawFrames(), projector.keepRawFrames())) {
        client.register(address);
        JsonObject barometer = client.command(Commands.boardSnapshot(board)).getJsonObject("snapshot").getJsonObject("barometer");
        assertThat(barometer.getString("scale")).isEqualTo("continuous");
        assertThat(barometer.getJsonArray("tallies").getJsonObject(0).getJsonArray("steps")).hasSize(101);
      }

      JsonObject placed = alice.command(answer(board, 0, "63"));
      assertThat(placed.getBoolean("ok")).isTrue();
      // Not the next event: the scale's change, acknowledged before Bruno followed, may still be on its way to him.
      JsonObject shadow = eventOf(bruno, address, placed.getLong("rev"));
      assertThat(shadow.getString("type")).isEqualTo("hidden");
      assertThat(shadow.fieldNames()).doesNotContain("value", "by");
      assertThat(tally(shadow).getJsonArray("steps").getInteger(63)).isEqualTo(1);
      assertThat(alice.command(answer(board, 0, "64")).getBoolean("ok")).as("changeable until closed").isTrue();
      assertThat(bruno.command(answer(board, 0, "0")).getBoolean("ok")).isTrue();
      assertThat(chloe.command(answer(board, 0, "100")).getBoolean("ok")).isTrue();
      assertThat(chloe.command(answer(board, 1, "unknown")).getBoolean("ok")).isTrue();
      assertThat(animator.command(set(board, indicators).put("scale", "steps")).getString("error"))
          .as("the kind of scale, once answered").isEqualTo("barometer_answered");
      assertThat(animator.command(set(board, indicators)).getBoolean("ok")).as("titles without the scale").isTrue();

      JsonObject seen = projector.command(Commands.boardSnapshot(board)).getJsonObject("snapshot").getJsonObject("barometer");
      JsonArray places = seen.getJsonArray("tallies").getJsonObject(0).getJsonArray("steps");
      assertThat(places.getInteger(0) + places.getInteger(64) + places.getInteger(100)).isEqualTo(3);
      assertThat(places.getInteger(63)).as("Alice's first place, moved").isZero();
      assertThat(seen.getJsonArray("tallies").getJsonObject(1).getInteger("unknown")).isEqualTo(1);
      assertThat(seen.getJsonArray("mine")).containsExactly("", "", "", "");
      assertThat(alice.command(Commands.boardSnapshot(board)).getJsonObject("snapshot").getJsonObject("barometer")
          .getJsonArray("mine")).containsExactly("64", "", "", "");

      // Three who preferred not to say their category: counted in the tally, never a row of the split.
      for (String name : List.of("Dan", "Eve", "Fay")) {
        try (BridgeClient unsaid = BridgeClient.connect(vertx, NODE.port(), room.join(vertx, name, "unsaid"))) {
          assertThat(unsaid.command(answer(board, 2, "50")).getBoolean("ok")).isTrue();
        }
      }
      assertThat(animator.command(close(board, true)).getBoolean("ok")).isTrue();
      JsonObject closed = alice.command(Commands.boardSnapshot(board)).getJsonObject("snapshot").getJsonObject("barometer");
      assertThat(closed.getJsonArray("tallies").getJsonObject(2).getJsonArray("steps").getInteger(50)).isEqualTo(3);
      JsonArray split = closed.getJsonArray("split");
      assertThat(split).as("the habitants on the first scale; not the three who did not say").hasSize(1);
      assertThat(split.getJsonObject(0).getJsonArray("steps")).hasSize(101);
      for (BridgeClient other : List.of(bruno, projector)) {
        assertThat(other.rawFrames()).as("everything Bruno and the projector received")
            .noneMatch(frame -> frame.contains(room.ids.get("Alice")) || frame.contains(room.ids.get("Chloé"))
                || frame.contains("\"64\"") || frame.contains("\"100\""));
      }
    }
  }

  private static JsonObject tally(JsonObject event) {
    return event.getJsonObject("tally");
  }

  private static JsonObject answer(String board, int indicator, String value) {
    return new JsonObject().put("type", "barometer.answer").put("id", Commands.freshId()).put("board", board)
        .put("indicator", indicator).put("value", value);
  }

  private static JsonObject close(String board, boolean closed) {
    return new JsonObject().put("type", "barometer.close").put("id", Commands.freshId()).put("board", board).put("closed", closed);
  }

  private static JsonObject set(String board, JsonArray indicators) {
    return new JsonObject().put("type", "barometer.set").put("id", Commands.freshId()).put("board", board).put("indicators", indicators);
  }

  private static JsonObject indicator(String title, String low, String high) {
    return new JsonObject().put("title", title).put("low", low).put("high", high);
  }

  private static JsonObject eventOf(BridgeClient client, String address, long rev) {
    for (JsonObject event = nextEventOf(client, address); ; event = nextEventOf(client, address)) {
      if (event.getLong("rev") >= rev) {
        return event;
      }
    }
  }

  private static JsonObject nextEventOf(BridgeClient client, String address) {
    for (JsonObject event = client.nextOn(address, 10_000); event != null; event = client.nextOn(address, 10_000)) {
      if (event.getLong("rev") != null && !event.getString("type").startsWith("stream.")) {
        return event;
      }
    }
    throw new AssertionError("no event on " + address);
  }

  /** A workshop of atelier 1: a barometer board and a board of notes; people join it with their category. */
  private record Room(String code, String board, String notesBoard, String animatorToken, String observerToken,
      Map<String, String> ids) {

    static Room open(Vertx vertx) {
      JsonObject created = TestWorkshop.post(vertx, NODE.port(), "/api/workshops", new JsonObject()
          .put("title", "Atelier 1").put("groups", new JsonArray()
              .add(new JsonObject().put("name", "Baromètre").put("template", "barometre"))
              .add(new JsonObject().put("name", "Images").put("template", "pepites")))).bodyAsJsonObject();
      JsonObject workshop = created.getJsonObject("workshop");
      JsonArray boards = workshop.getJsonArray("boards");
      return new Room(workshop.getString("code"), boards.getJsonObject(0).getString("id"), boards.getJsonObject(1).getString("id"),
          created.getString("animatorToken"), created.getString("observerToken"), new java.util.concurrent.ConcurrentHashMap<>());
    }

    String join(Vertx vertx, String name, String category) {
      JsonObject joined = TestWorkshop.post(vertx, NODE.port(), "/api/join", new JsonObject()
          .put("code", code).put("name", name).put("category", category).put("board", board)).bodyAsJsonObject();
      ids.put(name, joined.getJsonObject("participant").getString("id"));
      return joined.getString("token");
    }
  }
}
