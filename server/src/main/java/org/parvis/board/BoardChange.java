package org.parvis.board;

/** One validated change, ready for the apply script. {@code payload} is JSON (or "true"/"false" for a lock). */
public record BoardChange(
    Kind kind,
    String boardId,
    String noteId,
    String payload,
    String commandId,
    String author,
    long at,
    boolean mayWriteLocked) {

  public enum Kind {
    CREATE, UPDATE, DELETE, LOCK;

    String scriptName() {
      return name().toLowerCase();
    }
  }
}
