package org.parvis.board;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.parvis.workshop.Identity;
import org.parvis.workshop.Role;

class BoardAccessTest {

  private final Identity participant = new Identity("abc", Role.PARTICIPANT, "p1", "Jeanne");

  @Test
  void aParticipantWritesTheBoardsOfItsOwnWorkshopOnly() {
    assertThat(BoardAccess.mayWrite(participant, "abc-1").isAllowed()).isTrue();
    assertThat(BoardAccess.mayWrite(participant, "abcd-1").rejection().code()).isEqualTo("forbidden");
    assertThat(BoardAccess.mayRead(participant, "xyz-1").rejection().code()).isEqualTo("forbidden");
  }

  @Test
  void anObserverReadsButNeverWrites() {
    Identity observer = Identity.observer("abc");

    assertThat(BoardAccess.mayRead(observer, "abc-2").isAllowed()).isTrue();
    assertThat(BoardAccess.mayWrite(observer, "abc-2").rejection().code()).isEqualTo("forbidden");
  }

  @Test
  void onlyAnimatorsLockAndWriteLockedBoards() {
    Identity animator = Identity.animator("abc");

    assertThat(BoardAccess.mayLock(animator, "abc-1").isAllowed()).isTrue();
    assertThat(BoardAccess.mayLock(participant, "abc-1").isAllowed()).isFalse();
    assertThat(BoardAccess.mayWriteLocked(animator)).isTrue();
    assertThat(BoardAccess.mayWriteLocked(participant)).isFalse();
  }

  @Test
  void onlyAnimatorsModerateAndChangeNotesThatAreNotTheirs() {
    Identity animator = Identity.animator("abc");
    Identity observer = Identity.observer("abc");

    assertThat(BoardAccess.mayModerate(animator, "abc-1").isAllowed()).isTrue();
    assertThat(BoardAccess.mayModerate(animator, "xyz-1").rejection().code()).as("another workshop's board").isEqualTo("forbidden");
    assertThat(BoardAccess.mayModerate(participant, "abc-1").rejection().code()).isEqualTo("forbidden");
    assertThat(BoardAccess.mayModerate(observer, "abc-1").rejection().code()).isEqualTo("forbidden");
    assertThat(BoardAccess.moderates(animator)).isTrue();
    assertThat(BoardAccess.moderates(participant)).as("a participant changes its own notes only").isFalse();
    assertThat(BoardAccess.moderates(observer)).isFalse();
  }
}
