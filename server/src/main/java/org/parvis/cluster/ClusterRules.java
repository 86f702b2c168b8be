package org.parvis.cluster;

import java.util.HashSet;
import java.util.List;
import java.util.regex.Pattern;
import org.parvis.board.BoardRules;
import org.parvis.board.NoteText;
import org.parvis.sync.Rejection;
import org.parvis.sync.Verdict;

/**
 * What a cluster command may carry, decided before anything touches storage. Whether its notes
 * exist, are public and are in another cluster is stored state: cluster.lua decides that.
 */
public final class ClusterRules {

  public static final int MAX_TITLE_CODE_POINTS = 80;
  public static final int MAX_CLUSTERS_PER_BOARD = 200;
  public static final int MAX_NOTES_AT_CREATION = 100;
  private static final Pattern CLUSTER_ID = Pattern.compile("[A-Za-z0-9_-]{1,40}");

  private ClusterRules() {}

  public static Verdict<String> clusterId(String id) {
    return id != null && CLUSTER_ID.matcher(id).matches()
        ? Verdict.allow(id)
        : Verdict.refuse(Rejection.invalidField("cluster", "A cluster id is 1 to 40 letters, digits, '-' or '_'."));
  }

  /** A title, cleaned like a note's text; "" leaves the cluster untitled (clients show its notes' count). */
  public static Verdict<String> title(String raw) {
    String title = NoteText.clean(raw == null ? "" : raw).strip();
    return title.codePointCount(0, title.length()) <= MAX_TITLE_CODE_POINTS
        ? Verdict.allow(title)
        : Verdict.refuse(Rejection.invalidField("title", "A cluster's title holds at most " + MAX_TITLE_CODE_POINTS + " characters."));
  }

  /** The notes a new cluster starts with: note ids, each once, at most {@value #MAX_NOTES_AT_CREATION}. */
  public static Verdict<List<String>> notes(List<String> noteIds) {
    if (noteIds.size() > MAX_NOTES_AT_CREATION) {
      return Verdict.refuse(Rejection.invalidField("notes", "A cluster starts with at most " + MAX_NOTES_AT_CREATION + " notes."));
    }
    for (String noteId : noteIds) {
      Verdict<String> checked = BoardRules.noteId("notes", noteId);
      if (!checked.isAllowed()) {
        return Verdict.refuse(checked.rejection());
      }
    }
    return new HashSet<>(noteIds).size() == noteIds.size()
        ? Verdict.allow(List.copyOf(noteIds))
        : Verdict.refuse(Rejection.invalidField("notes", "A note is in a cluster once."));
  }

  /** Where a note (or an empty cluster) goes: on the board, or absent. */
  public static Verdict<Boolean> position(Double x, Double y) {
    if (!BoardRules.isCoordinate(x)) {
      return Verdict.refuse(Rejection.invalidField("x", "x must be a number from 0 to " + (int) BoardRules.MAX_COORDINATE + "."));
    }
    if (!BoardRules.isCoordinate(y)) {
      return Verdict.refuse(Rejection.invalidField("y", "y must be a number from 0 to " + (int) BoardRules.MAX_COORDINATE + "."));
    }
    return Verdict.allow(true);
  }

  /** How far a cluster moves: a finite number, at most the board's size either way. */
  public static Verdict<Boolean> shift(double dx, double dy) {
    if (!isShift(dx)) {
      return Verdict.refuse(Rejection.invalidField("dx", "dx must be a number from -10000 to 10000."));
    }
    return isShift(dy) ? Verdict.allow(true) : Verdict.refuse(Rejection.invalidField("dy", "dy must be a number from -10000 to 10000."));
  }

  private static boolean isShift(double delta) {
    return Double.isFinite(delta) && Math.abs(delta) <= BoardRules.MAX_COORDINATE;
  }
}
