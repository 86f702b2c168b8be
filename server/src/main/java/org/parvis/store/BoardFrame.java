package org.parvis.store;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;
import org.parvis.board.BoardRules;

/**
 * One board event as every follower of the board receives it: the bridge's {@code rec} frame, built
 * once per node from the text Redis published, so a thousand followers cost a thousand writes and
 * not a thousand JSON copies and encodings.
 */
public record BoardFrame(String boardId, String text) {

  /** Local address where the relay hands frames to each HTTP event loop. */
  public static final String ADDRESS = "parvis.local.board-frames";
  /** Frames only travel inside one JVM; between nodes, Redis pub/sub carries the events. */
  public static final MessageCodec<BoardFrame, BoardFrame> LOCAL_CODEC = new LocalCodec();

  /** The frame for {@code eventJson}, which must be a JSON object; the board id must be well-formed. */
  static BoardFrame of(String boardId, String eventJson) {
    if (!BoardRules.isBoardId(boardId)) {
      throw new IllegalArgumentException("Not a board id: " + boardId);
    }
    return new BoardFrame(boardId,
        "{\"type\":\"rec\",\"address\":\"" + EventRelayVerticle.BOARD_PREFIX + boardId + "\",\"body\":" + eventJson + "}");
  }

  private static final class LocalCodec implements MessageCodec<BoardFrame, BoardFrame> {

    @Override
    public void encodeToWire(Buffer buffer, BoardFrame frame) {
      throw new UnsupportedOperationException("Board frames stay inside one node");
    }

    @Override
    public BoardFrame decodeFromWire(int position, Buffer buffer) {
      throw new UnsupportedOperationException("Board frames stay inside one node");
    }

    @Override
    public BoardFrame transform(BoardFrame frame) {
      return frame;
    }

    @Override
    public String name() {
      return "parvis-board-frame";
    }

    @Override
    public byte systemCodecID() {
      return -1;
    }
  }
}
