package org.parvis.roster;

import io.vertx.core.Future;
import org.parvis.stream.StreamId;
import org.parvis.sync.Verdict;
import org.parvis.workshop.Identity;
import org.parvis.workshop.Role;
import org.parvis.workshop.WorkshopStore;

/**
 * The group menu, enforced where a participant follows or reads a board (the bridge's register and
 * {@code stream.sync}). The participant's group is read from Redis, not from its cached identity:
 * a move changes it at once, with no new token.
 */
public final class GroupGate {

  private final WorkshopStore workshops;

  public GroupGate(WorkshopStore workshops) {
    this.workshops = workshops;
  }

  public Future<Verdict<StreamId>> mayFollow(Identity who, StreamId stream) {
    if (who.role() != Role.PARTICIPANT || stream.kind() != StreamId.Kind.BOARD) {
      return Future.succeededFuture(Verdict.allow(stream));
    }
    return workshops.groupStanding(who.workshopId(), who.participantId())
        .map(standing -> RosterRules.mayOpen(who, standing, stream.id()).then(board -> Verdict.allow(stream)));
  }
}
