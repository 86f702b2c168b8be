package org.parvis.vote;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.parvis.protocol.Event;
import org.parvis.workshop.Category;

/**
 * A closed vote's results: every note ranked by its dots, equal dots sharing a rank (1, 2, 2, 4),
 * and the same ranking among the voters of each category that has at least
 * {@value #MIN_CATEGORY_VOTERS} of them (fewer would tell who voted what); those who did not say
 * their category count in the whole ranking only. Voters' names only for
 * a named vote. The notes of a cluster count as one line: the cluster's title and its notes' dots.
 */
public final class VoteResults {

  public static final int MIN_CATEGORY_VOTERS = 3;

  /** One person's dots, item ({@code <board>/<noteId>}) to count, with who they are. */
  public record Ballot(String participantId, String name, Optional<Category> category, Map<String, Integer> dots) {

    int total() {
      return dots.values().stream().mapToInt(Integer::intValue).sum();
    }
  }

  /** One line of the ranking: a note alone, or a cluster with the keys of its notes. */
  private record Line(String board, String noteId, String text, String cluster, List<String> keys) {}

  private VoteResults() {}

  public static String itemKey(String board, String noteId) {
    return board + "/" + noteId;
  }

  public static Event.VoteResult count(List<Event.VoteItem> items, List<Ballot> ballots, boolean anonymous) {
    return count(items, List.of(), ballots, anonymous);
  }

  public static Event.VoteResult count(List<Event.VoteItem> items, List<Event.VoteCluster> clusters, List<Ballot> ballots,
      boolean anonymous) {
    List<Line> lines = lines(items, clusters);
    List<Ballot> voters = ballots.stream().filter(ballot -> ballot.total() > 0).toList();
    List<Event.CategoryRanking> categories = new ArrayList<>();
    for (Category category : Category.values()) {
      if (!category.isSplit()) {
        continue;
      }
      List<Ballot> ofCategory = voters.stream().filter(ballot -> ballot.category().equals(Optional.of(category))).toList();
      if (ofCategory.size() >= MIN_CATEGORY_VOTERS) {
        categories.add(new Event.CategoryRanking(category.wireName(), ofCategory.size(), ranking(lines, ofCategory, anonymous)));
      }
    }
    return new Event.VoteResult(voters.size(), voters.stream().mapToInt(Ballot::total).sum(),
        ranking(lines, voters, anonymous), categories);
  }

  /** The vote's items in its order, a cluster's notes replaced by one line where its first note stood. */
  private static List<Line> lines(List<Event.VoteItem> items, List<Event.VoteCluster> clusters) {
    Map<String, Event.VoteCluster> clusterOf = new LinkedHashMap<>();
    clusters.forEach(cluster -> cluster.notes().forEach(note -> clusterOf.put(itemKey(cluster.board(), note), cluster)));
    Map<String, Line> lines = new LinkedHashMap<>();
    for (Event.VoteItem item : items) {
      String key = itemKey(item.board(), item.noteId());
      Event.VoteCluster cluster = clusterOf.get(key);
      if (cluster == null) {
        lines.put(key, new Line(item.board(), item.noteId(), item.text(), null, List.of(key)));
      } else {
        lines.computeIfAbsent(cluster.board() + "#" + cluster.cluster(),
            first -> new Line(cluster.board(), null, cluster.title(), cluster.cluster(), new ArrayList<>())).keys().add(key);
      }
    }
    return List.copyOf(lines.values());
  }

  /** Most dots first; lines with equal dots keep the vote's order and share the rank. */
  private static List<Event.RankedItem> ranking(List<Line> lines, List<Ballot> ballots, boolean anonymous) {
    record Counted(Line line, int dots, List<String> voters) {}
    List<Counted> counted = lines.stream().map(line -> {
      List<Ballot> on = ballots.stream().filter(ballot -> line.keys().stream().anyMatch(key -> ballot.dots().getOrDefault(key, 0) > 0))
          .toList();
      int dots = on.stream().mapToInt(ballot -> line.keys().stream().mapToInt(key -> ballot.dots().getOrDefault(key, 0)).sum()).sum();
      List<String> names = anonymous ? List.of() : on.stream().map(Ballot::name).sorted().toList();
      return new Counted(line, dots, names);
    }).sorted(Comparator.comparingInt(Counted::dots).reversed()).toList();
    return counted.stream().map(entry -> {
      long above = counted.stream().filter(other -> other.dots() > entry.dots()).count();
      long equal = counted.stream().filter(other -> other.dots() == entry.dots()).count();
      Line line = entry.line();
      return new Event.RankedItem(line.board(), line.noteId(), line.text(), entry.dots(), (int) above + 1, equal > 1,
          entry.voters(), line.cluster(), line.cluster() == null ? null : line.keys().size());
    }).toList();
  }
}
