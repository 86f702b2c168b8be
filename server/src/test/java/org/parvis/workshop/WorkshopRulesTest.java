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
    assertThat(WorkshopRules.newcomer(Map.of("code", "K7P2QX", "name", "Jo")).value().category()).isEqualTo(Category.AUTRE);
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
}
