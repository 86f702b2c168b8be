package org.parvis.agenda;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.parvis.testing.BridgeClient;
import org.parvis.testing.Commands;
import org.parvis.testing.ParvisNode;
import org.parvis.testing.RedisProcess;
import org.parvis.testing.TestWorkshop;

/** The agenda and the timers through the real bridge, on two nodes sharing one Redis. */
@ExtendWith(VertxExtension.class)
class AgendaTimerIntegrationTest {

  private static final Map<String, String> UNTHROTTLED = Map.of("PARVIS_RATE_PER_SECOND", "1000", "PARVIS_RATE_BURST", "1000");

  @Test
  void everyScreenOnEitherNodeGetsTheSameEndInstantThroughPauseResumeAndMinutes(Vertx vertx) {
    try (RedisProcess redis = RedisProcess.start();
         ParvisNode first = ParvisNode.start(redis.url(), UNTHROTTLED);
         ParvisNode second = ParvisNode.start(redis.url(), UNTHROTTLED)) {
      TestWorkshop workshop = TestWorkshop.create(vertx, first.port(), "Minuteur", "A", "B");
      String address = Commands.workshopAddress(workshop.id());
      try (BridgeClient lead = BridgeClient.connect(vertx, first.port(), workshop.animatorToken());
           BridgeClient phone = BridgeClient.connectPolling(vertx, second.port(), workshop.join(vertx, "Sylvie"))) {
        lead.register(address);
        phone.register(address);

        long before = lead.command(new JsonObject().put("type", "clock.get")).getLong("time");
        assertOk(lead.command(timer("start").put("durationMs", 600_000)));
        JsonObject onLead = nextTimer(lead, address);
        JsonObject onPhone = nextTimer(phone, address);
        long endsAt = onLead.getLong("endsAt");
        assertThat(onPhone.getLong("endsAt")).as("the same end instant on the other node").isEqualTo(endsAt);
        assertThat(endsAt - before).isBetween(600_000L, 602_000L);
        long phoneClock = phone.command(new JsonObject().put("type", "clock.get")).getLong("time");
        assertThat(endsAt - phoneClock).as("what the phone computes from the server's time").isBetween(595_000L, 600_000L);

        assertOk(lead.command(timer("pause")));
        long remaining = nextTimer(phone, address).getLong("remainingMs");
        assertThat(nextTimer(lead, address).containsKey("endsAt")).as("a paused timer has no end instant").isFalse();
        assertThat(remaining).isBetween(595_000L, 600_000L);
        assertThat(lead.command(timer("pause")).getString("error")).isEqualTo("timer_not_running");

        RedisProcess.sleep(300);
        long resumedAfter = lead.command(new JsonObject().put("type", "clock.get")).getLong("time");
        assertOk(lead.command(timer("resume")));
        long resumedEnd = nextTimer(phone, address).getLong("endsAt");
        nextTimer(lead, address);
        assertThat(resumedEnd - remaining).as("resumed with what was left").isBetween(resumedAfter, resumedAfter + 2_000);
        assertThat(lead.command(timer("resume")).getString("error")).isEqualTo("timer_not_paused");

        assertOk(lead.command(timer("add").put("deltaMs", 60_000)));
        assertThat(nextTimer(phone, address).getLong("endsAt")).isEqualTo(resumedEnd + 60_000);
        assertThat(nextTimer(lead, address).getLong("endsAt")).isEqualTo(resumedEnd + 60_000);
        assertOk(lead.command(timer("add").put("deltaMs", -60_000)));
        assertOk(lead.command(timer("add").put("deltaMs", -60_000)));
        nextTimer(lead, address);
        nextTimer(phone, address);
        assertThat(nextTimer(phone, address).getLong("endsAt")).isEqualTo(resumedEnd - 60_000);

        assertThat(phone.command(timer("stop")).getString("error")).as("a participant").isEqualTo("forbidden");
        assertOk(lead.command(timer("stop")));
        JsonObject stopped = nextEvent(phone, address, "timer.changed");
        assertThat(stopped.containsKey("timer")).as("stopped: no timer").isFalse();
      }
    }
  }

