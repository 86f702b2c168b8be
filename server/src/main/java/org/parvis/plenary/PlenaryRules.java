package org.parvis.plenary;

import java.util.LinkedHashSet;
import java.util.List;
import org.parvis.sync.Rejection;
import org.parvis.sync.Verdict;
import org.parvis.workshop.Identity;
import org.parvis.workshop.Workshop;

/** What the plenary screen may be asked to show: boards of the animator's own workshop, each once. */
public final class PlenaryRules {

  public static final int MAX_SHOWN_BOARDS = 12;

  private PlenaryRules() {}

  /** How the projector shows the join code: large at the start, in a corner later, or not at all. */
  public static final List<String> JOIN_DISPLAYS = List.of("large", "corner", "hidden");

  public static Verdict<String> joinDisplay(Identity who, String mode) {
    if (!who.role().mayRunWorkshop()) {
      return Verdict.refuse(Rejection.of("forbidden", "Only animators choose how the join code is shown."));
    }
    return JOIN_DISPLAYS.contains(mode)
        ? Verdict.allow(mode)
        : Verdict.refuse(Rejection.invalidField("mode", "mode is large, corner or hidden."));
  }

  public static Verdict<List<String>> choice(Identity who, Workshop workshop, Object requested) {
    if (!who.role().mayRunWorkshop()) {
      return Verdict.refuse(Rejection.of("forbidden", "Only animators choose what the plenary shows."));
    }
    if (!(requested instanceof List<?> boards) || boards.size() > MAX_SHOWN_BOARDS) {
      return Verdict.refuse(Rejection.invalidField("boards", "boards is a list of up to " + MAX_SHOWN_BOARDS + " board ids."));
    }
    LinkedHashSet<String> chosen = new LinkedHashSet<>();
    for (Object board : boards) {
      if (!(board instanceof String boardId) || !workshop.boardIds().contains(boardId)) {
        return Verdict.refuse(Rejection.invalidField("boards", "This workshop has no board " + board + "."));
      }
      chosen.add(boardId);
    }
    return Verdict.allow(List.copyOf(chosen));
  }
}
