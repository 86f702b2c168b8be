package org.parvis.roster;

import java.util.List;
import org.parvis.sync.Rejection;
import org.parvis.sync.Verdict;
import org.parvis.workshop.GroupStanding;
import org.parvis.workshop.Identity;
import org.parvis.workshop.Role;

/**
 * Who may move people between groups, close the group menu, bring a group to a board, say "j'ai
 * fini", and which board a participant may open while the menu is closed.
 */
public final class RosterRules {

  private RosterRules() {}

  /** Groups are the lead animator's: it splits the room; group animators run their own group. */
  public static Verdict<String> move(Identity who, List<String> boardIds, String board) {
    if (!who.role().mayRunWorkshop() || !who.lead()) {
      return Verdict.refuse(Rejection.of("forbidden", "Only the lead animator moves participants between groups."));
    }
    return knownBoard(boardIds, board);
  }

  public static Verdict<Boolean> lockGroups(Identity who, boolean locked) {
    return who.role().mayRunWorkshop() && who.lead()
        ? Verdict.allow(locked)
        : Verdict.refuse(Rejection.of("forbidden", "Only the lead animator opens and closes the group menu."));
  }

  /**
   * "Bring everyone here": an animator sends its group's participants to a board of the workshop.
   * Allowed: the group sent, null for the lead animator without a group of its own (everyone).
   */
  public static Verdict<String> follow(Identity who, List<String> boardIds, String board) {
    if (!who.role().mayRunWorkshop()) {
      return Verdict.refuse(Rejection.of("forbidden", "Only animators bring their group to a board."));
    }
    return knownBoard(boardIds, board).then(known -> Verdict.allow(who.group().orElse(null)));
  }

  public static Verdict<Boolean> done(Identity who, boolean done) {
    return who.role() == Role.PARTICIPANT
        ? Verdict.allow(done)
        : Verdict.refuse(Rejection.of("forbidden", "Only participants say they are done."));
  }

  /**
   * With the group menu closed, a participant opens its own group's board and those the plenary
   * shows, nothing else; animators and observers go everywhere.
   */
  public static Verdict<String> mayOpen(Identity who, GroupStanding standing, String board) {
    if (who.role() != Role.PARTICIPANT || !standing.groupsLocked() || board.equals(standing.ownBoard())
        || standing.plenaryBoards().contains(board)) {
      return Verdict.allow(board);
    }
    return Verdict.refuse(Rejection.of("groups_locked", "The animator has closed the group menu: stay with your group's board."));
  }

  private static Verdict<String> knownBoard(List<String> boardIds, String board) {
    return boardIds.contains(board)
        ? Verdict.allow(board)
        : Verdict.refuse(Rejection.invalidField("board", "This workshop has no board " + board + "."));
  }
}
