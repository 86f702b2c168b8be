package org.parvis.vote;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.parvis.testing.BridgeClient;
import org.parvis.testing.Commands;
import org.parvis.testing.ParvisNode;
import org.parvis.testing.RedisProcess;
import org.parvis.testing.StreamReplica;
import org.parvis.testing.TestWorkshop;

/**
 * Dot votes through the real bridge and Redis: the budget holds against fast taps on two nodes,
 * a dot reaches only its voter until the vote closes (push, catch-up, snapshot; WebSocket and
 * SockJS polling), and each vote of an evening keeps its own results.
 */
@ExtendWith(VertxExtension.class)
class VoteIntegrationTest {

  private static final Map<String, String> UNTHROTTLED = Map.of("PARVIS_RATE_PER_SECOND", "1000", "PARVIS_RATE_BURST", "1000");
  private static final List<String> ACTIONS = List.of("n-cafe", "n-bus", "n-jardin");

  @Test
  void fiftyTapsOnTwoNodesPlaceExactlyTheBudget(Vertx vertx) throws Exception {
    try (RedisProcess redis = RedisProcess.start();
         ParvisNode first = ParvisNode.start(redis.url(), UNTHROTTLED);
         ParvisNode second = ParvisNode.start(redis.url(), UNTHROTTLED)) {
      TestWorkshop workshop = TestWorkshop.create(vertx, first.port(), "Atelier 3", "Actions");
      String board = workshop.board(0);
      String voter = workshop.join(vertx, "Sylvie");
      try (BridgeClient animator = BridgeClient.connect(vertx, first.port(), workshop.animatorToken());
           BridgeClient phone = BridgeClient.connect(vertx, first.port(), voter);
           BridgeClient tablet = BridgeClient.connect(vertx, second.port(), voter)) {
        addActions(animator, board);
        assertOk(animator.command(Commands.openVote("v1", board, 5)));

        List<CompletableFuture<JsonObject>> taps = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
          taps.add((i % 2 == 0 ? phone : tablet).commandAsync(Commands.castDot("v1", board, ACTIONS.get(i % ACTIONS.size()))));
        }
        Map<String, Long> answers = taps.stream().map(CompletableFuture::join)
            .collect(Collectors.groupingBy(answer -> answer.getBoolean("ok") ? "ok" : answer.getString("error"), Collectors.counting()));
        assertThat(answers).isEqualTo(Map.of("ok", 5L, "no_dots_left", 45L));

        JsonObject mine = voteState(phone, workshop, 0).getJsonObject("mine");
        assertThat(mine.stream().mapToInt(entry -> ((Number) entry.getValue()).intValue()).sum()).isEqualTo(5);
        assertThat(voteState(animator, workshop, 0).getJsonObject("progress"))
            .isEqualTo(new JsonObject().put("voters", 1).put("dots", 5));

        assertOk(animator.command(Commands.openVote("v2", board, 6).put("maxPerItem", 2)));
        List<CompletableFuture<JsonObject>> onOneNote = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
          onOneNote.add((i % 2 == 0 ? phone : tablet).commandAsync(Commands.castDot("v2", board, "n-bus")));
        }
        assertThat(onOneNote.stream().map(CompletableFuture::join).filter(answer -> answer.getBoolean("ok")).count())
            .as("dots on one note, at most 2").isEqualTo(2);
      }
    }
  }

  @Test
  void aSecretVoteReachesNobodyButItsVoterUntilItCloses(Vertx vertx) {
    try (RedisProcess redis = RedisProcess.start(); ParvisNode node = ParvisNode.start(redis.url(), UNTHROTTLED)) {
      TestWorkshop workshop = TestWorkshop.create(vertx, node.port(), "Secret", "Actions");
      String board = workshop.board(0);
      String stream = "workshop:" + workshop.id();
      String address = org.parvis.testing.Commands.workshopAddress(workshop.id());
      try (BridgeClient animator = BridgeClient.connect(vertx, node.port(), workshop.animatorToken());
           BridgeClient voter = BridgeClient.connect(vertx, node.port(), workshop.join(vertx, "Sylvie"));
           BridgeClient neighbour = BridgeClient.connect(vertx, node.port(), workshop.join(vertx, "Alice"));
           BridgeClient overPolling = BridgeClient.connectPolling(vertx, node.port(), workshop.join(vertx, "Bruno"));
           BridgeClient projector = BridgeClient.connectPolling(vertx, node.port(), workshop.observerToken())) {
        addActions(animator, board);
        List<BridgeClient> others = List.of(animator, neighbour, overPolling, projector);
        Map<BridgeClient, StreamReplica> before = new HashMap<>();
        for (BridgeClient client : List.of(animator, voter, neighbour, overPolling, projector)) {
          client.register(address);
        }
        long opened = animator.command(Commands.openVote("v1", board, 3)).getLong("rev");
        for (BridgeClient client : List.of(animator, voter, neighbour, overPolling, projector)) {
          // The joins may still reach a follower after its register: the vote's opening is the event of its own revision.
          assertThat(client.eventAt(address, opened, 10_000).getString("type")).isEqualTo("vote.opened");
          before.put(client, StreamReplica.fromSync(client.command(Commands.sync(stream))));
        }
        others.forEach(BridgeClient::keepRawFrames);
        assertThat(before.get(projector).rev()).isEqualTo(opened);

        assertOk(voter.command(Commands.castDot("v1", board, "n-jardin")));
        assertOk(voter.command(Commands.castDot("v1", board, "n-jardin")));

        JsonObject placed = nextEventOf(voter, address);
        assertThat(placed.getString("type")).isEqualTo("vote.placed");
        assertThat(placed.getString("noteId")).isEqualTo("n-jardin");
        assertThat(placed.getInteger("mine")).isEqualTo(1);
        assertThat(nextEventOf(voter, address).getInteger("mine")).isEqualTo(2);
        for (BridgeClient other : others) {
          JsonObject shadow = nextEventOf(other, address);
          assertThat(shadow.getString("type")).as("what another follower is pushed").isEqualTo("hidden");
          assertThat(shadow.getString("vote")).isEqualTo("v1");
          assertThat(shadow.getJsonObject("progress")).isEqualTo(new JsonObject().put("voters", 1).put("dots", 1));
          assertThat(shadow.getLong("rev")).isEqualTo(placed.getLong("rev"));
          assertThat(shadow.getString("h")).isEqualTo(placed.getString("h"));
          assertThat(nextEventOf(other, address).getJsonObject("progress").getInteger("dots")).isEqualTo(2);

          JsonArray catchUp = other.command(before.get(other).syncCommand()).getJsonArray("events");
          assertThat(catchUp).hasSize(2);
          assertThat(catchUp.getJsonObject(1).getJsonObject("progress").getInteger("dots")).isEqualTo(2);
          assertThat(catchUp.stream().map(event -> ((JsonObject) event).getString("type"))).containsOnly("hidden");
          assertThat(other.rawFrames()).as("everything another follower received, pushed or caught up")
              .isNotEmpty()
              .noneMatch(frame -> frame.contains("n-jardin") || frame.contains("vote.placed") || frame.contains("\"mine\""));

          JsonObject vote = voteState(other, workshop, 0);
          assertThat(vote.getJsonObject("mine")).as("another reader's dots in a snapshot").isEmpty();
          assertThat(vote.containsKey("result")).isFalse();
          assertThat(vote.containsKey("tally")).isFalse();
          assertThat(vote.getJsonObject("progress").getInteger("dots")).isEqualTo(2);
        }
        assertThat(voteState(voter, workshop, 0).getJsonObject("mine")).isEqualTo(new JsonObject().put(board + "/n-jardin", 2));

        assertOk(animator.command(Commands.closeVote("v1")));
        for (BridgeClient everyone : List.of(animator, voter, neighbour, overPolling, projector)) {
          JsonObject closed = nextEventOf(everyone, address);
          assertThat(closed.getString("type")).isEqualTo("vote.closed");
          JsonObject winner = closed.getJsonObject("result").getJsonArray("ranking").getJsonObject(0);
          assertThat(winner.getString("noteId")).isEqualTo("n-jardin");
          assertThat(winner.getInteger("dots")).isEqualTo(2);
          assertThat(winner.getJsonArray("voters")).as("an anonymous vote names nobody").isEmpty();
        }
        assertThat(voter.command(Commands.castDot("v1", board, "n-bus")).getString("error")).isEqualTo("vote_closed");
      }
    }
  }

  @Test
  void aLiveVoteShowsEachNotesCountButNeverWhoPlacedADot(Vertx vertx) {
    try (RedisProcess redis = RedisProcess.start(); ParvisNode node = ParvisNode.start(redis.url(), UNTHROTTLED)) {
      TestWorkshop workshop = TestWorkshop.create(vertx, node.port(), "En direct", "Actions");
      String board = workshop.board(0);
      String address = Commands.workshopAddress(workshop.id());
      JsonObject sylvie = workshop.joinAnswer(vertx, "Sylvie", "habitant");
      try (BridgeClient animator = BridgeClient.connect(vertx, node.port(), workshop.animatorToken());
           BridgeClient voter = BridgeClient.connect(vertx, node.port(), sylvie.getString("token"));
           BridgeClient projector = BridgeClient.connectPolling(vertx, node.port(), workshop.observerToken())) {
        addActions(animator, board);
        assertOk(animator.command(Commands.openVote("direct", board, 3).put("live", true)));
        projector.register(address);
        projector.keepRawFrames();
        JsonObject cast = voter.command(Commands.castDot("direct", board, "n-cafe"));
        assertOk(cast);

        // Sylvie's join and the vote's opening may still reach the projector after its register.
        JsonObject shadow = projector.eventAt(address, cast.getLong("rev"), 10_000);
        assertThat(shadow.getString("type")).isEqualTo("hidden");
        assertThat(shadow.getJsonObject("progress")).isEqualTo(new JsonObject().put("voters", 1).put("dots", 1)
            .put("item", board + "/n-cafe").put("count", 1));
        assertThat(voteState(projector, workshop, 0).getJsonObject("tally")).isEqualTo(new JsonObject().put(board + "/n-cafe", 1));
        String voterId = sylvie.getJsonObject("participant").getString("id");
        assertThat(projector.rawFrames()).noneMatch(frame -> frame.contains(voterId) || frame.contains("Sylvie"));
      }
    }
  }

  @Test
  void severalVotesOfOneEveningKeepTheirOwnResults(Vertx vertx) {
    try (RedisProcess redis = RedisProcess.start(); ParvisNode node = ParvisNode.start(redis.url(), UNTHROTTLED)) {
      TestWorkshop workshop = TestWorkshop.create(vertx, node.port(), "Soirée", "Actions");
      String board = workshop.board(0);
      try (BridgeClient animator = BridgeClient.connect(vertx, node.port(), workshop.animatorToken())) {
        addActions(animator, board);
        assertOk(animator.command(Commands.openVote("premier", board, 2)));
        assertOk(animator.command(Commands.openVote("second", board, 1).put("anonymous", false)));
        List<BridgeClient> voters = new ArrayList<>();
        String[][] people = {{"Alice", "habitant"}, {"Bruno", "habitant"}, {"Chloé", "habitant"}, {"Denis", "elu"}};
        for (String[] person : people) {
          voters.add(BridgeClient.connect(vertx, node.port(), workshop.joinAnswer(vertx, person[0], person[1]).getString("token")));
        }
        try {
          for (BridgeClient voter : voters) {
            assertOk(voter.command(Commands.castDot("premier", board, "n-cafe")));
            assertOk(voter.command(Commands.castDot("premier", board, "n-bus")));
            assertOk(voter.command(Commands.castDot("second", board, "n-jardin")));
          }
          BridgeClient denis = voters.get(3);
          assertOk(denis.command(Commands.retractDot("premier", board, "n-bus")));
          assertThat(denis.command(Commands.retractDot("premier", board, "n-bus")).getString("error")).isEqualTo("no_dot_here");
          assertThat(denis.command(Commands.castDot("premier", board, "n-cafe")).getString("error"))
              .as("a second dot on one note is within the budget of 2").isNull();
          assertThat(denis.command(Commands.castDot("premier", board, "n-cafe")).getString("error")).isEqualTo("no_dots_left");
          assertThat(denis.command(Commands.castDot("premier", board, "ailleurs")).getString("error")).isEqualTo("not_in_vote");
          assertThat(animator.command(Commands.castDot("premier", board, "n-cafe")).getString("error")).isEqualTo("forbidden");

          JsonObject first = animator.command(Commands.closeVote("premier"));
          assertOk(first);
          assertThat(animator.command(Commands.closeVote("premier")).getString("error")).isEqualTo("vote_closed");
          BridgeClient lateComer = BridgeClient.connect(vertx, node.port(), workshop.join(vertx, "Émile"));
          voters.add(lateComer);
          assertOk(lateComer.command(Commands.castDot("second", board, "n-cafe")));
          assertOk(animator.command(Commands.closeVote("second")));

          JsonObject premier = voteState(animator, workshop, 0);
          JsonObject second = voteState(animator, workshop, 1);
          assertThat(premier.getJsonObject("vote").getString("status")).isEqualTo("closed");
          JsonObject premierResult = premier.getJsonObject("result");
          assertThat(ranking(premierResult)).containsExactly("n-cafe:5:1", "n-bus:3:2", "n-jardin:0:3");
          assertThat(premierResult.getJsonArray("categories")).hasSize(1);
          JsonObject habitants = premierResult.getJsonArray("categories").getJsonObject(0);
          assertThat(habitants.getString("category")).isEqualTo("habitant");
          assertThat(habitants.getInteger("voters")).isEqualTo(3);
          assertThat(ranking(habitants)).containsExactly("n-cafe:3:1", "n-bus:3:1", "n-jardin:0:3");
          JsonObject secondResult = second.getJsonObject("result");
          assertThat(ranking(secondResult)).containsExactly("n-jardin:4:1", "n-cafe:1:2", "n-bus:0:3");
          assertThat(secondResult.getInteger("voters")).isEqualTo(5);
          assertThat(secondResult.getJsonArray("ranking").getJsonObject(0).getJsonArray("voters").getList())
              .containsExactly("Alice", "Bruno", "Chloé", "Denis");
          assertThat(second.getJsonObject("vote").containsKey("sequence")).as("no sequence in this workshop").isFalse();
        } finally {
          voters.forEach(BridgeClient::close);
        }
      }
    }
  }

  @Test
  void aVoteNeverCarriesTheTextOfAPrivateOrHiddenNote(Vertx vertx) {
    try (RedisProcess redis = RedisProcess.start(); ParvisNode node = ParvisNode.start(redis.url(), UNTHROTTLED)) {
      TestWorkshop workshop = TestWorkshop.create(vertx, node.port(), "Écriture privée", "Actions");
      String board = workshop.board(0);
      String address = Commands.workshopAddress(workshop.id());
      try (BridgeClient animator = BridgeClient.connect(vertx, node.port(), workshop.animatorToken());
           BridgeClient author = BridgeClient.connect(vertx, node.port(), workshop.join(vertx, "Aurélie"));
           BridgeClient other = BridgeClient.connect(vertx, node.port(), workshop.join(vertx, "Bruno"))) {
        other.keepRawFrames().register(address);
        other.command(Commands.sync("workshop:" + workshop.id()));
        addActions(animator, board);
        assertOk(animator.command(Commands.hideNote(board, "n-jardin")));
        assertOk(animator.command(Commands.configure(board, "private", false)));
        assertOk(author.command(Commands.createNote(board, "n-secret", "Mon idée pas encore révélée")));

        assertThat(animator.command(Commands.openVote("choisies", board, 3).put("notes", new JsonArray().add("n-cafe").add("n-secret")))
            .getString("error")).as("a chosen private note").isEqualTo("note_not_public");
        assertThat(animator.command(Commands.openVote("choisies", board, 3).put("notes", new JsonArray().add("n-jardin")))
            .getString("error")).as("a chosen hidden note").isEqualTo("note_not_public");
        assertOk(animator.command(Commands.openVote("tout", board, 3)));
        JsonObject opened = nextEventOf(other, address);
        while (!"vote.opened".equals(opened.getString("type"))) {
          opened = nextEventOf(other, address);
        }
        assertThat(opened.getJsonObject("vote").getJsonArray("items").stream().map(item -> ((JsonObject) item).getString("noteId")))
            .as("the whole board, without its private and hidden notes").containsExactly("n-cafe", "n-bus");
        assertThat(other.rawFrames()).noneMatch(frame -> frame.contains("pas encore révélée") || frame.contains("Action n-jardin"));
        assertThat(voteState(other, workshop, 0).encode()).doesNotContain("pas encore révélée").doesNotContain("n-jardin");
      }
    }
  }

  private static List<String> ranking(JsonObject result) {
    return result.getJsonArray("ranking").stream().map(item -> (JsonObject) item)
        .map(item -> item.getString("noteId") + ":" + item.getInteger("dots") + ":" + item.getInteger("rank")).toList();
  }

  private static void addActions(BridgeClient animator, String board) {
    for (String note : ACTIONS) {
      assertOk(animator.command(Commands.createNote(board, note, "Action " + note)));
    }
  }

  /** The workshop snapshot's vote at this position, as this client may see it. */
  private static JsonObject voteState(BridgeClient client, TestWorkshop workshop, int index) {
    return client.command(Commands.sync("workshop:" + workshop.id())).getJsonObject("snapshot").getJsonArray("votes")
        .getJsonObject(index);
  }

  private static void assertOk(JsonObject answer) {
    assertThat(answer.getBoolean("ok")).as(answer.encode()).isTrue();
  }

  private static JsonObject nextEventOf(BridgeClient client, String address) {
    for (JsonObject event = client.nextOn(address, 10_000); event != null; event = client.nextOn(address, 10_000)) {
      if (event.getLong("rev") != null && !event.getString("type").startsWith("stream.")) {
        return event;
      }
    }
    throw new AssertionError("no event on " + address);
  }
}
