package org.parvis.agenda;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.parvis.protocol.Command;
import org.parvis.workshop.Animator;
import org.parvis.workshop.Category;
import org.parvis.workshop.Identity;
import org.parvis.workshop.Participant;

class TimerRulesTest {

  private static final List<String> BOARDS = List.of("w-1", "w-2");
  private static final Identity LEAD = Identity.animator("w");
  private static final Identity ANIMATOR_OF_1 = Identity.invitedAnimator("w", new Animator("a1", "Bernard", "w-1"));
  private static final Identity PARTICIPANT = Identity.participant("w", new Participant("p1", "Sylvie", Category.HABITANT, "w-1"));

  private static Command.TimerSet timer(String action, String group, Long durationMs, Long deltaMs) {
    return new Command.TimerSet("c1", action, group, durationMs, deltaMs, null);
  }

  @Test
  void theLeadRunsTheWorkshopsTimerAndEveryGroupsTimer() {
    assertThat(TimerRules.change(LEAD, BOARDS, timer("start", null, 600_000L, null)).value())
        .isEqualTo(new TimerRules.TimerChange("start", null, 600_000L, 0, false));
    assertThat(TimerRules.change(LEAD, BOARDS, timer("pause", "w-2", null, null)).isAllowed()).isTrue();
  }

  @Test
  void aGroupsAnimatorRunsOnlyItsOwnGroupsTimer() {
    assertThat(TimerRules.change(ANIMATOR_OF_1, BOARDS, timer("start", "w-1", 60_000L, null)).isAllowed()).isTrue();
    assertThat(TimerRules.change(ANIMATOR_OF_1, BOARDS, timer("start", "w-2", 60_000L, null)).rejection().code()).isEqualTo("forbidden");
    assertThat(TimerRules.change(ANIMATOR_OF_1, BOARDS, timer("start", null, 60_000L, null)).rejection().code()).isEqualTo("forbidden");
  }

  @Test
  void participantsNeverRunATimer() {
    assertThat(TimerRules.change(PARTICIPANT, BOARDS, timer("stop", "w-1", null, null)).rejection().code()).isEqualTo("forbidden");
  }

  @Test
  void aStartNeedsASensibleDurationAndAnAddANonZeroMinuteOrSo() {
    assertThat(TimerRules.change(LEAD, BOARDS, timer("start", null, null, null)).rejection().field()).isEqualTo("durationMs");
    assertThat(TimerRules.change(LEAD, BOARDS, timer("start", null, 999L, null)).rejection().field()).isEqualTo("durationMs");
    assertThat(TimerRules.change(LEAD, BOARDS, timer("start", null, 4 * 3_600_000L + 1, null)).rejection().field()).isEqualTo("durationMs");
    assertThat(TimerRules.change(LEAD, BOARDS, timer("add", null, null, 0L)).rejection().field()).isEqualTo("deltaMs");
    assertThat(TimerRules.change(LEAD, BOARDS, timer("add", null, null, 3_600_001L)).rejection().field()).isEqualTo("deltaMs");
    assertThat(TimerRules.change(LEAD, BOARDS, timer("add", null, null, -60_000L)).value().deltaMs()).isEqualTo(-60_000L);
  }

  @Test
  void anUnknownActionOrGroupIsRefusedNamingItsField() {
    assertThat(TimerRules.change(LEAD, BOARDS, timer("rewind", null, null, null)).rejection().field()).isEqualTo("action");
    assertThat(TimerRules.change(LEAD, BOARDS, timer("stop", "x-1", null, null)).rejection().field()).isEqualTo("group");
  }

  @Test
  void freezingAtZeroIsOffUnlessAsked() {
    var frozen = TimerRules.change(LEAD, BOARDS, new Command.TimerSet("c1", "start", null, 60_000L, null, true));
    assertThat(frozen.value().freezeAtZero()).isTrue();
    assertThat(TimerRules.change(LEAD, BOARDS, timer("start", null, 60_000L, null)).value().freezeAtZero()).isFalse();
  }
}
