package org.parvis.subgroups;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.parvis.protocol.Event;
import org.parvis.workshop.Animator;
import org.parvis.workshop.Category;
import org.parvis.workshop.Identity;
import org.parvis.workshop.Participant;

class SubgroupRulesTest {

  private static final Identity LEAD = Identity.animator("w1");
  private static final Identity GROUP_ANIMATOR = Identity.invitedAnimator("w1", new Animator("abcdefghijkm", "Bernard", "w1-2"));
  private static final Identity SYLVIE = Identity.participant("w1", new Participant("pabcdefghijk", "Sylvie", Category.HABITANT, "w1-1"));

  private static Event.RankedItem ranked(String text, int dots, int rank) {
    return new Event.RankedItem("w1-1", "n-" + rank + dots, text, dots, rank, false, List.of(), null, null);
  }

  @Test
  void theTopRankedActionsAreKeptTiesAtTheEdgeIncluded() {
    List<Event.RankedItem> ranking = List.of(ranked("Un café associatif", 5, 1), ranked("Navette du marché", 3, 2),
        ranked("Jardin partagé", 3, 2), ranked("Troc de services", 1, 4));

    assertThat(SubgroupRules.keptActions(ranking, 2).value())
        .containsExactly("Un café associatif", "Navette du marché", "Jardin partagé");
  }

  @Test
  void anActionWithoutADotIsNotKept() {
    List<Event.RankedItem> ranking = List.of(ranked("Un café", 2, 1), ranked("Personne n'en veut", 0, 2));

    assertThat(SubgroupRules.keptActions(ranking, 4).value()).containsExactly("Un café");
    assertThat(SubgroupRules.keptActions(List.of(ranked("Rien", 0, 1)), 4).rejection().code()).isEqualTo("no_kept_actions");
  }

  @Test
  void aLongActionIsShortenedToAGroupsName() {
    String name = SubgroupRules.keptActions(List.of(ranked("Une action ".repeat(20), 1, 1)), 1).value().get(0);

    assertThat(name).hasSizeLessThanOrEqualTo(60).endsWith("…");
  }

  @Test
  void animatorsKeepOneToEightActionsFourByDefault() {
    assertThat(SubgroupRules.deepen(GROUP_ANIMATOR, null).value()).isEqualTo(4);
    assertThat(SubgroupRules.deepen(LEAD, 8).value()).isEqualTo(8);
    assertThat(SubgroupRules.deepen(LEAD, 9).rejection().field()).isEqualTo("keep");
    assertThat(SubgroupRules.deepen(LEAD, 0).rejection().field()).isEqualTo("keep");
    assertThat(SubgroupRules.deepen(SYLVIE, 4).rejection().code()).isEqualTo("forbidden");
  }

  @Test
  void theLeadAnimatorSetsOneToSixDistinctAxes() {
    assertThat(SubgroupRules.axes(LEAD, List.of(" Se  loger ", "Se déplacer")).value()).containsExactly("Se loger", "Se déplacer");
    assertThat(SubgroupRules.axes(LEAD, List.of("1", "2", "3", "4", "5", "6")).value()).hasSize(6);
    assertThat(SubgroupRules.axes(LEAD, List.of("1", "2", "3", "4", "5", "6", "7")).rejection().field()).isEqualTo("axes");
    assertThat(SubgroupRules.axes(LEAD, List.of()).rejection().field()).isEqualTo("axes");
    assertThat(SubgroupRules.axes(LEAD, List.of("Se loger", "se LOGER")).rejection().field()).isEqualTo("axes");
    assertThat(SubgroupRules.axes(LEAD, List.of("   ")).rejection().field()).isEqualTo("axes");
    assertThat(SubgroupRules.axes(GROUP_ANIMATOR, List.of("Se loger")).rejection().code()).isEqualTo("forbidden");
    assertThat(SubgroupRules.axes(SYLVIE, List.of("Se loger")).rejection().code()).isEqualTo("forbidden");
  }

  @Test
  void onlyAParticipantPicksItsOwnAxis() {
    assertThat(SubgroupRules.choose(SYLVIE, "w1-3").value()).isEqualTo("w1-3");
    assertThat(SubgroupRules.choose(LEAD, "w1-3").rejection().code()).isEqualTo("forbidden");
  }
}
