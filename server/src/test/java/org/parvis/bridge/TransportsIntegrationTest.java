package org.parvis.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parvis.testing.ParvisNode;
import org.parvis.testing.NodeWithRedis;
import org.parvis.testing.RedisProcess;

/** The bridge's transports, tried as an attacker would: fragments, foreign origins, old transports. */
class TransportsIntegrationTest {

  private static final String ORIGIN = "https://parvis.example.org";
  private static Vertx vertx;
  @RegisterExtension
  static final NodeWithRedis node = new NodeWithRedis(Map.of("PARVIS_ALLOWED_ORIGIN", ORIGIN));
  private static WebClient http;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    http = WebClient.create(vertx);
  }

  @AfterAll
  static void stop() {
    http.close();
    vertx.close().await();
  }

  @Test
  void aMessageSentInSmallFragmentsBeyondTheFrameLimitClosesItsSocket() throws Exception {
    for (String path : new String[] {"/eventbus/websocket", "/eventbus/123/fragment1/websocket"}) {
      WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxFrameSize(1024 * 1024));
      WebSocket socket = client.connect(new io.vertx.core.http.WebSocketConnectOptions()
          .setPort(node.port()).setHost("127.0.0.1").setURI(path).addHeader("Origin", ORIGIN)).await();
      CompletableFuture<Short> closed = new CompletableFuture<>();
      socket.closeHandler(none -> closed.complete(socket.closeStatusCode()));
      String chunk = "x".repeat(4 * 1024);
      socket.writeFrame(WebSocketFrame.textFrame("[\"" + chunk, false));
      for (int fragment = 0; fragment < 16 && !closed.isDone(); fragment++) {
        socket.writeFrame(WebSocketFrame.continuationFrame(Buffer.buffer(chunk), false));
        RedisProcess.sleep(20);
      }
      assertThat(closed.get(5, TimeUnit.SECONDS)).as(path).isNotNull();
      client.close();
    }
  }

  @Test
  void aForeignOriginOnTheXhrTransportGetsNoCredentialedAnswer() {
    HttpResponse<Buffer> foreign = http.post(node.port(), "127.0.0.1", "/eventbus/123/foreign1/xhr")
        .putHeader("Origin", "https://evil.example").send().await();
    assertThat(foreign.getHeader("Access-Control-Allow-Origin")).isNull();
    assertThat(foreign.getHeader("Access-Control-Allow-Credentials")).isNull();
    assertThat(foreign.statusCode()).isEqualTo(403);

    HttpResponse<Buffer> preflight = http.request(io.vertx.core.http.HttpMethod.OPTIONS, node.port(), "127.0.0.1",
            "/eventbus/123/foreign2/xhr_send").putHeader("Origin", "https://evil.example")
        .putHeader("Access-Control-Request-Method", "POST").send().await();
    assertThat(preflight.getHeader("Access-Control-Allow-Origin")).isNull();
    assertThat(preflight.getHeader("Access-Control-Allow-Credentials")).isNull();

    HttpResponse<Buffer> own = http.post(node.port(), "127.0.0.1", "/eventbus/123/own00001/xhr")
        .putHeader("Origin", ORIGIN).send().await();
    assertThat(own.statusCode()).isEqualTo(200);
    assertThat(own.getHeader("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
    assertThat(own.getHeader("Access-Control-Allow-Credentials")).isNull();
  }

  @Test
  void jsonpAndHtmlfileAreOff() {
    assertThat(http.get(node.port(), "127.0.0.1", "/eventbus/123/jsonp0001/jsonp?c=steal").send().await().statusCode())
        .isEqualTo(404);
    assertThat(http.get(node.port(), "127.0.0.1", "/eventbus/123/html0001/htmlfile?c=steal").send().await().statusCode())
        .isEqualTo(404);
  }

  @Test
  void socketsPerClientAddressAreCapped() throws Exception {
    try (ParvisNode capped = ParvisNode.start(node.redisUrl(), Map.of("PARVIS_MAX_CONNECTIONS_PER_ADDRESS", "3"))) {
      WebSocketClient client = vertx.createWebSocketClient();
      // Connections are spread over the node's event loops, so which of four sockets opened at once
      // comes fourth to the cap is not the client's order: one of them, any one, is refused.
      java.util.List<WebSocket> sockets = new java.util.ArrayList<>();
      for (int socket = 0; socket < 4; socket++) {
        sockets.add(client.connect(capped.port(), "127.0.0.1", "/eventbus/websocket").await());
      }
      long deadline = System.currentTimeMillis() + 5_000;
      while (sockets.stream().noneMatch(WebSocket::isClosed) && System.currentTimeMillis() < deadline) {
        RedisProcess.sleep(20);
      }
      RedisProcess.sleep(300);
      java.util.List<WebSocket> open = sockets.stream().filter(socket -> !socket.isClosed()).toList();
      assertThat(open).hasSize(3);

      open.get(0).close().await();
      RedisProcess.sleep(300);
      WebSocket again = client.connect(capped.port(), "127.0.0.1", "/eventbus/websocket").await();
      RedisProcess.sleep(500);
      assertThat(again.isClosed()).isFalse();
      client.close().await();
    }
  }
}
