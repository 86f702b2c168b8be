package org.parvis.vote;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.parvis.board.BoardLayout;
import org.parvis.board.BoardRules;
import org.parvis.protocol.Command;
import org.parvis.protocol.Event;
import org.parvis.sync.Rejection;
import org.parvis.sync.Verdict;
import org.parvis.workshop.Identity;
import org.parvis.workshop.Role;

/**
 * Who may open, vote in and close a dot vote, and what a vote may be: a budget of 1 to 99 dots per
 * person, at most N of them on one note (any by default), on the notes of a board, of one of its
 * zones, some of its notes, or the whole workshop. Whether dots are left is decided in Redis.
 */
public final class VoteRules {

  public static final int MAX_BUDGET = 99;
  public static final int MAX_ITEMS = 200;
  public static final int MAX_TITLE = 120;
  private static final Pattern VOTE_ID = Pattern.compile("[A-Za-z0-9_-]{1,40}");

  private VoteRules() {}

  /** The vote's settings, items left to the apply script; {@code layout} is the board's when the vote has one. */
  public static Verdict<Event.Vote> open(Identity who, Command.VoteOpen command, Optional<BoardLayout> layout) {
    if (!who.role().mayRunWorkshop()) {
      return Verdict.refuse(Rejection.of("forbidden", "Only animators open votes."));
    }
    if (!VOTE_ID.matcher(command.vote()).matches()) {
      return refuseField("vote", "A vote id is 1 to 40 letters, digits, '-' or '_'.");
    }
    String title = command.title() == null ? "" : command.title().strip();
    if (title.codePointCount(0, title.length()) > MAX_TITLE) {
      return refuseField("title", "A vote's title is at most " + MAX_TITLE + " characters.");
    }
    int budget = command.budget();
    if (budget < 1 || budget > MAX_BUDGET) {
      return refuseField("budget", "Each person has 1 to " + MAX_BUDGET + " dots.");
    }
    int maxPerItem = command.maxPerItem() == null ? budget : command.maxPerItem();
    if (maxPerItem < 1 || maxPerItem > budget) {
      return refuseField("maxPerItem", "At most 1 to " + budget + " dots on one note.");
    }
    if (layout.isPresent() && !layout.get().workshopId().equals(who.workshopId())) {
      return Verdict.refuse(Rejection.of("forbidden", "This board is in another workshop."));
    }
    if (command.zone() != null && (layout.isEmpty() || !layout.get().hasZone(command.zone()))) {
      return refuseField("zone", "A vote on a zone names a board and one of its zones.");
    }
    Verdict<List<String>> notes = notes(command.notes(), layout.isPresent());
    if (!notes.isAllowed()) {
      return Verdict.refuse(notes.rejection());
    }
    if (command.zone() != null && !notes.value().isEmpty()) {
      return refuseField("notes", "A vote is on a zone or on chosen notes, not both.");
    }
    return Verdict.allow(new Event.Vote(command.vote(), title, layout.map(BoardLayout::boardId).orElse(null), command.zone(),
        budget, maxPerItem, !Boolean.FALSE.equals(command.anonymous()), Boolean.TRUE.equals(command.live()),
        null, null, null, null, null));
  }

  /** The chosen notes, each once; none means every note of the vote's board, zone or workshop. */
  public static Verdict<List<String>> notes(List<String> requested, boolean onBoard) {
    if (requested == null || requested.isEmpty()) {
      return Verdict.allow(List.of());
    }
    if (!onBoard) {
      return refuseField("notes", "Chosen notes are those of one board: name it.");
    }
    if (requested.size() > MAX_ITEMS) {
      return refuseField("notes", "A vote is on at most " + MAX_ITEMS + " notes.");
    }
    LinkedHashSet<String> chosen = new LinkedHashSet<>();
    for (String noteId : requested) {
      Verdict<String> valid = BoardRules.noteId("notes", noteId);
      if (!valid.isAllowed()) {
        return Verdict.refuse(valid.rejection());
      }
      chosen.add(noteId);
    }
    return Verdict.allow(List.copyOf(chosen));
  }

  /** Participants vote; animators run the vote, observers watch it. */
  public static Verdict<Identity> mayVote(Identity who) {
    return who.role() == Role.PARTICIPANT
        ? Verdict.allow(who)
        : Verdict.refuse(Rejection.of("forbidden", "Only participants place dots."));
  }

  public static Verdict<Identity> mayClose(Identity who) {
    return who.role().mayRunWorkshop()
        ? Verdict.allow(who)
        : Verdict.refuse(Rejection.of("forbidden", "Only animators close votes."));
  }

  private static <T> Verdict<T> refuseField(String field, String message) {
    return Verdict.refuse(Rejection.invalidField(field, message));
  }
}
