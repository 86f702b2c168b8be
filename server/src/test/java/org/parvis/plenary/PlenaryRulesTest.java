package org.parvis.plenary;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.parvis.workshop.Identity;
import org.parvis.workshop.Role;
import org.parvis.workshop.Workshop;

class PlenaryRulesTest {

  private final Workshop workshop = new Workshop("w", "Atelier", "", "ABCDEF", List.of("w-1", "w-2", "w-3"), List.of(), "observer-token");

  @Test
  void theAnimatorShowsBoardsSideBySideEachOnce() {
    assertThat(PlenaryRules.choice(Identity.animator("w"), workshop, List.of("w-2", "w-1", "w-2")).value())
        .containsExactly("w-2", "w-1");
  }

  @Test
  void participantsAndObserversCannotChooseWhatThePlenaryShows() {
    assertThat(PlenaryRules.choice(new Identity("w", Role.PARTICIPANT, "p", "P"), workshop, List.of("w-1")).rejection().code())
        .isEqualTo("forbidden");
    assertThat(PlenaryRules.choice(Identity.observer("w"), workshop, List.of()).rejection().code()).isEqualTo("forbidden");
  }

  @Test
  void aBoardOfAnotherWorkshopCannotBeShown() {
    assertThat(PlenaryRules.choice(Identity.animator("w"), workshop, List.of("other-1")).rejection().field()).isEqualTo("boards");
  }

  @Test
  void anAnimatorShowsTheJoinCodeLargeInACornerOrNot() {
    assertThat(PlenaryRules.joinDisplay(Identity.animator("w"), "corner").value()).isEqualTo("corner");
    assertThat(PlenaryRules.joinDisplay(Identity.animator("w"), "giant").rejection().field()).isEqualTo("mode");
    assertThat(PlenaryRules.joinDisplay(Identity.observer("w"), "hidden").rejection().code()).isEqualTo("forbidden");
  }
}
