package org.parvis.vote;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.parvis.protocol.Event;
import org.parvis.workshop.Category;

class VoteResultsTest {

  private static final List<Event.VoteItem> ACTIONS = List.of(
      new Event.VoteItem("w-1", "bus", "Un minibus le jeudi"),
      new Event.VoteItem("w-1", "cafe", "Un café associatif"),
      new Event.VoteItem("w-1", "jardin", "Un jardin partagé"),
      new Event.VoteItem("w-1", "fete", "Une fête de village"));

  private static VoteResults.Ballot ballot(String name, Category category, Map<String, Integer> dots) {
    return new VoteResults.Ballot("p-" + name, name, Optional.of(category), dots);
  }

  @Test
  void notesAreRankedByDotsAndEqualDotsShareARank() {
    List<Event.RankedItem> ranking = VoteResults.count(ACTIONS, List.of(
        ballot("Alice", Category.HABITANT, Map.of("w-1/cafe", 2, "w-1/jardin", 1)),
        ballot("Bruno", Category.ELU, Map.of("w-1/jardin", 1, "w-1/bus", 2))), true).ranking();
    assertThat(ranking).extracting(Event.RankedItem::noteId).containsExactly("bus", "cafe", "jardin", "fete");
    assertThat(ranking).extracting(Event.RankedItem::rank).containsExactly(1, 1, 1, 4);
    assertThat(ranking).extracting(Event.RankedItem::tied).containsExactly(true, true, true, false);
    assertThat(ranking).extracting(Event.RankedItem::dots).containsExactly(2, 2, 2, 0);
  }

  @Test
  void aClearWinnerIsNotTied() {
    List<Event.RankedItem> ranking = VoteResults.count(ACTIONS, List.of(
        ballot("Alice", Category.HABITANT, Map.of("w-1/fete", 3)),
        ballot("Bruno", Category.ELU, Map.of("w-1/cafe", 1))), true).ranking();
    assertThat(ranking.get(0).noteId()).isEqualTo("fete");
    assertThat(ranking.get(0).tied()).isFalse();
    assertThat(ranking.get(1).rank()).isEqualTo(2);
    assertThat(ranking.get(2).rank()).isEqualTo(3);
    assertThat(ranking.get(2).tied()).isTrue();
  }

  @Test
  void aCategoryIsShownOnlyWithAtLeastThreeVoters() {
    Event.VoteResult result = VoteResults.count(ACTIONS, List.of(
        ballot("Alice", Category.HABITANT, Map.of("w-1/cafe", 1)),
        ballot("Bruno", Category.HABITANT, Map.of("w-1/cafe", 1)),
        ballot("Chloé", Category.HABITANT, Map.of("w-1/bus", 1)),
        ballot("Denis", Category.ELU, Map.of("w-1/fete", 3)),
        ballot("Emma", Category.ELU, Map.of("w-1/fete", 3))), true);
    assertThat(result.voters()).isEqualTo(5);
    assertThat(result.dots()).isEqualTo(9);
    assertThat(result.categories()).extracting(Event.CategoryRanking::category).containsExactly("habitant");
    Event.CategoryRanking habitants = result.categories().get(0);
    assertThat(habitants.voters()).isEqualTo(3);
    assertThat(habitants.ranking().get(0).noteId()).isEqualTo("cafe");
    assertThat(habitants.ranking().get(0).dots()).isEqualTo(2);
  }

  @Test
  void thoseWhoPreferNotToSayCountInTheResultButMakeNoRowOfTheirOwn() {
    Event.VoteResult result = VoteResults.count(ACTIONS, List.of(
        ballot("Alice", Category.UNSAID, Map.of("w-1/cafe", 1)),
        ballot("Bruno", Category.UNSAID, Map.of("w-1/cafe", 1)),
        ballot("Chloé", Category.UNSAID, Map.of("w-1/bus", 1)),
        ballot("Denis", Category.AUTRE, Map.of("w-1/fete", 1))), true);
    assertThat(result.voters()).isEqualTo(4);
    assertThat(result.ranking().get(0).noteId()).isEqualTo("cafe");
    assertThat(result.ranking().get(0).dots()).isEqualTo(2);
    assertThat(result.categories()).as("three who did not say are no category").isEmpty();
  }

  @Test
  void aNamedVoteSaysWhoPutADotOnEachNoteAnAnonymousOneDoesNot() {
    List<VoteResults.Ballot> ballots = List.of(
        ballot("Bruno", Category.ELU, Map.of("w-1/cafe", 1)),
        ballot("Alice", Category.HABITANT, Map.of("w-1/cafe", 2)));
    assertThat(VoteResults.count(ACTIONS, ballots, false).ranking().get(0).voters()).containsExactly("Alice", "Bruno");
    assertThat(VoteResults.count(ACTIONS, ballots, true).ranking().get(0).voters()).isEmpty();
  }

  @Test
  void someoneWhoTookAllItsDotsBackIsNotAVoter() {
    Event.VoteResult result = VoteResults.count(ACTIONS, List.of(
        ballot("Alice", Category.HABITANT, Map.of()),
        ballot("Bruno", Category.HABITANT, Map.of("w-1/bus", 0))), true);
    assertThat(result.voters()).isZero();
    assertThat(result.ranking()).allSatisfy(item -> assertThat(item.rank()).isEqualTo(1));
  }

  @Test
  void aClusterCountsItsNotesDotsAsOneLineWithItsTitle() {
    List<Event.VoteCluster> clusters = List.of(new Event.VoteCluster("w-1", "k", "Lieux de rencontre", List.of("cafe", "fete")));
    List<VoteResults.Ballot> ballots = List.of(
        ballot("Alice", Category.HABITANT, Map.of("w-1/cafe", 1, "w-1/bus", 2)),
        ballot("Bruno", Category.ELU, Map.of("w-1/fete", 2)));
    List<Event.RankedItem> ranking = VoteResults.count(ACTIONS, clusters, ballots, false).ranking();
    assertThat(ranking).extracting(Event.RankedItem::text)
        .containsExactly("Lieux de rencontre", "Un minibus le jeudi", "Un jardin partagé");
    Event.RankedItem cluster = ranking.get(0);
    assertThat(cluster.dots()).isEqualTo(3);
    assertThat(cluster.cluster()).isEqualTo("k");
    assertThat(cluster.notes()).isEqualTo(2);
    assertThat(cluster.noteId()).isNull();
    assertThat(cluster.voters()).containsExactly("Alice", "Bruno");
    assertThat(ranking.get(1).cluster()).as("a note alone").isNull();
  }
}
