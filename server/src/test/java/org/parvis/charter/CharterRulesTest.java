package org.parvis.charter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.parvis.board.BoardLayout;
import org.parvis.board.BoardTemplate;
import org.parvis.board.Zone;
import org.parvis.workshop.Animator;
import org.parvis.workshop.Category;
import org.parvis.workshop.Identity;
import org.parvis.workshop.Role;

class CharterRulesTest {

  private static final BoardLayout CHARTER = layout(BoardTemplate.CHARTE);
  private static final BoardLayout NOTES = layout(BoardTemplate.PEPITES);
  private static final Identity LEAD = Identity.animator("w1");
  private static final Identity CO_ANIMATOR = Identity.invitedAnimator("w1", new Animator("a2", "Marc", null));
  private static final Identity RESIDENT = participant(Category.HABITANT);
  private static final Identity LOCAL_ACTOR = participant(Category.ACTEUR);
  private static final Identity OBSERVER = Identity.observer("w1");

  @Test
  void theCharterBoardIsGroupedByTheFourIndicatorsOfTheMethod() {
    assertThat(CHARTER.zones()).extracting(Zone::title).containsExactly(
        "Rendez-vous / Isolement", "Perspectives / Impuissance", "Solidarités interactives / Dépendance", "Initiatives / Passivité");
    assertThat(BoardTemplate.fromWire("charte")).contains(BoardTemplate.CHARTE);
    assertThat(BoardTemplate.CHARTE.isCharter()).isTrue();
    assertThat(BoardTemplate.BAROMETRE.isCharter()).isFalse();
  }

  @Test
  void participantsAndAnimatorsWriteCommitmentsObserversOnlyRead() {
    assertThat(CharterRules.mayWrite(RESIDENT, CHARTER).isAllowed()).isTrue();
    assertThat(CharterRules.mayWrite(LEAD, CHARTER).isAllowed()).isTrue();
    assertThat(CharterRules.mayWrite(OBSERVER, CHARTER).rejection().code()).isEqualTo("forbidden");
    assertThat(CharterRules.mayWrite(RESIDENT, NOTES).rejection().code()).isEqualTo("not_a_charter");
  }

  @Test
  void participantsLocalActorsIncludedSignButAnimatorsAndObserversDoNot() {
    assertThat(CharterRules.maySign(RESIDENT, CHARTER).isAllowed()).isTrue();
    assertThat(CharterRules.maySign(LOCAL_ACTOR, CHARTER).isAllowed()).isTrue();
    assertThat(CharterRules.maySign(LEAD, CHARTER).rejection().code()).isEqualTo("forbidden");
    assertThat(CharterRules.maySign(OBSERVER, CHARTER).rejection().code()).isEqualTo("forbidden");
    assertThat(CharterRules.maySign(LOCAL_ACTOR, NOTES).rejection().code()).isEqualTo("not_a_charter");
  }

  @Test
  void onlyAnimatorsModerate() {
    assertThat(CharterRules.mayModerate(CO_ANIMATOR, CHARTER).isAllowed()).isTrue();
    assertThat(CharterRules.mayModerate(RESIDENT, CHARTER).rejection().code()).isEqualTo("forbidden");
  }

  @Test
  void anyAnimatorFreezesOnlyTheLeadUnfreezes() {
    assertThat(CharterRules.mayFreeze(CO_ANIMATOR, CHARTER, true).isAllowed()).isTrue();
    assertThat(CharterRules.mayFreeze(CO_ANIMATOR, CHARTER, false).rejection().code()).isEqualTo("forbidden");
    assertThat(CharterRules.mayFreeze(LEAD, CHARTER, false).isAllowed()).isTrue();
    assertThat(CharterRules.mayFreeze(RESIDENT, CHARTER, true).rejection().code()).isEqualTo("forbidden");
  }

  @Test
  void aCommitmentIsOneShortCleanedSentenceOfAtMost200Characters() {
    assertThat(CharterRules.text("  Je   m'engage\n à ouvrir  la salle  ").value()).isEqualTo("Je m'engage à ouvrir la salle");
    assertThat(CharterRules.text("é".repeat(CharterRules.MAX_TEXT)).isAllowed()).isTrue();
    assertThat(CharterRules.text("é".repeat(CharterRules.MAX_TEXT + 1)).rejection())
        .extracting("code", "field").containsExactly("text_too_long", "text");
    assertThat(CharterRules.text("   ").rejection()).extracting("code", "field").containsExactly("invalid_field", "text");
    assertThat(CharterRules.text(null).rejection().field()).isEqualTo("text");
  }

  @Test
  void aCommitmentBelongsToOneOfTheBoardsIndicators() {
    assertThat(CharterRules.zone(CHARTER, "z4").isAllowed()).isTrue();
    assertThat(CharterRules.zone(CHARTER, "z5").rejection().field()).isEqualTo("zone");
    assertThat(CharterRules.zone(CHARTER, null).rejection().field()).isEqualTo("zone");
  }

  @Test
  void anOrderNamesEachCommitmentOnceAndAMergeNeedsAnother() {
    assertThat(CharterRules.order(List.of("c1", "c2")).isAllowed()).isTrue();
    assertThat(CharterRules.order(List.of("c1", "c1")).rejection().field()).isEqualTo("order");
    assertThat(CharterRules.order(List.of("c1", "bad id")).rejection().field()).isEqualTo("order");
    assertThat(CharterRules.mergeTarget("c1", "c1").rejection().field()).isEqualTo("into");
    assertThat(CharterRules.mergeTarget("c1", "c2").value()).isEqualTo("c2");
    assertThat(CharterRules.id("../x", "commitmentId").rejection().field()).isEqualTo("commitmentId");
  }

  private static Identity participant(Category category) {
    return new Identity("w1", Role.PARTICIPANT, "p-" + category.wireName(), "Sylvie", Optional.of(category), Optional.empty(), false);
  }

  private static BoardLayout layout(BoardTemplate template) {
    return new BoardLayout("w1-1", "w1", "Charte", template, template.zones());
  }
}
