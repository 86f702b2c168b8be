package org.parvis.workshop;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import org.parvis.protocol.Event;
import org.parvis.stream.StreamId;
import org.parvis.stream.StreamStore;
import org.parvis.sync.RejectedException;
import org.parvis.sync.Verdict;

/**
 * What an animator revokes: a participant (its tokens die on every node, its notes stay), the join
 * code and the observer link (replaced; the old ones die), the whole workshop (deleted).
 */
public final class WorkshopAdmin {

  private final WorkshopService service;
  private final WorkshopStore workshops;
  private final WorkshopDeletion deletion;
  private final StreamStore streams;
  private final LongSupplier clock;

  public WorkshopAdmin(WorkshopService service, WorkshopStore workshops, WorkshopDeletion deletion, StreamStore streams,
      LongSupplier clock) {
    this.service = service;
    this.workshops = workshops;
    this.deletion = deletion;
    this.streams = streams;
    this.clock = clock;
  }

  /** Off the roster (animators see it go), its tokens deleted, every node told to close its sockets. */
  public Future<JsonObject> removeParticipant(Identity remover, Object person) {
    Verdict<String> removal = WorkshopRules.removal(remover, person);
    if (!removal.isAllowed()) {
      return refused(removal);
    }
    String workshopId = remover.workshopId();
    String participant = removal.value();
    StreamStore.ApplyRequest removed = new StreamStore.ApplyRequest(StreamId.workshop(workshopId), "participant.remove",
        "remove-" + participant, remover.participantId(), clock.getAsLong(), new Event.ParticipantRemoved(participant), Map.of());
    return streams.submit(removed, Map.of("unknown_participant", "This workshop has no participant " + participant + "."))
        .compose(off -> workshops.deleteTokensOf(workshopId, participant))
        .compose(deleted -> workshops.publish(IdentityChange.revoked(workshopId, Set.of(participant), IdentityChange.REMOVED)))
        .map(told -> new JsonObject().put("removed", participant));
  }

  /** A new join code; the old one lets nobody in any more. */
  public Future<JsonObject> newJoinCode(Identity lead) {
    Verdict<Identity> allowed = WorkshopRules.leadOnly(lead);
    if (!allowed.isAllowed()) {
      return refused(allowed);
    }
    return service.workshop(lead.workshopId()).compose(workshop -> service.claimFreshCode(workshop.id())
        .compose(code -> workshops.replaceCode(workshop.id(), workshop.code(), code)
            .map(replaced -> new JsonObject().put("code", code)
                .put("links", WorkshopService.links(workshop.withCode(code), null)))));
  }

  /** A new observer link; screens that opened the old one are closed and their token refused. */
  public Future<JsonObject> newObserverLink(Identity lead) {
    Verdict<Identity> allowed = WorkshopRules.leadOnly(lead);
    if (!allowed.isAllowed()) {
      return refused(allowed);
    }
    String token = Secrets.token();
    return service.workshop(lead.workshopId()).compose(workshop -> workshops.deleteTokensOf(workshop.id(), Identity.OBSERVER_ID)
        .compose(deleted -> workshops.publish(IdentityChange.revoked(workshop.id(), Set.of(Identity.OBSERVER_ID), IdentityChange.LINK_REPLACED)))
        .compose(told -> workshops.saveToken(token, Identity.observer(workshop.id())))
        .compose(saved -> workshops.setObserverToken(workshop.id(), token))
        .map(replaced -> new JsonObject().put("links", WorkshopService.links(workshop.withObserverToken(token), null))));
  }

  /** The workshop and all it holds, at once; every token of it answers invalid_token from then on. */
  public Future<JsonObject> delete(Identity lead) {
    Verdict<Identity> allowed = WorkshopRules.leadOnly(lead);
    if (!allowed.isAllowed()) {
      return refused(allowed);
    }
    return deletion.delete(lead.workshopId()).map(done -> new JsonObject().put("deleted", lead.workshopId()));
  }

  private static <T> Future<T> refused(Verdict<?> verdict) {
    return Future.failedFuture(new RejectedException(verdict.rejection()));
  }
}
