package org.parvis.board;

import org.parvis.sync.Rejection;
import org.parvis.sync.Verdict;
import org.parvis.workshop.Identity;

/** Who may read, write and lock which board. */
public final class BoardAccess {

  private BoardAccess() {}

  public static Verdict<String> mayRead(Identity who, String boardId) {
    return who.ownsBoard(boardId)
        ? Verdict.allow(boardId)
        : Verdict.refuse(Rejection.of("forbidden", "This board belongs to another workshop."));
  }

  public static Verdict<String> mayWrite(Identity who, String boardId) {
    if (!who.role().mayWriteNotes()) {
      return Verdict.refuse(Rejection.of("forbidden", "Observers follow the boards but cannot change them."));
    }
    return mayRead(who, boardId);
  }

  public static Verdict<String> mayLock(Identity who, String boardId) {
    if (!who.role().mayRunWorkshop()) {
      return Verdict.refuse(Rejection.of("forbidden", "Only animators lock and unlock boards."));
    }
    return mayRead(who, boardId);
  }

  /** Animators keep writing a locked board: they record ideas for people who do not type. */
  public static boolean mayWriteLocked(Identity who) {
    return who.role().mayRunWorkshop();
  }
}
