package org.parvis.workshop;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Who may revoke what, which identities a revocation reaches, and when an idle workshop goes: plain rules. */
class RevocationRulesTest {

  private static final long DAY = Duration.ofDays(1).toMillis();
  private static final Identity LEAD = Identity.animator("w1");
  private static final Identity INVITED =
      Identity.invitedAnimator("w1", new Animator("abcdefghijkm", "Bernard", null));
  private static final Identity SYLVIE =
      Identity.participant("w1", new Participant("pabcdefghijk", "Sylvie", Category.HABITANT, "w1-1"));

  @Test
  void anyAnimatorRemovesAParticipantNamedByItsIdAndNobodyElseMay() {
    assertThat(WorkshopRules.removal(INVITED, "pabcdefghijk").value()).isEqualTo("pabcdefghijk");
    assertThat(WorkshopRules.removal(SYLVIE, "pabcdefghijk").rejection().code()).isEqualTo("forbidden");
    assertThat(WorkshopRules.removal(Identity.observer("w1"), "pabcdefghijk").rejection().code()).isEqualTo("forbidden");
    assertThat(WorkshopRules.removal(LEAD, "animator").rejection().field()).isEqualTo("participant");
    assertThat(WorkshopRules.removal(LEAD, "p*").rejection().field()).isEqualTo("participant");
  }

  @Test
  void onlyTheLeadAnimatorChangesTheDoorsOrDeletesTheWorkshop() {
    assertThat(WorkshopRules.leadOnly(LEAD).isAllowed()).isTrue();
    assertThat(WorkshopRules.leadOnly(INVITED).rejection().code()).isEqualTo("forbidden");
    assertThat(WorkshopRules.leadOnly(SYLVIE).rejection().code()).isEqualTo("forbidden");
  }

  @Test
  void aRevocationReachesThePeopleItNamesInItsWorkshopOnly() {
    IdentityChange removed = IdentityChange.revoked("w1", Set.of("pabcdefghijk"), IdentityChange.REMOVED);

    assertThat(removed.concerns(SYLVIE)).isTrue();
    assertThat(removed.concerns(LEAD)).isFalse();
    assertThat(removed.concerns(Identity.participant("w2", new Participant("pabcdefghijk", "Autre", Category.ELU, null))))
        .isFalse();
    assertThat(IdentityChange.workshopDeleted("w1").concerns(LEAD)).isTrue();
    assertThat(IdentityChange.workshopDeleted("w1").concerns(Identity.animator("w2"))).isFalse();
    assertThat(IdentityChange.everything().concerns(Identity.animator("w2"))).isTrue();
    assertThat(IdentityChange.decode(removed.encode())).isEqualTo(removed);
    assertThat(IdentityChange.decode(IdentityChange.changed("w1", "p1").encode()).revoked()).isFalse();
  }

  @Test
  void anIdleWorkshopGoesAfterTheRetentionAndItsAnimatorsAreWarnedAWeekBefore() {
    Retention ninety = Retention.days(90);

    assertThat(ninety.deletesAt(0)).contains(90 * DAY);
    assertThat(ninety.warnFrom(0)).contains(83 * DAY);
    assertThat(ninety.isExpired(0, 90 * DAY - 1)).isFalse();
    assertThat(ninety.isExpired(0, 90 * DAY)).isTrue();
    assertThat(Retention.days(3).warnFrom(0)).as("never before the workshop's last activity").contains(0L);
  }

  @Test
  void zeroDaysKeepsWorkshopsForGood() {
    Retention forever = Retention.days(0);

    assertThat(forever.keep()).isEqualTo(Optional.empty());
    assertThat(forever.deletesAt(0)).isEmpty();
    assertThat(forever.isExpired(0, Long.MAX_VALUE)).isFalse();
  }
}
