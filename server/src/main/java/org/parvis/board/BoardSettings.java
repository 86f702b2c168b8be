package org.parvis.board;

/**
 * What an animator sets on a board and its note functions read: the lock, the mode ({@code open},
 * or {@code private}: notes wait for a reveal) and whether everyone may edit every note.
 */
public record BoardSettings(boolean locked, String mode, boolean anyoneEdits) {

  public static final String OPEN = "open";
  public static final String PRIVATE = "private";
  public static final BoardSettings DEFAULT = new BoardSettings(false, OPEN, false);

  /** From the board hash's stored fields ({@code "1"} for true), absent ones as a new board has them. */
  public static BoardSettings fromStored(String locked, String mode, String anyoneEdits) {
    return new BoardSettings("1".equals(locked), mode == null ? OPEN : mode, "1".equals(anyoneEdits));
  }
}
