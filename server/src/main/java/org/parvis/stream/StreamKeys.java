package org.parvis.stream;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The Redis key layout: everything of one workshop under {@code parvis:{w:<workshopId>}:}, so one
 * script may read the workshop and change a board in one atomic step, and the layout fits Redis
 * Cluster. The Lua scripts build the same names from {@link #prefix}.
 */
public final class StreamKeys {

  private static final SecureRandom RANDOM = new SecureRandom();

  private StreamKeys() {}

  public static String prefix(String workshopId) {
    return "parvis:{w:" + workshopId + "}:";
  }

  /** A stream's head: {@code rev}, chain hash {@code h}, and {@code h0}, the hash it started with. */
  public static String head(StreamId stream) {
    return prefix(stream.workshopId()) + "s:" + stream.wire();
  }

  public static String workshop(String workshopId) {
    return prefix(workshopId) + "workshop";
  }

  public static String participants(String workshopId) {
    return prefix(workshopId) + "participants";
  }

  /** A board's layout and lock: {@code workshop, name, template, locked}. */
  public static String board(String boardId) {
    return prefix(StreamId.board(boardId).workshopId()) + "board:" + boardId;
  }

  static String genesisHash() {
    byte[] bytes = new byte[8];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
