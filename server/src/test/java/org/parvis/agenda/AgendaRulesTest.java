package org.parvis.agenda;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parvis.protocol.Command;
import org.parvis.workshop.Animator;
import org.parvis.workshop.Category;
import org.parvis.workshop.Identity;
import org.parvis.workshop.Participant;

class AgendaRulesTest {

  private static final List<String> BOARDS = List.of("w-1", "w-2");
  private static final Identity LEAD = Identity.animator("w");
  private static final Identity GROUP_ANIMATOR = Identity.invitedAnimator("w", new Animator("a1", "Bernard", "w-1"));
  private static final Identity PARTICIPANT = Identity.participant("w", new Participant("p1", "Sylvie", Category.HABITANT, "w-1"));

  private static Command.Sequence sequence(String id, String title, String kind, Integer minutes, List<String> boards) {
    return new Command.Sequence(id, title, kind, minutes, boards);
  }

  @Test
  void theLeadAnimatorSetsAnAgendaTitlesTrimmedBoardsOnce() {
    var agenda = AgendaRules.agenda(LEAD, BOARDS, List.of(
        sequence("s1", "  Accueil ", "plenary", 10, List.of()),
        sequence("s2", "Sous-groupes", "subgroups", 40, List.of("w-1", "w-2", "w-1"))));
    assertThat(agenda.isAllowed()).isTrue();
    assertThat(agenda.value().get(0).title()).isEqualTo("Accueil");
    assertThat(agenda.value().get(1).boards()).containsExactly("w-1", "w-2");
  }

  @Test
  void anotherAnimatorOrAParticipantMayNotTouchTheAgenda() {
    assertThat(AgendaRules.agenda(GROUP_ANIMATOR, BOARDS, List.of()).rejection().code()).isEqualTo("forbidden");
    assertThat(AgendaRules.agenda(PARTICIPANT, BOARDS, List.of()).rejection().code()).isEqualTo("forbidden");
    assertThat(AgendaRules.destination(GROUP_ANIMATOR, "next").rejection().code()).isEqualTo("forbidden");
  }

  @Test
  void aFaultySequenceIsRefusedNamingItsField() {
    assertThat(field(sequence("s1", "", "plenary", 10, List.of()))).isEqualTo("sequences.0.title");
    assertThat(field(sequence("s1", "x".repeat(81), "plenary", 10, List.of()))).isEqualTo("sequences.0.title");
    assertThat(field(sequence("s1", "Pause", "lunch", 10, List.of()))).isEqualTo("sequences.0.kind");
    assertThat(field(sequence("s1", "Pause", "break", 0, List.of()))).isEqualTo("sequences.0.minutes");
    assertThat(field(sequence("s1", "Pause", "break", 241, List.of()))).isEqualTo("sequences.0.minutes");
    assertThat(field(sequence("s1", "Pause", "break", null, List.of()))).isEqualTo("sequences.0.minutes");
    assertThat(field(sequence("s1", "Pause", "break", 5, List.of("other-1")))).isEqualTo("sequences.0.boards");
    assertThat(field(sequence("next", "Pause", "break", 5, List.of()))).isEqualTo("sequences.0.id");
    assertThat(field(sequence("a b", "Pause", "break", 5, List.of()))).isEqualTo("sequences.0.id");
  }

  @Test
  void twoSequencesMayNotShareAnIdAndAnAgendaHasAtMostThirty() {
    var twice = AgendaRules.agenda(LEAD, BOARDS, List.of(sequence("s1", "A", "break", 5, List.of()), sequence("s1", "B", "break", 5, List.of())));
    assertThat(twice.rejection().field()).isEqualTo("sequences.1.id");
    var tooMany = AgendaRules.agenda(LEAD, BOARDS, Collections.nCopies(31, sequence("s", "A", "break", 5, List.of())));
    assertThat(tooMany.rejection().field()).isEqualTo("sequences");
  }

  @Test
  void theLeadGoesToTheNextSequenceToTheEndOrToAGivenOne() {
    assertThat(AgendaRules.destination(LEAD, "next").value()).isEqualTo("next");
    assertThat(AgendaRules.destination(LEAD, "end").value()).isEqualTo("end");
    assertThat(AgendaRules.destination(LEAD, "s3").value()).isEqualTo("s3");
    assertThat(AgendaRules.destination(LEAD, "s 3").rejection().field()).isEqualTo("to");
  }

  private static String field(Command.Sequence sequence) {
    return AgendaRules.agenda(LEAD, BOARDS, List.of(sequence)).rejection().field();
  }
}
