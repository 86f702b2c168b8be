package org.parvis.board;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.parvis.protocol.Command;
import org.parvis.workshop.Animator;
import org.parvis.workshop.Category;
import org.parvis.workshop.Identity;
import org.parvis.workshop.Participant;

class AttributionTest {

  private final Identity animator = Identity.invitedAnimator("w", new Animator("a1", "Bernard", "w-1"));
  private final Identity participant = Identity.participant("w", new Participant("p1", "Alice", Category.ELU, "w-1"));

  @Test
  void withoutASpeakerTheNoteIsItsSenders() {
    Attribution own = Attribution.of(participant, null).value();
    assertThat(own.author()).isEqualTo("p1");
    assertThat(own.authorName()).isEqualTo("Alice");
    assertThat(own.scribe()).isNull();
  }

  @Test
  void anAnimatorWritesForARosterSpeakerAndIsRecordedAsScribe() {
    Attribution scribed = Attribution.of(animator, new Command.Speaker("p7", null, null)).value();
    assertThat(scribed.author()).isEqualTo("p7");
    assertThat(scribed.speakerId()).as("name and category come from the stored participant").isEqualTo("p7");
    assertThat(scribed.scribe()).isEqualTo("a1");
    assertThat(scribed.scribeName()).isEqualTo("Bernard");
  }

  @Test
  void aTypedSpeakerIsOnePersonWhateverTheCaseAndSpaces() {
    Attribution first = Attribution.of(animator, new Command.Speaker(null, "  Marcel   Dupont ", "elu")).value();
    Attribution again = Attribution.of(animator, new Command.Speaker(null, "marcel dupont", null)).value();
    assertThat(first.authorName()).isEqualTo("Marcel Dupont");
    assertThat(first.authorCategory()).isEqualTo("elu");
    assertThat(again.author()).isEqualTo(first.author());
    assertThat(again.authorCategory()).as("no category given").isEqualTo("autre");
  }

  @Test
  void onlyAnAnimatorWritesForSomeoneElse() {
    assertThat(Attribution.of(participant, new Command.Speaker("p7", null, null)).rejection().code()).isEqualTo("forbidden");
    assertThat(Attribution.of(Identity.observer("w"), new Command.Speaker(null, "Marcel", null)).rejection().code())
        .isEqualTo("forbidden");
  }

  @Test
  void aSpeakerIsAnIdOrANameNeitherBothNorBroken() {
    assertThat(Attribution.of(animator, new Command.Speaker(null, null, null)).rejection().field()).isEqualTo("speaker");
    assertThat(Attribution.of(animator, new Command.Speaker("p7", "Alice", null)).rejection().field()).isEqualTo("speaker");
    assertThat(Attribution.of(animator, new Command.Speaker("p7|animators", null, null)).rejection().field()).isEqualTo("speaker.id");
    assertThat(Attribution.of(animator, new Command.Speaker(null, " ", null)).rejection().field()).isEqualTo("speaker.name");
    assertThat(Attribution.of(animator, new Command.Speaker(null, "Marcel", "maire")).rejection().field())
        .isEqualTo("speaker.category");
  }
}
