package org.parvis.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parvis.testing.BridgeClient;
import org.parvis.testing.Commands;
import org.parvis.testing.NodeWithRedis;
import org.parvis.testing.TestWorkshop;

/**
 * The bridge's WebSocket endpoints, served by {@link BridgeWebSocket} with stream events written as
 * bytes encoded once per node: what arrives must be what the SockJS handler's own transports
 * deliver, escaping included, and the SockJS transport must speak SockJS as sockjs-client expects.
 */
@ExtendWith(VertxExtension.class)
class BridgeWebSocketIntegrationTest {

  @RegisterExtension
  static final NodeWithRedis node = new NodeWithRedis(java.util.Map.of());

  /** Quotes, backslashes, markup, accents and a character beyond the BMP: everything SockJS escapes. */
  private static final String AWKWARD_TEXT = "Ça « marche » ? \"oui\" \\ non </script> 🙂 fin";

  @Test
  void anEventWithTextSockJsMustEscapeReadsTheSameOverBothWebSocketsAsOverXhrPolling(Vertx vertx) {
    TestWorkshop workshop = TestWorkshop.create(vertx, node.port(), "Échappements", "A");
    String board = workshop.board(0);
    String address = "parvis.board." + board;
    try (BridgeClient writer = BridgeClient.connect(vertx, node.port(), workshop.animatorToken());
         BridgeClient overSockJs = BridgeClient.connectSockJs(vertx, node.port(), workshop.join(vertx, "Alice"));
         BridgeClient overPolling = BridgeClient.connectPolling(vertx, node.port(), workshop.join(vertx, "Bruno"));
         BridgeClient overRaw = BridgeClient.connect(vertx, node.port(), workshop.join(vertx, "Chloé"))) {
      for (BridgeClient reader : List.of(overSockJs, overPolling, overRaw)) {
        reader.register(address);
        reader.command(Commands.boardSnapshot(board));
      }

      writer.command(Commands.createNote(board, "n1", AWKWARD_TEXT));

      JsonObject overWebSocket = nextNoteEvent(overSockJs, address);
      JsonObject overXhr = nextNoteEvent(overPolling, address);
      JsonObject overRawWebSocket = nextNoteEvent(overRaw, address);
      assertThat(overWebSocket.getJsonObject("note").getString("text")).isEqualTo(AWKWARD_TEXT);
      assertThat(overWebSocket).isEqualTo(overXhr).isEqualTo(overRawWebSocket);
    }
  }

  @Test
  void itOpensWithOAndClosesOnAFrameThatIsNoSockJsArray(Vertx vertx) throws Exception {
    WebSocketClient client = vertx.createWebSocketClient();
    BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    CompletableFuture<Void> closed = new CompletableFuture<>();
    // Handlers set before connecting: set once the connection succeeded, they could miss the first frame.
    ClientWebSocket socket = client.webSocket();
    socket.textMessageHandler(frames::add).closeHandler(none -> closed.complete(null));
    socket.connect(node.port(), "127.0.0.1", "/eventbus/000/raw00001/websocket").await();

    assertThat(frames.poll(5, TimeUnit.SECONDS)).isEqualTo("o");
    socket.writeTextMessage("{\"type\":\"ping\"}");

    closed.get(5, TimeUnit.SECONDS);
    client.close().await();
  }

  private static JsonObject nextNoteEvent(BridgeClient client, String address) {
    for (JsonObject event = client.nextOn(address, 10_000); event != null; event = client.nextOn(address, 10_000)) {
      if ("note.created".equals(event.getString("type"))) {
        return event;
      }
    }
    throw new AssertionError("no note.created on " + address);
  }
}
