package org.parvis.workshop;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IdentityTest {

  @Test
  void aParticipantsIdentityCarriesItsCategoryAndGroupThroughTheHeader() {
    Identity participant = Identity.participant("w", new Participant("p1", "Josette", Category.ELU, "w-2"));

    Identity received = Identity.fromJson(new JsonObject(participant.toJson().encode()));

    assertThat(received).isEqualTo(participant);
    assertThat(received.category()).contains(Category.ELU);
    assertThat(received.group()).contains("w-2");
    assertThat(received.lead()).isFalse();
  }

  @Test
  void anInvitedAnimatorIsNotTheLeadAndAnimatesItsGroup() {
    Identity invited = Identity.invitedAnimator("w", new Animator("a1", "Bernard", "w-1"));

    assertThat(Identity.fromJson(invited.toJson())).isEqualTo(invited);
    assertThat(invited.lead()).isFalse();
    assertThat(invited.group()).contains("w-1");
    assertThat(Identity.fromJson(Identity.animator("w").toJson()).lead()).isTrue();
  }

  @Test
  void tokensStoredBeforeTheseFieldsReadAsTheyMeant() {
    Identity oldAnimator = Identity.fromJson(new JsonObject()
        .put("workshop", "w").put("role", "animator").put("participant", "animator").put("name", "Animation"));
    Identity oldParticipant = Identity.fromJson(new JsonObject()
        .put("workshop", "w").put("role", "participant").put("participant", "p1").put("name", "Jo"));

    assertThat(oldAnimator.lead()).isTrue();
    assertThat(oldParticipant.lead()).isFalse();
    assertThat(oldParticipant.category()).isEqualTo(Optional.empty());
  }

  @Test
  void eachScreenOnTheObserverLinkIsItsOwnPersonAndOthersStayThemselves() {
    Identity observer = Identity.observer("w");
    Identity participant = Identity.participant("w", new Participant("p1", "Jo", Category.HABITANT, "w-1"));

    assertThat(observer.onScreen("s1").participantId()).isNotEqualTo(observer.onScreen("s2").participantId());
    assertThat(participant.onScreen("s1")).isEqualTo(participant);
  }
}
