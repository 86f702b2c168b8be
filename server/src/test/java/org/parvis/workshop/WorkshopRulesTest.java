package org.parvis.workshop;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.parvis.board.BoardTemplate;

class WorkshopRulesTest {

  @Test
  void aPlanNamesItsGroupsAndTheirTemplates() {
    WorkshopPlan plan = WorkshopRules.plan(Map.of("title", "  Atelier   1 ", "date", "2026-11-23",
        "groups", List.of(Map.of("name", "Rendez-vous", "template", "barometre"), Map.of("name", "Libre")))).value();

    assertThat(plan.title()).isEqualTo("Atelier 1");
    assertThat(plan.groups()).extracting(WorkshopPlan.Group::template).containsExactly(BoardTemplate.BAROMETRE, BoardTemplate.FREE);
  }

  @Test
  void theLeadAnimatorMayGiveANameAndOtherwiseGoesByAnimation() {
    Map<String, Object> plan = Map.of("title", "A", "groups", List.of(Map.of("name", "G")));

    assertThat(WorkshopRules.plan(plan).value().leadAnimatorName()).isEqualTo("Animation");
    assertThat(WorkshopRules.plan(with(plan, "animatorName", " Claire  Dupont ")).value().leadAnimatorName())
        .isEqualTo("Claire Dupont");
    assertThat(WorkshopRules.plan(with(plan, "animatorName", "x".repeat(41))).rejection().field()).isEqualTo("animatorName");
  }

  private static Map<String, Object> with(Map<String, Object> request, String key, Object value) {
    Map<String, Object> copy = new java.util.HashMap<>(request);
    copy.put(key, value);
    return copy;
  }

  @Test
  void bidirectionalFormattingIsRemovedFromTitlesGroupNamesAndNames() {
    WorkshopPlan plan = WorkshopRules.plan(Map.of("title", "Atelier \u2067gpj.exe\u2069",
        "groups", List.of(Map.of("name", "Groupe\u200F A\u061C")))).value();
    assertThat(plan.title()).isEqualTo("Atelier gpj.exe");
    assertThat(plan.groups().get(0).name()).isEqualTo("Groupe A");
    assertThat(WorkshopRules.newcomer(Map.of("code", "ABCDEF", "name", "\u202BSylvie\u202C")).value().name())
        .isEqualTo("Sylvie");
  }

  @Test
  void aPlanWithoutGroupsOrWithAnUnknownTemplateIsRefused() {
    assertThat(WorkshopRules.plan(Map.of("title", "A", "groups", List.of())).rejection().field()).isEqualTo("groups");
    assertThat(WorkshopRules.plan(Map.of("title", "A", "groups", List.of(Map.of("name", "G", "template", "kanban"))))
        .rejection().field()).isEqualTo("groups.template");
    assertThat(WorkshopRules.plan(Map.of("title", "A", "date", "23/11/2026", "groups", List.of(Map.of("name", "G"))))
        .rejection().field()).isEqualTo("date");
  }

  @Test
  void aNewcomerTypesTheCodeAnyWayAndMayGiveACategory() {
    Newcomer newcomer = WorkshopRules.newcomer(Map.of("code", "k7p 2qx", "name", "Josette", "category", "elu")).value();

    assertThat(newcomer.code()).isEqualTo("K7P2QX");
    assertThat(newcomer.category()).isEqualTo(Category.ELU);
    assertThat(WorkshopRules.newcomer(Map.of("code", "K7P2QX", "name", "Jo")).value().category())
        .as("no category given: not said, not 'autre'").isEqualTo(Category.UNSAID);
  }

  @Test
  void aNewcomerNeedsANameOfReasonableLength() {
    assertThat(WorkshopRules.newcomer(Map.of("code", "K7P2QX", "name", "   ")).rejection().field()).isEqualTo("name");
    assertThat(WorkshopRules.newcomer(Map.of("code", "K7P2QX", "name", "x".repeat(41))).rejection().field()).isEqualTo("name");
    assertThat(WorkshopRules.newcomer(Map.of("code", "K7P2QX", "name", "Jo", "category", "maire")).rejection().field())
        .isEqualTo("category");
  }

  @Test
  void joinCodesAvoidCharactersThatLookAlike() {
    for (int i = 0; i < 200; i++) {
      assertThat(Secrets.joinCode()).hasSize(6).doesNotContain("0", "O", "1", "I");
    }
  }

  private static final List<String> BOARDS = List.of("w-1", "w-2");

  @Test
  void theLeadAnimatorInvitesAnAnimatorWithANameAndOptionallyItsSubGroup() {
    AnimatorInvitation invitation = WorkshopRules.animatorInvitation(Identity.animator("w"), BOARDS, 0,
        Map.of("name", "  Bernard ", "board", "w-2")).value();

    assertThat(invitation).isEqualTo(new AnimatorInvitation("Bernard", "w-2"));
    assertThat(WorkshopRules.animatorInvitation(Identity.animator("w"), BOARDS, 0, Map.of("name", "Inès")).value().boardId())
        .isNull();
  }

  @Test
  void onlyTheLeadAnimatorInvites() {
    Identity invited = Identity.invitedAnimator("w", new Animator("a1", "Bernard", "w-1"));
    Identity participant = Identity.participant("w", new Participant("p1", "Jo", Category.HABITANT, "w-1"));

    for (Identity inviter : List.of(invited, participant, Identity.observer("w"))) {
      assertThat(WorkshopRules.animatorInvitation(inviter, BOARDS, 0, Map.of("name", "Eve")).rejection().code())
          .as(inviter.toString()).isEqualTo("forbidden");
    }
  }

  @Test
  void anInvitationNeedsANameAndABoardOfTheWorkshopAndRoomForOneMore() {
    Identity lead = Identity.animator("w");

    assertThat(WorkshopRules.animatorInvitation(lead, BOARDS, 0, Map.of("name", " ")).rejection().field()).isEqualTo("name");
    assertThat(WorkshopRules.animatorInvitation(lead, BOARDS, 0, Map.of("name", "Bernard", "board", "other-1"))
        .rejection().field()).isEqualTo("board");
    assertThat(WorkshopRules.animatorInvitation(lead, BOARDS, WorkshopRules.MAX_INVITED_ANIMATORS, Map.of("name", "Bernard"))
        .rejection().code()).isEqualTo("too_many_animators");
  }
}
