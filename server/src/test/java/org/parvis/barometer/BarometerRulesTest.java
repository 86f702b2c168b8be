package org.parvis.barometer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.parvis.board.BoardLayout;
import org.parvis.board.BoardTemplate;
import org.parvis.protocol.Command.Indicator;
import org.parvis.workshop.Category;
import org.parvis.workshop.Identity;
import org.parvis.workshop.Role;

class BarometerRulesTest {

  private static final BoardLayout BAROMETER = layout(BoardTemplate.BAROMETRE);
  private static final Identity ANIMATOR = Identity.animator("w1");
  private static final Identity PARTICIPANT = new Identity("w1", Role.PARTICIPANT, "p1", "Sylvie",
      Optional.of(Category.HABITANT), Optional.empty(), false);
  private static final Identity OBSERVER = Identity.observer("w1");

  @Test
  void theBarometerTemplateStartsWithTheFourIndicatorsOfTheMethod() {
    assertThat(BoardTemplate.BAROMETRE.indicators()).extracting(Indicator::low, Indicator::high).containsExactly(
        org.assertj.core.groups.Tuple.tuple("Rendez-vous", "Isolement"),
        org.assertj.core.groups.Tuple.tuple("Perspectives", "Impuissance"),
        org.assertj.core.groups.Tuple.tuple("Solidarités interactives", "Dépendance"),
        org.assertj.core.groups.Tuple.tuple("Initiatives", "Passivité"));
    assertThat(BarometerRules.indicators(BoardTemplate.BAROMETRE.indicators()).isAllowed()).isTrue();
    assertThat(BoardTemplate.PEPITES.isBarometer()).isFalse();
  }

  @Test
  void aBarometerHasTwoToEightIndicators() {
    assertThat(BarometerRules.indicators(scales(1)).rejection().field()).isEqualTo("indicators");
    assertThat(BarometerRules.indicators(scales(2)).isAllowed()).isTrue();
    assertThat(BarometerRules.indicators(scales(8)).isAllowed()).isTrue();
    assertThat(BarometerRules.indicators(scales(9)).rejection().code()).isEqualTo("invalid_field");
  }

  @Test
  void titlesAndPolesHaveLimitsAndAreCleanedAsNamesAre() {
    List<Indicator> tooLongTitle = new ArrayList<>(scales(2));
    tooLongTitle.set(1, new Indicator("x".repeat(BarometerRules.MAX_TITLE + 1), "Haut", "Bas"));
    assertThat(BarometerRules.indicators(tooLongTitle).rejection().field()).isEqualTo("indicators.1.title");

    List<Indicator> emptyPole = new ArrayList<>(scales(2));
    emptyPole.set(0, new Indicator("Sociabilité", "  ", "Isolement"));
    assertThat(BarometerRules.indicators(emptyPole).rejection().field()).isEqualTo("indicators.0.low");

    List<Indicator> longPole = new ArrayList<>(scales(2));
    longPole.set(0, new Indicator("Sociabilité", "Rendez-vous", "é".repeat(BarometerRules.MAX_POLE + 1)));
    assertThat(BarometerRules.indicators(longPole).rejection().field()).isEqualTo("indicators.0.high");

    List<Indicator> messy = new ArrayList<>(scales(2));
    messy.set(0, new Indicator("  Vie\u202E   locale ", "Rendez-vous\u0007", "x".repeat(BarometerRules.MAX_POLE)));
    Indicator cleaned = BarometerRules.indicators(messy).value().get(0);
    assertThat(cleaned.title()).isEqualTo("Vie locale");
    assertThat(cleaned.low()).isEqualTo("Rendez-vous");
    assertThat(BarometerRules.indicators(Collections.nCopies(2, null)).rejection().field()).isEqualTo("indicators.0");
  }

  @Test
  void anAnswerIsAPlaceFromZeroToAHundredOrIDoNotKnow() {
    for (String step : List.of("0", "1", "4", "7", "63", "100", "unknown")) {
      assertThat(BarometerRules.value(step).isAllowed()).as(step).isTrue();
    }
    for (String wrong : List.of("101", "-1", "07", "3.5", "", "Unknown", "je ne sais pas")) {
      assertThat(BarometerRules.value(wrong).rejection().field()).as(wrong).isEqualTo("value");
    }
    assertThat(BarometerRules.indicator(0).isAllowed()).isTrue();
    assertThat(BarometerRules.indicator(7).isAllowed()).isTrue();
    assertThat(BarometerRules.indicator(8).rejection().field()).isEqualTo("indicator");
    assertThat(BarometerRules.indicator(-1).rejection().field()).isEqualTo("indicator");
  }

  @Test
  void aBarometerIsOnStepsOrContinuousAndNoneKeepsWhatItIs() {
    assertThat(BarometerRules.scale("steps").value()).isEqualTo("steps");
    assertThat(BarometerRules.scale("continuous").value()).isEqualTo("continuous");
    assertThat(BarometerRules.scale(null).isAllowed()).isTrue();
    assertThat(BarometerRules.scale("slider").rejection().field()).isEqualTo("scale");
    assertThat(BarometerRules.PLACES).containsEntry("steps", 7).containsEntry("continuous", 101);
  }

  @Test
  void participantsAnswerAndAnimatorsRunTheBarometer() {
    assertThat(BarometerRules.mayAnswer(PARTICIPANT, BAROMETER).isAllowed()).isTrue();
    assertThat(BarometerRules.mayAnswer(ANIMATOR, BAROMETER).rejection().code()).isEqualTo("forbidden");
    assertThat(BarometerRules.mayAnswer(OBSERVER, BAROMETER).rejection().code()).isEqualTo("forbidden");
    assertThat(BarometerRules.mayRun(ANIMATOR, BAROMETER).isAllowed()).isTrue();
    assertThat(BarometerRules.mayRun(PARTICIPANT, BAROMETER).rejection().code()).isEqualTo("forbidden");
    assertThat(BarometerRules.mayRun(OBSERVER, BAROMETER).rejection().code()).isEqualTo("forbidden");
  }

  @Test
  void aBoardOfNotesHasNoBarometer() {
    assertThat(BarometerRules.mayAnswer(PARTICIPANT, layout(BoardTemplate.PEPITES)).rejection().code()).isEqualTo("not_a_barometer");
    assertThat(BarometerRules.mayRun(ANIMATOR, layout(BoardTemplate.FREE)).rejection().code()).isEqualTo("not_a_barometer");
  }

  private static BoardLayout layout(BoardTemplate template) {
    return new BoardLayout("w1-1", "w1", "Groupe", template, template.zones());
  }

  private static List<Indicator> scales(int count) {
    List<Indicator> scales = new ArrayList<>();
    for (int index = 0; index < count; index++) {
      scales.add(new Indicator("Indicateur " + (index + 1), "Vitalité", "Dépression"));
    }
    return scales;
  }
}
