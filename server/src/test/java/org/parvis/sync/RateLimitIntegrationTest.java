package org.parvis.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parvis.testing.BridgeClient;
import org.parvis.testing.Commands;
import org.parvis.testing.NodeWithRedis;
import org.parvis.testing.TestWorkshop;

/** Budgets are per person, and reads are counted apart from writes, at the real bridge. */
@ExtendWith(VertxExtension.class)
class RateLimitIntegrationTest {

  private static final int READ_BURST = 30;
  private static final int WRITE_BURST = 20;
  private static final String[] TWELVE_GROUPS = {"A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L"};

  @RegisterExtension
  static final NodeWithRedis node = new NodeWithRedis(Map.of(
      "PARVIS_RATE_PER_SECOND", "2", "PARVIS_RATE_BURST", Integer.toString(WRITE_BURST),
      "PARVIS_READ_RATE_PER_SECOND", "2", "PARVIS_READ_BURST", Integer.toString(READ_BURST)));

  @Test
  void aProjectorAndTwoObserversReconnectingAtOnceAreNotRefused(Vertx vertx) {
    TestWorkshop workshop = TestWorkshop.create(vertx, node.port(), "Plénière", TWELVE_GROUPS);
    List<CompletableFuture<JsonObject>> answers = new ArrayList<>();
    // Three screens on the one observer link, each connecting twice and reading the workshop and its
    // twelve boards each time: 78 reads, more than one person's burst, 13 per connection.
    for (int connection = 0; connection < 2; connection++) {
      List<BridgeClient> screens = List.of(
          BridgeClient.connectSockJs(vertx, node.port(), workshop.observerToken()),
          BridgeClient.connectSockJs(vertx, node.port(), workshop.observerToken()),
          BridgeClient.connectSockJs(vertx, node.port(), workshop.observerToken()));
      for (BridgeClient screen : screens) {
        answers.add(screen.commandAsync(new JsonObject().put("type", "workshop.get")));
        workshop.boardIds().forEach(board -> answers.add(screen.commandAsync(Commands.sync(board, null))));
      }
      answers.forEach(CompletableFuture::join);
      screens.forEach(BridgeClient::close);
    }

    assertThat(answers).hasSize(78);
    assertThat(answers).allSatisfy(answer -> assertThat(answer.join().getBoolean("ok")).as(answer.join().encode()).isTrue());
  }

  @Test
  void aParticipantsWriteFloodDoesNotLimitAnother(Vertx vertx) {
    TestWorkshop workshop = TestWorkshop.create(vertx, node.port(), "Flot", "A");
    try (BridgeClient flooder = BridgeClient.connectSockJs(vertx, node.port(), workshop.join(vertx, "Flo"));
         BridgeClient calm = BridgeClient.connectSockJs(vertx, node.port(), workshop.join(vertx, "Camille"))) {
      int refused = spend(flooder, i -> Commands.createNote(workshop.board(0), "f" + i, "flot " + i));

      assertThat(refused).isPositive();
      assertThat(calm.command(Commands.createNote(workshop.board(0), "calm", "une idée")).getBoolean("ok")).isTrue();
    }
  }

  @Test
  void aSyncFloodDoesNotEatTheWriteBudgetNorAWriteFloodTheReads(Vertx vertx) {
    TestWorkshop workshop = TestWorkshop.create(vertx, node.port(), "Lectures", "A");
    String board = workshop.board(0);
    try (BridgeClient reader = BridgeClient.connectSockJs(vertx, node.port(), workshop.join(vertx, "Rémi"));
         BridgeClient writer = BridgeClient.connectSockJs(vertx, node.port(), workshop.join(vertx, "Wanda"))) {
      assertThat(spend(reader, i -> Commands.sync(board, null))).as("syncs refused").isPositive();
      assertThat(reader.command(new JsonObject().put("type", "workshop.get")).getString("error")).isEqualTo("rate_limited");
      int written = 0;
      for (int i = 0; i < WRITE_BURST; i++) {
        written += reader.command(Commands.createNote(board, "r" + i, "lu puis écrit")).getBoolean("ok") ? 1 : 0;
      }
      assertThat(written).as("writes accepted after the sync flood").isEqualTo(WRITE_BURST);

      assertThat(spend(writer, i -> Commands.createNote(board, "w" + i, "écrit"))).as("writes refused").isPositive();
      assertThat(writer.command(Commands.sync(board, null)).getJsonObject("snapshot").getJsonArray("notes"))
          .hasSizeGreaterThanOrEqualTo(2 * WRITE_BURST);
    }
  }

  /** Sends commands until the server refuses some as rate limited (at most twice the largest burst); how many it refused. */
  private static int spend(BridgeClient client, IntFunction<JsonObject> command) {
    List<CompletableFuture<JsonObject>> answers = new ArrayList<>();
    for (int i = 0; i < 2 * READ_BURST; i++) {
      answers.add(client.commandAsync(command.apply(i)));
    }
    return (int) answers.stream().map(CompletableFuture::join)
        .filter(answer -> "rate_limited".equals(answer.getString("error"))).count();
  }
}
