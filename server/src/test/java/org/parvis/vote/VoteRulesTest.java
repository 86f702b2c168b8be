package org.parvis.vote;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.parvis.board.BoardLayout;
import org.parvis.board.BoardTemplate;
import org.parvis.protocol.Command;
import org.parvis.protocol.Event;
import org.parvis.workshop.Identity;
import org.parvis.workshop.Role;

class VoteRulesTest {

  private static final Identity ANIMATOR = Identity.animator("w");
  private static final Identity PARTICIPANT = new Identity("w", Role.PARTICIPANT, "p1", "Sylvie");
  private static final Optional<BoardLayout> BOARD =
      Optional.of(new BoardLayout("w-1", "w", "Actions", BoardTemplate.PEPITES, BoardTemplate.PEPITES.zones()));

  private static Command.VoteOpen open(Integer budget, Integer maxPerItem) {
    return new Command.VoteOpen("c1", "v1", "Nos actions", "w-1", null, List.of(), budget, maxPerItem, null, null);
  }

  @Test
  void aBudgetIsOneToNinetyNineDots() {
    assertThat(VoteRules.open(ANIMATOR, open(1, null), BOARD).value().budget()).isEqualTo(1);
    assertThat(VoteRules.open(ANIMATOR, open(99, null), BOARD).value().budget()).isEqualTo(99);
    assertThat(VoteRules.open(ANIMATOR, open(0, null), BOARD).rejection().field()).isEqualTo("budget");
    assertThat(VoteRules.open(ANIMATOR, open(100, null), BOARD).rejection().field()).isEqualTo("budget");
  }

  @Test
  void anyNumberOfDotsPerNoteUnlessTheAnimatorSetsALimitWithinTheBudget() {
    assertThat(VoteRules.open(ANIMATOR, open(5, null), BOARD).value().maxPerItem()).isEqualTo(5);
    assertThat(VoteRules.open(ANIMATOR, open(5, 1), BOARD).value().maxPerItem()).isEqualTo(1);
    assertThat(VoteRules.open(ANIMATOR, open(5, 6), BOARD).rejection().field()).isEqualTo("maxPerItem");
    assertThat(VoteRules.open(ANIMATOR, open(5, 0), BOARD).rejection().field()).isEqualTo("maxPerItem");
  }

  @Test
  void aVoteIsAnonymousAndHiddenUntilClosedByDefault() {
    Event.Vote vote = VoteRules.open(ANIMATOR, open(3, null), BOARD).value();
    assertThat(vote.anonymous()).isTrue();
    assertThat(vote.live()).isFalse();
    Event.Vote named = VoteRules.open(ANIMATOR,
        new Command.VoteOpen("c1", "v1", "", "w-1", null, List.of(), 3, null, false, true), BOARD).value();
    assertThat(named.anonymous()).isFalse();
    assertThat(named.live()).isTrue();
  }

  @Test
  void onlyAnimatorsOpenAndCloseAndOnlyParticipantsVote() {
    assertThat(VoteRules.open(PARTICIPANT, open(3, null), BOARD).rejection().code()).isEqualTo("forbidden");
    assertThat(VoteRules.mayClose(PARTICIPANT).rejection().code()).isEqualTo("forbidden");
    assertThat(VoteRules.mayClose(ANIMATOR).isAllowed()).isTrue();
    assertThat(VoteRules.mayVote(PARTICIPANT).isAllowed()).isTrue();
    assertThat(VoteRules.mayVote(ANIMATOR).rejection().code()).isEqualTo("forbidden");
    assertThat(VoteRules.mayVote(Identity.observer("w")).rejection().code()).isEqualTo("forbidden");
  }

  @Test
  void aScopeIsABoardAZoneOfItChosenNotesOfItOrTheWholeWorkshop() {
    assertThat(VoteRules.open(ANIMATOR, new Command.VoteOpen("c", "v", "", "w-1", "z2", List.of(), 3, null, null, null), BOARD)
        .value().zone()).isEqualTo("z2");
    assertThat(VoteRules.open(ANIMATOR, new Command.VoteOpen("c", "v", "", "w-1", "z9", List.of(), 3, null, null, null), BOARD)
        .rejection().field()).isEqualTo("zone");
    assertThat(VoteRules.open(ANIMATOR, new Command.VoteOpen("c", "v", "", null, null, List.of(), 3, null, null, null),
        Optional.empty()).value().board()).isNull();
    assertThat(VoteRules.open(ANIMATOR, new Command.VoteOpen("c", "v", "", null, null, List.of("n1"), 3, null, null, null),
        Optional.empty()).rejection().field()).isEqualTo("notes");
    assertThat(VoteRules.notes(List.of("n1", "n2", "n1"), true).value()).containsExactly("n1", "n2");
    assertThat(VoteRules.notes(List.of("n 1"), true).rejection().field()).isEqualTo("notes");
    assertThat(VoteRules.notes(Collections.nCopies(VoteRules.MAX_ITEMS + 1, "n"), true).rejection().field()).isEqualTo("notes");
  }

  @Test
  void aBoardOfAnotherWorkshopAndABadVoteIdAreRefused() {
    assertThat(VoteRules.open(Identity.animator("other"), open(3, null), BOARD).rejection().code()).isEqualTo("forbidden");
    assertThat(VoteRules.open(ANIMATOR, new Command.VoteOpen("c", "v/1", "", "w-1", null, List.of(), 3, null, null, null), BOARD)
        .rejection().field()).isEqualTo("vote");
  }
}
