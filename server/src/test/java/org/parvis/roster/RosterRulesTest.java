package org.parvis.roster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.parvis.workshop.Animator;
import org.parvis.workshop.Category;
import org.parvis.workshop.GroupStanding;
import org.parvis.workshop.Identity;
import org.parvis.workshop.Participant;

class RosterRulesTest {

  private static final List<String> BOARDS = List.of("w-1", "w-2", "w-3");
  private final Identity lead = Identity.animator("w");
  private final Identity groupAnimator = Identity.invitedAnimator("w", new Animator("a1", "Bernard", "w-2"));
  private final Identity participant = Identity.participant("w", new Participant("p1", "Alice", Category.ELU, "w-1"));
  private final Identity observer = Identity.observer("w");

  @Test
  void onlyTheLeadAnimatorMovesPeopleToABoardOfTheWorkshop() {
    assertThat(RosterRules.move(lead, BOARDS, "w-2").value()).isEqualTo("w-2");
    assertThat(RosterRules.move(lead, BOARDS, "x-2").rejection().field()).isEqualTo("board");
    assertThat(RosterRules.move(groupAnimator, BOARDS, "w-2").rejection().code()).isEqualTo("forbidden");
    assertThat(RosterRules.move(participant, BOARDS, "w-2").rejection().code()).isEqualTo("forbidden");
  }

  @Test
  void onlyTheLeadAnimatorClosesTheGroupMenu() {
    assertThat(RosterRules.lockGroups(lead, true).value()).isTrue();
    assertThat(RosterRules.lockGroups(groupAnimator, true).rejection().code()).isEqualTo("forbidden");
    assertThat(RosterRules.lockGroups(participant, false).rejection().code()).isEqualTo("forbidden");
  }

  @Test
  void anAnimatorBringsItsOwnGroupAndTheLeadEveryone() {
    assertThat(RosterRules.follow(groupAnimator, BOARDS, "w-3").value()).isEqualTo("w-2");
    assertThat(RosterRules.follow(lead, BOARDS, "w-3").isAllowed()).isTrue();
    assertThat(RosterRules.follow(lead, BOARDS, "w-3").value()).as("no group: everyone").isNull();
    assertThat(RosterRules.follow(groupAnimator, BOARDS, "elsewhere").rejection().field()).isEqualTo("board");
    assertThat(RosterRules.follow(participant, BOARDS, "w-1").rejection().code()).isEqualTo("forbidden");
    assertThat(RosterRules.follow(observer, BOARDS, "w-1").rejection().code()).isEqualTo("forbidden");
  }

  @Test
  void onlyParticipantsSayTheyAreDone() {
    assertThat(RosterRules.done(participant, true).value()).isTrue();
    assertThat(RosterRules.done(lead, true).rejection().code()).isEqualTo("forbidden");
    assertThat(RosterRules.done(observer, true).rejection().code()).isEqualTo("forbidden");
  }

  @Test
  void withTheMenuClosedAParticipantOpensItsGroupAndThePlenaryOnly() {
    GroupStanding closed = new GroupStanding(true, List.of("w-3"), "w-2");
    assertThat(RosterRules.mayOpen(participant, closed, "w-2").isAllowed()).as("its group as stored, after a move").isTrue();
    assertThat(RosterRules.mayOpen(participant, closed, "w-3").isAllowed()).as("shown in plenary").isTrue();
    assertThat(RosterRules.mayOpen(participant, closed, "w-1").rejection().code()).isEqualTo("groups_locked");
    assertThat(RosterRules.mayOpen(lead, closed, "w-1").isAllowed()).isTrue();
    assertThat(RosterRules.mayOpen(observer, closed, "w-1").isAllowed()).isTrue();
    assertThat(RosterRules.mayOpen(participant, new GroupStanding(false, List.of(), "w-2"), "w-1").isAllowed()).isTrue();
  }
}