  @Test
  void aBoardFrozenAtZeroRefusesParticipantsNotesUntilTheAnimatorReopensIt(Vertx vertx) {
    try (RedisProcess redis = RedisProcess.start(); ParvisNode node = ParvisNode.start(redis.url(), UNTHROTTLED)) {
      TestWorkshop workshop = TestWorkshop.create(vertx, node.port(), "Gel", "A", "B");
      String groupA = workshop.board(0);
      String groupB = workshop.board(1);
      JsonObject invited = TestWorkshop.postAs(vertx, node.port(), workshop.animatorToken(), "/api/animators",
          new JsonObject().put("name", "Bernard").put("board", groupB)).bodyAsJsonObject();
      try (BridgeClient lead = BridgeClient.connect(vertx, node.port(), workshop.animatorToken());
           BridgeClient bernard = BridgeClient.connect(vertx, node.port(), invited.getString("token"));
           BridgeClient sylvie = BridgeClient.connect(vertx, node.port(), workshop.join(vertx, "Sylvie"))) {
        assertThat(bernard.command(timer("start").put("group", groupA).put("durationMs", 60_000)).getString("error"))
            .as("another group's timer").isEqualTo("forbidden");
        assertOk(bernard.command(timer("start").put("group", groupB).put("durationMs", 1_000).put("freezeAtZero", true)));
        assertOk(sylvie.command(Commands.createNote(groupB, "before", "avant zéro")));
        RedisProcess.sleep(1_200);

        JsonObject refused = sylvie.command(Commands.createNote(groupB, "after", "trop tard"));
        assertThat(refused.getString("error")).isEqualTo("input_frozen");
        assertThat(refused.getString("message")).isNotBlank();
        assertThat(sylvie.command(Commands.updateNote(groupB, "before", new JsonObject().put("text", "changé"))).getString("error"))
            .isEqualTo("input_frozen");
        assertOk(sylvie.command(Commands.createNote(groupA, "elsewhere", "l'autre groupe n'est pas gelé")));
        assertOk(bernard.command(Commands.createNote(groupB, "scribe", "l'animateur écrit encore")));

        assertOk(bernard.command(timer("add").put("group", groupB).put("deltaMs", 60_000)));
        assertOk(sylvie.command(Commands.createNote(groupB, "extra", "une minute de plus")));

        assertOk(lead.command(timer("start").put("durationMs", 1_000).put("freezeAtZero", true)));
        RedisProcess.sleep(1_200);
        assertThat(sylvie.command(Commands.deleteNote(groupA, "elsewhere")).getString("error"))
            .as("the workshop's timer freezes every board").isEqualTo("input_frozen");
        assertOk(lead.command(timer("stop")));
        assertOk(sylvie.command(Commands.deleteNote(groupA, "elsewhere")));

        assertOk(lead.command(timer("start").put("durationMs", 1_000)));
        RedisProcess.sleep(1_200);
        assertOk(sylvie.command(Commands.createNote(groupA, "unfrozen", "sans gel, zéro ne bloque rien")));
        JsonObject board = sylvie.command(Commands.boardSnapshot(groupB)).getJsonObject("snapshot");
        assertThat(board.getJsonArray("notes").stream().map(note -> ((JsonObject) note).getString("id")))
            .containsExactly("before", "scribe", "extra");
      }
    }
  }

