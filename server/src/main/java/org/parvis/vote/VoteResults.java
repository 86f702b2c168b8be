package org.parvis.vote;

import java.util.ArrayList;
import java.util.Comparator;
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
 * a named vote.
 */
public final class VoteResults {

  public static final int MIN_CATEGORY_VOTERS = 3;

  /** One person's dots, item ({@code <board>/<noteId>}) to count, with who they are. */
  public record Ballot(String participantId, String name, Optional<Category> category, Map<String, Integer> dots) {

    int total() {
      return dots.values().stream().mapToInt(Integer::intValue).sum();
    }
  }

  private VoteResults() {}

  public static String itemKey(String board, String noteId) {
    return board + "/" + noteId;
  }

  public static Event.VoteResult count(List<Event.VoteItem> items, List<Ballot> ballots, boolean anonymous) {
    List<Ballot> voters = ballots.stream().filter(ballot -> ballot.total() > 0).toList();
    List<Event.CategoryRanking> categories = new ArrayList<>();
    for (Category category : Category.values()) {
      if (!category.isSplit()) {
        continue;
      }
      List<Ballot> ofCategory = voters.stream().filter(ballot -> ballot.category().equals(Optional.of(category))).toList();
      if (ofCategory.size() >= MIN_CATEGORY_VOTERS) {
        categories.add(new Event.CategoryRanking(category.wireName(), ofCategory.size(), ranking(items, ofCategory, anonymous)));
      }
    }
    return new Event.VoteResult(voters.size(), voters.stream().mapToInt(Ballot::total).sum(),
        ranking(items, voters, anonymous), categories);
  }

  /** Most dots first; notes with equal dots keep the vote's order and share the rank. */
  public static List<Event.RankedItem> ranking(List<Event.VoteItem> items, List<Ballot> ballots, boolean anonymous) {
    record Counted(Event.VoteItem item, int dots, List<String> voters) {}
    List<Counted> counted = items.stream().map(item -> {
      String key = itemKey(item.board(), item.noteId());
      List<Ballot> on = ballots.stream().filter(ballot -> ballot.dots().getOrDefault(key, 0) > 0).toList();
      int dots = on.stream().mapToInt(ballot -> ballot.dots().get(key)).sum();
      List<String> names = anonymous ? List.of() : on.stream().map(Ballot::name).sorted().toList();
      return new Counted(item, dots, names);
    }).sorted(Comparator.comparingInt(Counted::dots).reversed()).toList();
    return counted.stream().map(entry -> {
      long above = counted.stream().filter(other -> other.dots() > entry.dots()).count();
      long equal = counted.stream().filter(other -> other.dots() == entry.dots()).count();
      return new Event.RankedItem(entry.item().board(), entry.item().noteId(), entry.item().text(), entry.dots(),
          (int) above + 1, equal > 1, entry.voters());
    }).toList();
  }
}
