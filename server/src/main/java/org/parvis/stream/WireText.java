package org.parvis.stream;

import io.vertx.ext.web.handler.sockjs.impl.JsonCodec;
import java.nio.charset.StandardCharsets;

/**
 * One bridge message in the forms the bridge's transports write, each made once per node for all
 * its recipients: the text (for the sockets Vert.x's SockJS handler serves), its UTF-8 bytes (the
 * raw WebSocket endpoint) and the UTF-8 bytes of its SockJS frame {@code a["<escaped text>"]} (the
 * SockJS WebSocket transport browsers use), escaped by the handler's own codec so that a browser
 * reads the same bytes either way.
 */
public record WireText(String text, byte[] utf8, byte[] sockJsUtf8) {

  public static WireText of(String text) {
    return new WireText(text, text.getBytes(StandardCharsets.UTF_8), sockJsFrame(text).getBytes(StandardCharsets.UTF_8));
  }

  /** One message as SockJS frames it: {@code a["<escaped text>"]}. */
  public static String sockJsFrame(String text) {
    return "a" + JsonCodec.encode(new String[] {text});
  }
}
