package org.parvis.workshop;

import java.util.List;

/**
 * A workshop as stored: its boards are listed by id, in the order of the sub-groups. The observer
 * token is kept in clear (unlike the others) so an animator on any device can show the observer
 * link: it only grants reading, and it is projected on the wall anyway.
 */
public record Workshop(String id, String title, String date, String code, List<String> boardIds, List<String> plenaryBoards,
    String observerToken, boolean groupsLocked, String joinDisplay) {

  /**
   * A workshop with the group menu open and the projector choosing how to show the join code
   * ({@code joinDisplay} {@code large}, {@code corner} or {@code hidden} once an animator chose).
   */
  public Workshop(String id, String title, String date, String code, List<String> boardIds, List<String> plenaryBoards,
      String observerToken) {
    this(id, title, date, code, boardIds, plenaryBoards, observerToken, false, "");
  }

  public Workshop withCode(String newCode) {
    return new Workshop(id, title, date, newCode, boardIds, plenaryBoards, observerToken, groupsLocked, joinDisplay);
  }

  public Workshop withObserverToken(String newToken) {
    return new Workshop(id, title, date, code, boardIds, plenaryBoards, newToken, groupsLocked, joinDisplay);
  }
}
