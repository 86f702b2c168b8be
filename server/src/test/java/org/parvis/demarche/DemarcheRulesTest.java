package org.parvis.demarche;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.parvis.board.Zone;
import org.parvis.workshop.Category;

class DemarcheRulesTest {

  @Test
  void aPersonIsKnownByNameAndCategoryWhateverTheCaseAccentsAndSpaces() {
    Set<String> known = Set.of(DemarcheRules.personKey("Hélène  Dupont", Category.HABITANT));
    assertThat(DemarcheRules.isNewcomer(" helene DUPONT ", Category.HABITANT, known)).isFalse();
    assertThat(DemarcheRules.isNewcomer("Hélène Dupont", Category.ELU, known)).as("another category is another person").isTrue();
    assertThat(DemarcheRules.isNewcomer("Hélène Durand", Category.HABITANT, known)).isTrue();
  }

  @Test
  void aPrivateOrHiddenNoteNeverLeavesItsBoardAndAPublicOneLeavesWithoutItsAuthor() {
    JsonObject open = note("n1").put("author", "pabc").put("authorName", "Hélène");
    assertThat(DemarcheRules.shareable(open, Set.of(), Set.of())).hasValueSatisfying(shared -> {
      assertThat(shared.getString("text")).isEqualTo("texte n1");
      assertThat(shared.fieldNames()).doesNotContain("author", "authorName", "id");
    });
    assertThat(DemarcheRules.shareable(note("n2").put("unrevealed", true), Set.of(), Set.of())).isEmpty();
    assertThat(DemarcheRules.shareable(note("n3").put("hiddenBy", "Anim"), Set.of(), Set.of())).isEmpty();
    assertThat(DemarcheRules.shareable(note("n4"), Set.of("n4"), Set.of())).as("listed as private").isEmpty();
    assertThat(DemarcheRules.shareable(note("n5"), Set.of(), Set.of("n5"))).as("listed as hidden").isEmpty();
  }

  @Test
  void onlyAClosedVoteIsCarriedWithoutItsVotersNorItsHiddenNotesAndItsKeptActionsAreTheTopFiveWithDots() {
    JsonArray ranking = new JsonArray();
    int[] dots = {9, 7, 7, 5, 4, 4, 4, 0};
    int[] ranks = {1, 2, 2, 4, 5, 5, 5, 8};
    for (int i = 0; i < dots.length; i++) {
      ranking.add(new JsonObject().put("board", "w-1").put("noteId", "n" + i).put("text", "a" + i).put("dots", dots[i]).put("rank", ranks[i]).put("tied", false)
          .put("voters", new JsonArray().add("Hélène")));
    }
    String result = new JsonObject().put("voters", 4).put("dots", 40).put("ranking", ranking)
        .put("categories", new JsonArray()).encode();
    assertThat(DemarcheRules.publicResult("open", "Actions", result, Set.of())).isEmpty();
    JsonObject closed = DemarcheRules.publicResult("closed", "Actions", result, Set.of()).orElseThrow();
    assertThat(closed.encode()).doesNotContain("Hélène");
    assertThat(closed.getJsonArray("kept")).containsExactly("a0", "a1", "a2", "a3", "a4", "a5", "a6");
    JsonObject withoutHidden = DemarcheRules.publicResult("closed", "Actions", result, Set.of("w-1/n1")).orElseThrow();
    assertThat(withoutHidden.encode()).as("a note hidden since is left out").doesNotContain("\"a1\"");
  }

  @Test
  void aBarometerCarriesItsTalliesAndItsSplitOnlyOnceClosed() {
    String split = "[{\"indicator\":0,\"category\":\"habitant\",\"steps\":[0,3,0,0,0,0,0],\"unknown\":0}]";
    JsonObject open = DemarcheRules.barometer("B", "[]", "[]", "0", split);
    assertThat(open.containsKey("split")).isFalse();
    assertThat(DemarcheRules.barometer("B", "[]", "[]", "1", split).getJsonArray("split")).hasSize(1);
  }

  @Test
  void intentionsAreFoundByZoneTitleAndLandInTheZoneAboutActions() {
    assertThat(DemarcheRules.isIntentionsZone("Intentions d'actions")).isTrue();
    assertThat(DemarcheRules.isIntentionsZone("INTENTIONS D’ACTION")).isTrue();
    assertThat(DemarcheRules.isIntentionsZone("Tendances")).isFalse();
    List<Zone> scenario = List.of(new Zone("z1", "Qui"), new Zone("z2", "Actions proposées"));
    assertThat(DemarcheRules.actionsZone(scenario)).hasValue(new Zone("z2", "Actions proposées"));
    assertThat(DemarcheRules.actionsZone(List.of(new Zone("z1", "Idées")))).hasValue(new Zone("z1", "Idées"));
  }

  @Test
  void theMethodStopsAtAtelierFourAndAnAtelierHasOneNext() {
    assertThat(DemarcheRules.nextStep(1, false).value()).isEqualTo(2);
    assertThat(DemarcheRules.nextStep(4, false).rejection().code()).isEqualTo("demarche_complete");
    assertThat(DemarcheRules.nextStep(2, true).rejection().code()).isEqualTo("next_exists");
    assertThat(DemarcheRules.name("  ").rejection().field()).isEqualTo("demarche");
  }

  private static JsonObject note(String id) {
    return new JsonObject().put("id", id).put("text", "texte " + id).put("color", "yellow").put("zone", "z1");
  }

  @Test
  void theNextAtelierOfTheMethodIsRecognisedByThePreviousOnesBoards() {
    var atelier1 = List.of(Map.entry("Baromètre", "barometre"), Map.entry("Jeunesse", "free"), Map.entry("Mobilité", "free"));
    assertThat(DemarcheRules.methodNext(2, atelier1)).hasValueSatisfying(fields -> {
      assertThat(fields.get("atelier")).isEqualTo("atelier2");
      assertThat(fields.get("groups")).isEqualTo(List.of(Map.of("name", "Jeunesse", "template", "tendances"),
          Map.of("name", "Mobilité", "template", "tendances")));
    });
    assertThat(DemarcheRules.methodNext(3, List.of(Map.entry("Jeunesse", "tendances")))).hasValue(Map.of("atelier", "atelier3"));
    assertThat(DemarcheRules.methodNext(4, List.of(Map.entry("Actions", "actions")))).hasValue(Map.of("atelier", "atelier4"));
    assertThat(DemarcheRules.methodNext(3, List.of(Map.entry("Idées", "free")))).as("another shape is copied as it is").isEmpty();
    assertThat(DemarcheRules.methodNext(2, List.of(Map.entry("Baromètre", "barometre")))).as("no sub-group to carry").isEmpty();
  }
}
