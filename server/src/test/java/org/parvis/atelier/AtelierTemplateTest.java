package org.parvis.atelier;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.parvis.board.BoardTemplate;
import org.parvis.protocol.Command;
import org.parvis.workshop.WorkshopPlan;
import org.parvis.workshop.WorkshopRules;

class AtelierTemplateTest {

  private static final List<AtelierTemplate.Board> THEMES = List.of(
      new AtelierTemplate.Board("Se loger", BoardTemplate.PEPITES), new AtelierTemplate.Board("Se déplacer", BoardTemplate.FREE));

  @Test
  void everyAtelierOfTheMethodFillsTheEveningFromHalfPastSixToNine() {
    for (AtelierTemplate atelier : List.of(AtelierTemplate.ATELIER_1, AtelierTemplate.ATELIER_2, AtelierTemplate.ATELIER_3,
        AtelierTemplate.ATELIER_4)) {
      List<Command.Sequence> agenda = atelier.prepare(THEMES).agenda();
      assertThat(agenda.stream().mapToInt(Command.Sequence::minutes).sum()).as(atelier.wireName()).isEqualTo(150);
      assertThat(agenda).as("the 30-minute dinner break before the plenary restitution")
          .anyMatch(sequence -> sequence.kind().equals("break") && sequence.minutes() == 30);
    }
  }

  @Test
  void atelierOneAddsTheBarometerBeforeTheThematicBoards() {
    AtelierTemplate.Preparation prepared = AtelierTemplate.ATELIER_1.prepare(THEMES);

    assertThat(prepared.boards()).containsExactly(
        new AtelierTemplate.Board("Baromètre de la vitalité sociale", BoardTemplate.BAROMETRE),
        new AtelierTemplate.Board("Se loger", BoardTemplate.FREE),
        new AtelierTemplate.Board("Se déplacer", BoardTemplate.FREE));
    assertThat(prepared.agenda()).extracting(Command.Sequence::title).containsExactly(
        "Accueil et présentation de la démarche", "Le baromètre de la vitalité sociale",
        "État des lieux en sous-groupes et images associées", "Pause dînatoire", "Restitution en plénière");
    assertThat(prepared.agenda().get(1).boards()).as("the barometer's sequence shows the barometer").containsExactly("0");
    assertThat(prepared.agenda().get(2).boards()).as("the sub-groups' sequence, their boards").containsExactly("1", "2");
    assertThat(prepared.agenda().get(4).boards()).containsExactly("0", "1", "2");
  }

  @Test
  void atelierTwoGivesEverySubGroupTrendsRisksOpportunitiesAndIntentions() {
    AtelierTemplate.Preparation prepared = AtelierTemplate.ATELIER_2.prepare(THEMES);

    assertThat(prepared.boards()).extracting(AtelierTemplate.Board::template).containsOnly(BoardTemplate.TENDANCES);
    assertThat(BoardTemplate.TENDANCES.zones()).extracting(zone -> zone.title())
        .containsExactly("Tendances", "Risques", "Opportunités", "Intentions d'actions");
    assertThat(prepared.agenda()).extracting(Command.Sequence::title).contains("Intentions d'actions");
  }

  @Test
  void atelierThreeStartsFromTheActionsAndVotesBeforeDeepening() {
    AtelierTemplate.Preparation prepared = AtelierTemplate.ATELIER_3.prepare(THEMES);

    assertThat(prepared.boards()).as("sub-group boards come with the vote's kept actions")
        .containsExactly(new AtelierTemplate.Board("Actions", BoardTemplate.ACTIONS));
    assertThat(prepared.agenda()).extracting(Command.Sequence::id).containsSubsequence("a3-vote", "a3-approfondir");
    assertThat(BoardTemplate.APPROFONDIR.zones()).extracting(zone -> zone.title()).containsExactly("Qui", "Quoi", "Quand", "Ressources");
  }

  @Test
  void atelierFourIsTheCharterOfTheFourIndicators() {
    assertThat(AtelierTemplate.ATELIER_4.prepare(THEMES).boards())
        .containsExactly(new AtelierTemplate.Board("Charte de la vitalité sociale", BoardTemplate.CHARTE));
    assertThat(BoardTemplate.CHARTE.zones()).hasSize(4);
  }

  @Test
  void theFreeFormatKeepsTheAnimatorsTemplatesAndHasNoAgenda() {
    AtelierTemplate.Preparation prepared = AtelierTemplate.LIBRE.prepare(THEMES);

    assertThat(prepared.boards()).isEqualTo(THEMES);
    assertThat(prepared.agenda()).isEmpty();
  }

  @Test
  void aPlanNamingAnAtelierGetsItsBoardsAndAgenda() {
    WorkshopPlan plan = WorkshopRules.plan(Map.of("title", "Vallée", "atelier", "atelier2",
        "groups", List.of(Map.of("name", "Se loger", "template", "free")))).value();

    assertThat(plan.groups()).containsExactly(new WorkshopPlan.Group("Se loger", BoardTemplate.TENDANCES));
    assertThat(plan.agenda()).hasSize(6);
  }

  @Test
  void atelierThreeNeedsNoSubGroupsAtCreation() {
    WorkshopPlan plan = WorkshopRules.plan(Map.of("title", "Scénario", "atelier", "atelier3")).value();

    assertThat(plan.groups()).extracting(WorkshopPlan.Group::template).containsExactly(BoardTemplate.ACTIONS);
  }

  @Test
  void anUnknownAtelierIsRefusedByName() {
    assertThat(WorkshopRules.plan(Map.of("title", "X", "atelier", "atelier9", "groups", List.of(Map.of("name", "A"))))
        .rejection().field()).isEqualTo("atelier");
  }

  @Test
  void atelierOneLeavesRoomForItsBarometerAmongTheTwelveBoards() {
    List<Map<String, String>> twelve = java.util.stream.IntStream.rangeClosed(1, 12).mapToObj(n -> Map.of("name", "G" + n)).toList();

    assertThat(WorkshopRules.plan(Map.of("title", "X", "atelier", "atelier1", "groups", twelve)).rejection().field())
        .isEqualTo("groups");
    assertThat(WorkshopRules.plan(Map.of("title", "X", "atelier", "atelier1", "groups", twelve.subList(0, 11))).isAllowed()).isTrue();
  }

  @Test
  void everyTitleATemplateWritesHasItsEnglishInTheClient() throws IOException {
    String french = Files.readString(Path.of("../web-client/src/i18n/fr.ts"));
    for (AtelierTemplate atelier : AtelierTemplate.values()) {
      AtelierTemplate.Preparation prepared = atelier.prepare(List.of());
      prepared.agenda().forEach(sequence -> assertThat(french).as(atelier.wireName()).contains(knownEntry(sequence.title())));
      prepared.boards().forEach(board -> assertThat(french).as(atelier.wireName()).contains(knownEntry(board.name())));
    }
  }

  /** How the client's French dictionary spells a text the server writes, under a {@code known.} key. */
  private static String knownEntry(String text) {
    return "': '" + text.replace("'", "\\'") + "',";
  }
}
