package org.parvis.subgroups;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.parvis.board.NoteText;
import org.parvis.protocol.Event;
import org.parvis.sync.Rejection;
import org.parvis.sync.Verdict;
import org.parvis.workshop.Identity;
import org.parvis.workshop.Role;
import org.parvis.workshop.WorkshopRules;

/**
 * The boards a workshop gains while it runs: one per action kept by atelier 3's vote, to deepen it
 * (Qui / Quoi / Quand / Ressources), and one per thematic axis (seed 003: six at most), which
 * participants then pick for themselves.
 */
public final class SubgroupRules {

  public static final int MAX_AXES = 6;
  public static final int DEFAULT_KEEP = 4;
  public static final int MAX_KEEP = 8;

  private SubgroupRules() {}

  /** How many of the top-ranked actions an animator keeps: 1 to {@value #MAX_KEEP}, {@value #DEFAULT_KEEP} when not said. */
  public static Verdict<Integer> deepen(Identity who, Integer keep) {
    if (!who.role().mayRunWorkshop()) {
      return Verdict.refuse(Rejection.of("forbidden", "Only animators open the sub-groups that deepen the kept actions."));
    }
    int kept = keep == null ? DEFAULT_KEEP : keep;
    return kept >= 1 && kept <= MAX_KEEP
        ? Verdict.allow(kept)
        : Verdict.refuse(Rejection.invalidField("keep", "keep is 1 to " + MAX_KEEP + " actions."));
  }

  /**
   * The kept actions of a closed vote: those with at least one dot ranked within the first {@code keep}
   * (ties at the edge are all kept, up to {@value #MAX_KEEP}), each named as its note, shortened to a group's name.
   */
  public static Verdict<List<String>> keptActions(List<Event.RankedItem> ranking, int keep) {
    List<String> names = ranking.stream()
        .filter(item -> item.dots() > 0 && item.rank() <= keep)
        .limit(MAX_KEEP)
        .map(item -> groupName(item.text()))
        .toList();
    return names.isEmpty()
        ? Verdict.refuse(Rejection.of("no_kept_actions", "No action received a dot: there is nothing to deepen."))
        : Verdict.allow(names);
  }

  /** The lead animator's axes: 1 to {@value #MAX_AXES} distinct titles, each a group's name. */
  public static Verdict<List<String>> axes(Identity who, List<String> titles) {
    if (!who.role().mayRunWorkshop() || !who.lead()) {
      return Verdict.refuse(Rejection.of("forbidden", "Only the lead animator sets the thematic axes."));
    }
    if (titles == null || titles.isEmpty() || titles.size() > MAX_AXES) {
      return Verdict.refuse(Rejection.invalidField("axes", "Give 1 to " + MAX_AXES + " thematic axes."));
    }
    List<String> cleaned = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String title : titles) {
      Verdict<String> name = WorkshopRules.groupName(title, "axes");
      if (!name.isAllowed()) {
        return Verdict.refuse(name.rejection());
      }
      if (!seen.add(name.value().toLowerCase(Locale.ROOT))) {
        return Verdict.refuse(Rejection.invalidField("axes", "Two axes are called " + name.value() + "."));
      }
      cleaned.add(name.value());
    }
    return Verdict.allow(List.copyOf(cleaned));
  }

  /** A participant picks its own axis; animators assign people with participant.move. */
  public static Verdict<String> choose(Identity who, String board) {
    if (who.role() != Role.PARTICIPANT) {
      return Verdict.refuse(Rejection.of("forbidden", "Only participants pick their axis; animators move people with participant.move."));
    }
    return Verdict.allow(board);
  }

  private static String groupName(String text) {
    String flat = NoteText.clean(text == null ? "" : text).strip().replaceAll("\\s+", " ");
    int max = WorkshopRules.MAX_GROUP_NAME;
    return flat.codePointCount(0, flat.length()) <= max ? flat
        : flat.substring(0, flat.offsetByCodePoints(0, max - 1)).strip() + "…";
  }
}
