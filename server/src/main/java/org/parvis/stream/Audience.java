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

  /** Runs once per follower and restricted event: scans the text in place, allocating nothing. */
  public static boolean admits(String audience, Identity who) {
    if (ALL.equals(audience)) {
      return true;
    }
    int start = 0;
    while (start <= audience.length()) {
      int end = audience.indexOf('|', start);
      if (end < 0) {
        end = audience.length();
      }
      if (isMember(audience, start, end, who)) {
        return true;
      }
      start = end + 1;
    }
    return false;
  }

  private static boolean isMember(String audience, int start, int end, Identity who) {
    int length = end - start;
    if (length == ANIMATORS.length() && audience.startsWith(ANIMATORS, start)) {
      return who.role().mayRunWorkshop();
    }
    String id = who.participantId();
    return length == id.length() + 2 && audience.startsWith("p:", start) && audience.startsWith(id, start + 2);
  }
}
