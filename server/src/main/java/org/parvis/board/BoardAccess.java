package org.parvis.board;

import org.parvis.sync.Rejection;
import org.parvis.sync.Verdict;
import org.parvis.workshop.Identity;

/**
 * Who may read, write, lock and moderate which board. Whose note it is, and whether the board lets
 * everyone edit everything, is stored state: the note functions decide that, told here whether the
 * sender moderates.
 */
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

  /** Settings, reveal, hiding, restoring and merging: the animators' moderation. */
  public static Verdict<String> mayModerate(Identity who, String boardId) {
    if (!who.role().mayRunWorkshop()) {
      return Verdict.refuse(Rejection.of("forbidden", "Only animators moderate a board."));
    }
    return mayRead(who, boardId);
  }

  /** Animators move, edit, recolour and delete any note; the others only their own, unless the board lets everyone. */
  public static boolean moderates(Identity who) {
    return who.role().mayRunWorkshop();
  }

  /** Animators keep writing a locked board: they record ideas for people who do not type. */
  public static boolean mayWriteLocked(Identity who) {
    return who.role().mayRunWorkshop();
  }
}
