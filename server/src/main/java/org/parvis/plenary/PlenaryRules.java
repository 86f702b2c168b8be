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
