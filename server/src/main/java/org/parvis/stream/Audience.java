package org.parvis.stream;

import org.parvis.workshop.Identity;

/**
 * Who may see an event: {@code all} (everyone following the stream), {@code animators}, or one
 * participant {@code p:<participantId>}; several joined by {@code |}. Everyone else gets the
 * event's shadow. The same test decides push, catch-up and snapshot.
 */
public final class Audience {

  public static final String ALL = "all";
  public static final String ANIMATORS = "animators";

  private Audience() {}

  public static String participant(String participantId) {
    return "p:" + participantId;
  }

  public static boolean admits(String audience, Identity who) {
    if (ALL.equals(audience)) {
      return true;
    }
    for (String member : audience.split("\\|")) {
      if (member.equals(ANIMATORS) ? who.role().mayRunWorkshop() : member.equals(participant(who.participantId()))) {
        return true;
      }
    }
    return false;
  }
}
