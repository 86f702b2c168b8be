package org.parvis.bridge;

import io.netty.buffer.Unpooled;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.http.impl.ws.WebSocketFrameImpl;

/**
 * A WebSocket text message over UTF-8 bytes encoded once, for the frames the fan-out writes to
 * many sockets: {@code writeTextMessage(String)} encodes its text again for each one. Each message
 * wraps the shared bytes in a buffer of its own (no copy; Vert.x hands a plain heap buffer to the
 * connection as it is), so the connection may release it without touching the others. Vert.x's
 * public frame factory makes text frames from a String only, hence its internal frame class.
 */
public final class PreEncodedText {

  private PreEncodedText() {}

  public static WebSocketFrame message(byte[] utf8) {
    return new WebSocketFrameImpl(WebSocketFrameType.TEXT, Unpooled.wrappedBuffer(utf8), true);
  }
}
