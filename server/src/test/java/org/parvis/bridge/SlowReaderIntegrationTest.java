package org.parvis.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.internal.PlatformDependent;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.parvis.board.BoardRules;
import org.parvis.board.NoteText;
import org.parvis.testing.BridgeClient;
import org.parvis.testing.Commands;
import org.parvis.testing.ParvisNode;
import org.parvis.testing.RedisProcess;
import org.parvis.testing.TestWorkshop;

/**
 * A phone that stops reading is dropped once the server holds a bounded amount of data for it, on
 * the transports browsers use, while a reader that keeps up gets even the largest reply whole.
 */
@ExtendWith(VertxExtension.class)
class SlowReaderIntegrationTest {

  private static final Map<String, String> UNTHROTTLED = Map.of("PARVIS_RATE_PER_SECOND", "100000", "PARVIS_RATE_BURST", "100000",
      "PARVIS_READ_RATE_PER_SECOND", "100000", "PARVIS_READ_BURST", "100000",
      "PARVIS_SOCKET_FRAMES_PER_SECOND", "100000", "PARVIS_SOCKET_FRAME_BURST", "100000");
  private static final long MIB = 1024 * 1024;

  @ParameterizedTest(name = "over {0}")
  @ValueSource(strings = {"the SockJS WebSocket transport", "the raw WebSocket endpoint"})
  void aClientThatStopsReadingIsDroppedTheServerKeepsLittleForItAndOthersKeepReceiving(String transport, Vertx vertx)
      throws Exception {
    try (RedisProcess redis = RedisProcess.start();
         ParvisNode node = ParvisNode.start(redis.url(), UNTHROTTLED)) {
      TestWorkshop workshop = TestWorkshop.create(vertx, node.port(), "Lecteur lent", "A");
      String board = workshop.board(0);
      String address = "parvis.board." + board;
      boolean sockJs = transport.contains("SockJS");
      try (BridgeClient frozen = sockJs
               ? BridgeClient.connectSockJs(vertx, node.port(), workshop.observerToken())
               : BridgeClient.connect(vertx, node.port(), workshop.observerToken());
           BridgeClient healthy = BridgeClient.connectSockJs(vertx, node.port(), workshop.observerToken());
           BridgeClient writer = BridgeClient.connectSockJs(vertx, node.port(), workshop.animatorToken())) {
        frozen.register(address);
        healthy.register(address);
        healthy.command(Commands.boardSnapshot(board));
        frozen.command(Commands.boardSnapshot(board));
        writer.command(Commands.createNote(board, "big", "x"));
        // The same traffic read by everyone first, so that the server's pools and caches are warm.
        flood(writer, board, 5_000);
        healthy.discardReceived();
        frozen.discardReceived();
        Memory before = Memory.retained();
        frozen.stopReading();

        // About 30 MB of events: far more than the socket buffers and the server's bound together.
        int sent = flood(writer, board, 40_000);
        healthy.discardReceived();
        Memory grown = Memory.retained().minus(before);
        System.out.printf("slow reader over %s: %d events sent; the server retained %+.1f MiB of heap, %+.1f MiB direct%n",
            transport, sent, grown.heap() / (double) MIB, grown.direct() / (double) MIB);
        int delivered = frozen.resumeAndCount(address, 20_000);

        assertThat(frozen.isClosed()).as("the frozen client is dropped").isTrue();
        assertThat(delivered).as("events the frozen client got of %d", sent).isLessThan(sent);
        // About 9.5 MiB with the default bound of 4 MiB; 55 MiB when nothing bounds a frozen reader.
        assertThat(grown.heap() + grown.direct()).as("heap and direct memory the server kept after the flood")
            .isLessThan(16 * MIB);
        JsonObject probe = writer.command(Commands.updateNote(board, "big", new JsonObject().put("text", "encore là")));
        JsonObject last = null;
        for (JsonObject event = healthy.nextOn(address, 5_000); event != null; event = healthy.nextOn(address, 1_000)) {
          last = event;
          if (event.getLong("rev", 0L).equals(probe.getLong("rev"))) {
            break;
          }
        }
        assertThat(last).isNotNull();
        assertThat(last.getLong("rev")).isEqualTo(probe.getLong("rev"));
      }
    }
  }

  @Test
  void theSnapshotOfAFullBoardOfLongestNotesReachesAReaderOverSockJs(Vertx vertx) throws Exception {
    try (RedisProcess redis = RedisProcess.start();
         ParvisNode node = ParvisNode.start(redis.url(), UNTHROTTLED)) {
      TestWorkshop workshop = TestWorkshop.create(vertx, node.port(), "Mur plein", "A");
      String board = workshop.board(0);
      // Quotes take two characters each once encoded: the longest text a note may hold.
      String longest = "\"".repeat(NoteText.MAX_CODE_POINTS);
      try (BridgeClient writer = BridgeClient.connectSockJs(vertx, node.port(), workshop.animatorToken())) {
        List<CompletableFuture<JsonObject>> inFlight = new ArrayList<>();
        for (int i = 0; i < BoardRules.MAX_NOTES_PER_BOARD; i++) {
          inFlight.add(writer.commandAsync(Commands.createNote(board, "n" + i, longest)));
          if (inFlight.size() >= 40) {
            assertThat(inFlight.remove(0).get(10, TimeUnit.SECONDS).getBoolean("ok")).isTrue();
          }
        }
        for (CompletableFuture<JsonObject> pending : inFlight) {
          assertThat(pending.get(10, TimeUnit.SECONDS).getBoolean("ok")).isTrue();
        }
      }
      try (BridgeClient reader = BridgeClient.connectSockJs(vertx, node.port(), workshop.join(vertx, "Lise"))) {
        reader.register("parvis.board." + board);
        JsonObject snapshot = reader.command(Commands.boardSnapshot(board));
        System.out.printf("snapshot of %d notes of %d quotes: %d characters%n", BoardRules.MAX_NOTES_PER_BOARD,
            NoteText.MAX_CODE_POINTS, snapshot.encode().length());

        assertThat(snapshot.getJsonObject("snapshot").getJsonArray("notes")).hasSize(BoardRules.MAX_NOTES_PER_BOARD);
        assertThat(reader.command(Commands.boardSnapshot(board)).getBoolean("ok")).as("still connected").isTrue();
        assertThat(reader.isClosed()).isFalse();
      }
    }
  }

  /** Updates one note's text (about 700 characters of event each), several in flight; the number sent. */
  private static int flood(BridgeClient writer, String board, int updates) throws Exception {
    String text = "x".repeat(480);
    List<CompletableFuture<JsonObject>> inFlight = new ArrayList<>();
    for (int sent = 0; sent < updates; sent++) {
      inFlight.add(writer.commandAsync(Commands.updateNote(board, "big", new JsonObject().put("text", text + sent))));
      if (inFlight.size() >= 40) {
        inFlight.remove(0).get(10, TimeUnit.SECONDS);
      }
    }
    for (CompletableFuture<JsonObject> pending : inFlight) {
      pending.get(10, TimeUnit.SECONDS);
    }
    return updates;
  }

  /** Heap after a full collection, and the direct memory Netty holds: where unsent frames pile up. */
  private record Memory(long heap, long direct) {
    static Memory retained() {
      System.gc();
      System.gc();
      return new Memory(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(),
          Math.max(0, PlatformDependent.usedDirectMemory()));
    }

    Memory minus(Memory other) {
      return new Memory(heap - other.heap, direct - other.direct);
    }
  }
}
