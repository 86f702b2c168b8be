package org.parvis.bench;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.LongAdder;

/**
 * The SockJS xhr_streaming fallback, as a browser without WebSockets uses it: one long POST
 * .../xhr_streaming receives "o", "h", "a[...]" and "c[...]" lines (re-opened when the server ends it
 * after its byte budget), and POST .../xhr_send sends a JSON array of frames, one request at a time so
 * frames keep their order.
 */
final class XhrTransport implements Transport {

  private static final byte NEWLINE = '\n';

  private final HttpClient http;
  private final HttpClient streams;
  private final String host;
  private final int port;
  private final String base;
  private final long timeoutMs;
  private final LongAdder reopens;
  private final Deque<String> outbox = new ArrayDeque<>();
  private Listener listener;
  private Buffer partial = Buffer.buffer();
  private HttpClientRequest stream;
  private boolean opened;
  private boolean closing;
  private boolean sending;

  /**
   * {@code streams} must not keep connections alive: the server closes a streaming connection right
   * after ending its response, and a pooled client could hand that dying connection to an xhr_send.
   */
  XhrTransport(HttpClient http, HttpClient streams, String host, int port, String sessionId, int serverId,
      long timeoutMs, LongAdder reopens) {
    this.http = http;
    this.streams = streams;
    this.host = host;
    this.port = port;
    this.base = "/eventbus/" + String.format("%03d", serverId) + "/" + sessionId;
    this.timeoutMs = timeoutMs;
    this.reopens = reopens;
  }

  @Override
  public void open(Listener listener) {
    this.listener = listener;
    receive();
  }

  private RequestOptions post(String suffix) {
    return new RequestOptions().setMethod(HttpMethod.POST).setHost(host).setPort(port).setURI(base + suffix)
        .setConnectTimeout(timeoutMs);
  }

  private void receive() {
    if (closing) {
      return;
    }
    streams.request(post("/xhr_streaming")).compose(request -> {
      stream = request;
      return request.send();
    }).onComplete(done -> {
      if (closing) {
        return;
      }
      if (done.failed()) {
        fail("xhr_stream_failed", String.valueOf(done.cause()));
        return;
      }
      var response = done.result();
      if (response.statusCode() != 200) {
        fail("xhr_stream_" + response.statusCode(), "status " + response.statusCode());
        return;
      }
      partial = Buffer.buffer();
      response.handler(this::onChunk);
      response.exceptionHandler(failure -> fail("xhr_stream_broken", String.valueOf(failure)));
      response.endHandler(end -> {
        // The server ends a streaming response after maxBytesStreaming (128 KiB by default): reopen.
        if (!closing) {
          reopens.increment();
          receive();
        }
      });
    });
  }

  private void onChunk(Buffer chunk) {
    partial.appendBuffer(chunk);
    int start = 0;
    int length = partial.length();
    for (int i = 0; i < length; i++) {
      if (partial.getByte(i) == NEWLINE) {
        if (i > start) {
          onLine(partial.getString(start, i));
        }
        start = i + 1;
        if (closing) {
          return;
        }
      }
    }
    partial = start == 0 ? partial : partial.getBuffer(start, length);
  }

  private void onLine(String line) {
    switch (line.charAt(0)) {
      case 'h' -> { } // the 2 KiB prelude and heartbeats
      case 'o' -> {
        if (opened) {
          // The server closed this session (no receiving request for its session timeout) and a reopened
          // stream got a new one, with nothing registered: sockjs-client closes there ("Server lost session").
          fail("xhr_session_lost", "a second open frame on the session");
          return;
        }
        opened = true;
        listener.onOpen();
      }
      case 'a' -> {
        JsonArray messages = new JsonArray(line.substring(1));
        for (int i = 0; i < messages.size() && !closing; i++) {
          listener.onMessage(messages.getString(i));
        }
      }
      case 'c' -> fail("xhr_closed_by_server", line);
      default -> fail("xhr_bad_frame", line.length() > 80 ? line.substring(0, 80) : line);
    }
  }

  @Override
  public void send(String frame) {
    if (closing) {
      return;
    }
    outbox.add(frame);
    if (!sending) {
      flush();
    }
  }

  private void flush() {
    sending = true;
    JsonArray batch = new JsonArray();
    while (!outbox.isEmpty()) {
      batch.add(outbox.poll());
    }
    String body = batch.encode();
    http.request(post("/xhr_send"))
        .compose(request -> request.putHeader("Content-Type", "text/plain;charset=UTF-8").send(body))
        .compose(response -> response.body().map(ignored -> response.statusCode()))
        .onComplete(done -> {
          sending = false;
          if (closing) {
            return;
          }
          if (done.failed()) {
            fail("xhr_send_failed", String.valueOf(done.cause()));
          } else if (done.result() != 204) {
            fail("xhr_send_" + done.result(), "xhr_send answered " + done.result());
          } else if (!outbox.isEmpty()) {
            flush();
          }
        });
  }

  private void fail(String kind, String detail) {
    if (closing) {
      return;
    }
    close();
    listener.onClosed(kind, detail);
  }

  @Override
  public void close() {
    closing = true;
    outbox.clear();
    if (stream != null) {
      stream.reset();
    }
  }

  @Override
  public String kind() {
    return "xhr_streaming";
  }
}