  @Test
  void theAgendaMovesOneTapAtATimeAndKeepsEachBoardAsItWasWhenItsSequenceEnded(Vertx vertx) {
    try (RedisProcess redis = RedisProcess.start();
         ParvisNode first = ParvisNode.start(redis.url(), UNTHROTTLED);
         ParvisNode second = ParvisNode.start(redis.url(), UNTHROTTLED)) {
      TestWorkshop workshop = TestWorkshop.create(vertx, first.port(), "Soirée", "A", "B");
      String groupA = workshop.board(0);
      String address = Commands.workshopAddress(workshop.id());
      try (BridgeClient lead = BridgeClient.connect(vertx, first.port(), workshop.animatorToken());
           BridgeClient projector = BridgeClient.connect(vertx, second.port(), workshop.observerToken());
           BridgeClient sylvie = BridgeClient.connect(vertx, second.port(), workshop.join(vertx, "Sylvie"))) {
        projector.register(address);
        JsonArray agenda = new JsonArray()
            .add(sequence("s1", "Sous-groupes", "subgroups", 40, new JsonArray().add(groupA)))
            .add(sequence("s2", "Restitution", "plenary", 20, new JsonArray()))
            .add(sequence("s3", "Pause", "break", 10, new JsonArray()));
        assertOk(lead.command(change("agenda.set").put("sequences", agenda)));
        assertThat(nextEvent(projector, address, "agenda.changed").getJsonArray("sequences").size()).isEqualTo(3);
        JsonObject badMinutes = lead.command(change("agenda.set").put("sequences",
            new JsonArray().add(sequence("s1", "Sous-groupes", "subgroups", 0, new JsonArray()))));
        assertThat(badMinutes.getString("field")).isEqualTo("sequences.0.minutes");
        assertThat(sylvie.command(change("sequence.go").put("to", "next")).getString("error")).isEqualTo("forbidden");

        assertOk(lead.command(change("sequence.go").put("to", "next")));
        JsonObject started = nextEvent(projector, address, "sequence.changed");
        assertThat(started.getString("current")).isEqualTo("s1");
        assertThat(started.containsKey("snapshot")).as("nothing ended").isFalse();
        assertOk(sylvie.command(Commands.createNote(groupA, "n1", "avant la fin")));
        assertOk(sylvie.command(change("participant.done").put("done", true)));

        assertOk(lead.command(change("sequence.go").put("to", "next")));
        JsonObject second2 = nextEvent(projector, address, "sequence.changed");
        JsonArray roster = lead.command(Commands.sync("workshop:" + workshop.id())).getJsonObject("snapshot")
            .getJsonObject("workshop").getJsonArray("participants");
        assertThat(roster.getJsonObject(0).getBoolean("done")).as("\"j'ai fini\" was about the sequence that ended").isFalse();
        assertOk(lead.command(change("vote.open").put("vote", "garder").put("title", "Actions à garder").put("board", groupA)
            .put("notes", new JsonArray()).put("budget", 3)));
        assertThat(second2.getString("current")).isEqualTo("s2");
        assertThat(second2.getLong("snapshot")).isEqualTo(1L);
        assertOk(sylvie.command(Commands.updateNote(groupA, "n1", new JsonObject().put("text", "après la fin"))));
        assertOk(sylvie.command(Commands.createNote(groupA, "n2", "plus tard")));

        assertThat(lead.command(change("agenda.set").put("sequences", new JsonArray().add(agenda.getJsonObject(0))))
            .getString("error")).as("the sequence in progress removed").isEqualTo("sequence_in_progress");
        assertThat(lead.command(change("sequence.go").put("to", "s9")).getString("error")).isEqualTo("unknown_sequence");

        JsonObject fresh = projector.command(Commands.sync("workshop:" + workshop.id())).getJsonObject("snapshot");
        assertThat(fresh.getJsonObject("agenda").getString("current")).isEqualTo("s2");
        assertThat(fresh.getJsonObject("agenda").getJsonArray("sequences")).isEqualTo(agenda);

        JsonObject list = lead.command(new JsonObject().put("type", "sequence.snapshot"));
        assertThat(list.getJsonArray("snapshots").size()).isEqualTo(1);
        JsonObject kept = list.getJsonArray("snapshots").getJsonObject(0);
        assertThat(kept.getString("sequence")).isEqualTo("s1");
        assertThat(kept.getJsonArray("boards").getList()).containsExactly(groupA);
        assertThat(kept.getJsonArray("votes")).as("no vote was opened in s1").isEmpty();
        JsonObject notes = lead.command(new JsonObject().put("type", "sequence.snapshot").put("n", 1).put("board", groupA));
        assertThat(notes.getJsonArray("notes").size()).isEqualTo(1);
        assertThat(notes.getJsonArray("notes").getJsonObject(0).getString("text")).isEqualTo("avant la fin");
        assertThat(lead.command(new JsonObject().put("type", "sequence.snapshot").put("n", 1).put("board", workshop.board(1)))
            .getString("error")).as("s1 did not keep board B").isEqualTo("unknown_sequence");
        assertThat(sylvie.command(new JsonObject().put("type", "sequence.snapshot")).getString("error")).isEqualTo("forbidden");

        assertOk(lead.command(change("sequence.go").put("to", "end")));
        JsonObject ended = nextEvent(projector, address, "sequence.changed");
        assertThat(ended.containsKey("current")).isFalse();
        assertThat(ended.getLong("snapshot")).isEqualTo(2L);
        JsonObject everyBoard = lead.command(new JsonObject().put("type", "sequence.snapshot"))
            .getJsonArray("snapshots").getJsonObject(1);
        assertThat(everyBoard.getJsonArray("boards").getList()).as("a sequence naming no board keeps them all")
            .containsExactly(groupA, workshop.board(1));
        assertThat(everyBoard.getJsonArray("votes").getList()).as("the vote of s2 is kept with s2").containsExactly("garder");
        assertThat(lead.command(new JsonObject().put("type", "sequence.snapshot").put("n", 2).put("board", groupA))
            .getJsonArray("notes").size()).isEqualTo(2);
      }
    }
  }

  private static JsonObject sequence(String id, String title, String kind, int minutes, JsonArray boards) {
    return new JsonObject().put("id", id).put("title", title).put("kind", kind).put("minutes", minutes).put("boards", boards);
  }

  private static JsonObject change(String type) {
    return new JsonObject().put("type", type).put("id", Commands.freshId());
  }

  private static JsonObject timer(String action) {
    return change("timer.set").put("action", action);
  }

  private static void assertOk(JsonObject answer) {
    assertThat(answer.getBoolean("ok")).as(answer.encode()).isTrue();
  }

  private static JsonObject nextTimer(BridgeClient client, String address) {
    return nextEvent(client, address, "timer.changed").getJsonObject("timer");
  }

  private static JsonObject nextEvent(BridgeClient client, String address, String type) {
    long deadline = System.currentTimeMillis() + 5_000;
    while (System.currentTimeMillis() < deadline) {
      JsonObject event = client.nextOn(address, 1_000);
      if (event != null && type.equals(event.getString("type"))) {
        return event;
      }
    }
    throw new AssertionError("no " + type + " on " + address);
  }
}
