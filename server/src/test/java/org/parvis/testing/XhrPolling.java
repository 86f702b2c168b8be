package org.parvis.testing;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The SockJS xhr-polling transport, as sockjs-client falls back to it: each POST to
 * {@code /eventbus/<server>/<session>/xhr} answers the frames waiting ({@code o} open, {@code h}
 * heartbeat, {@code a[...]} messages, {@code c[...]} close), and frames are sent by POSTing a JSON
 * array of strings to {@code .../xhr_send}. Reads on its own thread.
 */
final class XhrPolling {

  private final WebClient http;
  private final int port;
  private final String base = "/eventbus/000/" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
  private final Consumer<String> onFrame;
  private final Runnable onClosed;
  private volatile boolean open = true;

  XhrPolling(Vertx vertx, int port, Consumer<String> onFrame, Runnable onClosed) {
    // The server ends each poll's connection after answering: a pooled one would be handed, dying, to the next request.
    this.http = WebClient.create(vertx, new WebClientOptions().setKeepAlive(false));
    this.port = port;
    this.onFrame = onFrame;
    this.onClosed = onClosed;
  }

  void open() {
    if (!poll().startsWith("o")) {
      throw new AssertionError("SockJS session did not open");
    }
    Thread reader = new Thread(() -> {
      while (open) {
        String answer;
        try {
          answer = poll();
        } catch (RuntimeException failure) {
          break;
        }
        for (String line : answer.split("\n")) {
          if (line.startsWith("a")) {
            new JsonArray(line.substring(1)).forEach(frame -> onFrame.accept((String) frame));
          } else if (line.startsWith("c")) {
            open = false;
          }
        }
      }
      onClosed.run();
    }, "xhr-polling " + base);
    reader.setDaemon(true);
    reader.start();
  }

  void send(String frame) {
    HttpResponse<Buffer> sent = http.post(port, "127.0.0.1", base + "/xhr_send")
        .putHeader("Content-Type", "text/plain;charset=UTF-8")
        .sendBuffer(Buffer.buffer(new JsonArray().add(frame).encode())).await();
    if (sent.statusCode() != 204) {
      throw new AssertionError("xhr_send answered " + sent.statusCode() + " " + sent.bodyAsString());
    }
  }

  void close() {
    open = false;
    http.close();
  }

  private String poll() {
    HttpResponse<Buffer> answer = http.post(port, "127.0.0.1", base + "/xhr").send().await();
    return answer.bodyAsString() == null ? "" : answer.bodyAsString();
  }
}
