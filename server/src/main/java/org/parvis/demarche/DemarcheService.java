package org.parvis.demarche;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import org.parvis.board.BoardRules;
import org.parvis.board.BoardStore;
import org.parvis.protocol.Event;
import org.parvis.stream.StreamId;
import org.parvis.stream.StreamStore;
import org.parvis.sync.RejectedException;
import org.parvis.sync.Rejection;
import org.parvis.sync.Verdict;
import org.parvis.workshop.Identity;
import org.parvis.workshop.Participant;
import org.parvis.workshop.Workshop;
import org.parvis.workshop.WorkshopDeletion;
import org.parvis.workshop.WorkshopPlan;
import org.parvis.workshop.WorkshopRules;
import org.parvis.workshop.WorkshopService;
import org.parvis.workshop.WorkshopStore;

/**
 * Démarches: a named series of ateliers. Creating one creates its first atelier; "préparer
 * l'atelier suivant" creates the next from the current one, carrying over its groups, its recap
 * (what each group produced, the closed votes, the barometer), who came, and its intentions of
 * action as notes to vote on. The exhibition reads every atelier for a gallery link.
 */
public final class DemarcheService {

  private final WorkshopService workshops;
  private final WorkshopStore workshopStore;
  private final WorkshopDeletion deletion;
  private final BoardStore boards;
  private final StreamStore streams;
  private final DemarcheStore store;
  private final AtelierReader reader;
  private final LongSupplier clock;

  public DemarcheService(WorkshopService workshops, WorkshopStore workshopStore, WorkshopDeletion deletion,
      BoardStore boards, StreamStore streams, DemarcheStore store, AtelierReader reader, LongSupplier clock) {
    this.workshops = workshops;
    this.workshopStore = workshopStore;
    this.deletion = deletion;
    this.boards = boards;
    this.streams = streams;
    this.store = store;
    this.reader = reader;
    this.clock = clock;
  }

  /** A démarche and its atelier 1, from a workshop plan with a {@code demarche} name. */
  public Future<JsonObject> create(Map<String, Object> request) {
    Verdict<String> name = DemarcheRules.name(request.get("demarche"));
    var plan = name.then(ok -> WorkshopRules.plan(request));
    if (!plan.isAllowed()) {
      return Future.failedFuture(new RejectedException(plan.rejection()));
    }
    return store.create(name.value(), clock.getAsLong()).compose(demarche -> workshops.create(plan.value())
        .compose(created -> store.addAtelier(demarche.id(), workshopId(created), 1)
            .map(added -> created.put("demarche", demarcheJson(demarche, 1, true)))));
  }

  /**
   * Atelier N+1 from atelier N, by N's lead animator. The request may give the new atelier's
   * title, date and groups (as for a workshop); by default it keeps N's groups and boards.
   */
  public Future<JsonObject> next(Identity lead, Map<String, Object> request) {
    Verdict<Identity> allowed = WorkshopRules.leadOnly(lead);
    if (!allowed.isAllowed()) {
      return Future.failedFuture(new RejectedException(allowed.rejection()));
    }
    return placeOf(lead.workshopId()).compose(place -> {
      Verdict<Integer> step = DemarcheRules.nextStep(place.step(), place.next().isPresent());
      if (!step.isAllowed()) {
        return Future.failedFuture(new RejectedException(step.rejection()));
      }
      return store.claimNext(lead.workshopId()).compose(claimed -> claimed
          ? prepare(place, step.value(), lead.workshopId(), request)
              .onFailure(failed -> store.releaseNext(lead.workshopId()))
          : Future.failedFuture(new RejectedException(DemarcheRules.nextStep(place.step(), true).rejection())));
    });
  }

  private Future<JsonObject> prepare(DemarcheStore.Place place, int step, String previousId, Map<String, Object> request) {
    return Future.all(demarche(place.demarcheId()), workshops.workshop(previousId)).compose(both -> {
      DemarcheStore.Demarche demarche = both.resultAt(0);
      Workshop previous = both.resultAt(1);
      return nextPlan(demarche, previous, step, request)
          .compose(plan -> reader.summary(previous, place.step())
              .compose(summary -> withEarlierBarometer(previous.id(), summary))
              .compose(recap -> workshops.create(plan).compose(created -> {
                String nextId = workshopId(created);
                return store.addAtelier(demarche.id(), nextId, step)
                    .compose(added -> store.setNext(previous.id(), nextId))
                    .compose(linked -> store.saveRecap(nextId, recap))
                    .compose(saved -> store.showRecap(nextId))
                    .compose(shown -> carryPeople(previous.id(), nextId))
                    .compose(carried -> carryIntentions(recap, nextId, step))
                    .map(count -> created.put("demarche", demarcheJson(demarche, step, true)).put("carriedActions", count));
              })));
    });
  }

  /** The recap a workshop opens with (null when it is not prepared from another), and its démarche. */
  public Future<JsonObject> recap(Identity reader) {
    return store.place(reader.workshopId()).compose(place -> {
      if (place.isEmpty()) {
        return Future.succeededFuture(new JsonObject().putNull("demarche").putNull("recap"));
      }
      return Future.all(demarche(place.get().demarcheId()), store.recap(reader.workshopId())).map(both -> {
        DemarcheStore.Demarche demarche = both.resultAt(0);
        Optional<JsonObject> recap = both.resultAt(1);
        JsonObject about = demarcheJson(demarche, place.get().step(), reader.role().mayRunWorkshop())
            .put("hasNext", place.get().next().isPresent());
        return new JsonObject().put("demarche", about).put("recap", recap.orElse(null));
      });
    });
  }

  /** For animators: the workshop's participants who came to no earlier atelier of its démarche. */
  public Future<JsonObject> newcomers(Identity animator) {
    if (!animator.role().mayRunWorkshop()) {
      return Future.failedFuture(new RejectedException(Rejection.of("forbidden", "Only animators see who is new.")));
    }
    return store.place(animator.workshopId()).compose(place -> place.isEmpty() || place.get().step() == 1
        ? Future.succeededFuture(new JsonObject().put("newcomers", new JsonArray()).put("earlier", false))
        : Future.all(store.known(animator.workshopId()), reader.participants(animator.workshopId())).map(both -> {
          Set<String> known = both.resultAt(0);
          List<Participant> people = both.resultAt(1);
          JsonArray newcomers = new JsonArray();
          people.stream().filter(person -> DemarcheRules.isNewcomer(person.name(), person.category(), known))
              .forEach(person -> newcomers.add(person.id()));
          return new JsonObject().put("newcomers", newcomers).put("earlier", true);
        }));
  }

  /** The exhibition: every atelier of the gallery token's démarche, read now, as its recap would show it. */
  public Future<JsonObject> gallery(String token) {
    RejectedException unknown = new RejectedException(Rejection.of("invalid_token", "This exhibition link is not valid."));
    if (token == null || token.isEmpty() || token.length() > 64) {
      return Future.failedFuture(unknown);
    }
    return store.demarcheForGallery(token).compose(found -> found
        .map(this::demarche)
        .orElseGet(() -> Future.failedFuture(unknown)))
        .compose(demarche -> {
          List<Future<Optional<JsonObject>>> ateliers = new ArrayList<>();
          for (int index = 0; index < demarche.ateliers().size(); index++) {
            ateliers.add(atelierSummary(demarche.ateliers().get(index), index + 1));
          }
          return Future.all(ateliers).map(read -> {
            JsonArray list = new JsonArray();
            ateliers.forEach(atelier -> atelier.result().ifPresent(list::add));
            return new JsonObject().put("name", demarche.name()).put("ateliers", list);
          });
        });
  }

  /** Deletes every atelier of the lead animator's démarche (each as a workshop deletion), then the démarche and its gallery link. */
  public Future<JsonObject> delete(Identity lead) {
    Verdict<Identity> allowed = WorkshopRules.leadOnly(lead);
    if (!allowed.isAllowed()) {
      return Future.failedFuture(new RejectedException(allowed.rejection()));
    }
    return placeOf(lead.workshopId()).compose(place -> demarche(place.demarcheId())).compose(demarche -> {
      Future<Void> deleted = Future.succeededFuture();
      for (String atelier : demarche.ateliers()) {
        deleted = deleted.compose(previous -> deletion.delete(atelier));
      }
      return deleted.compose(ateliersGone -> store.delete(demarche))
          .map(done -> new JsonObject().put("deleted", demarche.ateliers().size()));
    });
  }

  private Future<Optional<JsonObject>> atelierSummary(String workshopId, int step) {
    return workshopStore.find(workshopId).compose(found -> found
        .map(workshop -> reader.summary(workshop, step).map(Optional::of))
        .orElseGet(() -> Future.succeededFuture(Optional.empty())));
  }

  private Future<WorkshopPlan> nextPlan(DemarcheStore.Demarche demarche, Workshop previous, int step,
      Map<String, Object> request) {
    return workshops.describe(previous).compose(described -> {
      Map<String, Object> fields = new HashMap<>(request);
      fields.putIfAbsent("title", demarche.name() + " — atelier " + step);
      List<Map.Entry<String, String>> boards = new ArrayList<>();
      described.getJsonArray("boards").forEach(board -> {
        JsonObject json = (JsonObject) board;
        boards.add(Map.entry(json.getString("name"), json.getString("template")));
      });
      if (!fields.containsKey("groups") && !fields.containsKey("atelier")) {
        DemarcheRules.methodNext(step, boards).ifPresentOrElse(fields::putAll, () -> fields.put("groups", boards.stream()
            .<Map<String, Object>>map(board -> Map.of("name", board.getKey(), "template", board.getValue())).toList()));
      }
      Verdict<WorkshopPlan> plan = WorkshopRules.plan(fields);
      return plan.isAllowed() ? Future.succeededFuture(plan.value())
          : Future.failedFuture(new RejectedException(plan.rejection()));
    });
  }

  /** An atelier without a barometer of its own shows the last one the démarche had. */
  private Future<JsonObject> withEarlierBarometer(String previousId, JsonObject summary) {
    if (!summary.getJsonArray("barometers").isEmpty()) {
      return Future.succeededFuture(summary);
    }
    return store.recap(previousId).map(earlier -> earlier
        .map(recap -> summary.put("barometers", recap.getJsonArray("barometers", new JsonArray())))
        .orElse(summary));
  }

  /** Everyone who came to this atelier or an earlier one is known to the next. */
  private Future<Void> carryPeople(String previousId, String nextId) {
    return Future.all(store.known(previousId), reader.people(previousId)).compose(both -> {
      Set<String> known = new HashSet<>(both.<Set<String>>resultAt(0));
      known.addAll(both.<Set<String>>resultAt(1));
      return store.saveKnown(nextId, known);
    });
  }

  /**
   * The notes of the previous atelier's "Intentions d'actions" zones become notes of the new
   * atelier: each group's on the board of the same rank (the first board when there are fewer), in
   * its zone about actions. Created through the board stream like any note, one after the other.
   */
  private Future<Integer> carryIntentions(JsonObject recap, String nextId, int step) {
    return workshops.workshop(nextId).compose(next -> {
      List<String> targets = next.boardIds();
      Future<Void> created = Future.succeededFuture();
      int count = 0;
      JsonArray groups = recap.getJsonArray("groups");
      for (int index = 0; index < groups.size(); index++) {
        String target = targets.get(index < targets.size() ? index : 0);
        for (Object zone : groups.getJsonObject(index).getJsonArray("zones")) {
          JsonObject zoneJson = (JsonObject) zone;
          if (!DemarcheRules.isIntentionsZone(zoneJson.getString("title"))) {
            continue;
          }
          for (Object note : zoneJson.getJsonArray("notes")) {
            int number = ++count;
            JsonObject carried = (JsonObject) note;
            created = created.compose(previous -> carryNote(target, carried, step, number));
          }
        }
      }
      int total = count;
      return created.map(done -> total);
    });
  }

  private Future<Void> carryNote(String boardId, JsonObject carried, int step, int number) {
    return boards.layout(boardId).compose(layout -> {
      String zone = DemarcheRules.actionsZone(layout.zones()).map(found -> found.id()).orElse("");
      String noteId = "carried-" + number;
      double x = Math.min(BoardRules.MAX_COORDINATE, carried.getDouble("x", 0.0));
      double y = Math.min(BoardRules.MAX_COORDINATE, carried.getDouble("y", 0.0));
      Event.Note note = new Event.Note(noteId, carried.getString("text"), carried.getString("color"), zone, x, y,
          Identity.LEAD_ANIMATOR_ID, "Atelier " + (step - 1));
      return streams.submit(new StreamStore.ApplyRequest(StreamId.board(boardId), "note.create", "carry-" + noteId,
          Identity.LEAD_ANIMATOR_ID, clock.getAsLong(), new Event.NoteCreated(note, null),
          Map.of("board", boardId, "maxNotes", BoardRules.MAX_NOTES_PER_BOARD, "mayWriteLocked", true)), Map.of());
    }).mapEmpty();
  }

  private Future<DemarcheStore.Place> placeOf(String workshopId) {
    return store.place(workshopId).compose(place -> place
        .map(Future::succeededFuture)
        .orElseGet(() -> Future.failedFuture(new RejectedException(
            Rejection.of("not_in_demarche", "This workshop belongs to no démarche.")))));
  }

  private Future<DemarcheStore.Demarche> demarche(String demarcheId) {
    return store.find(demarcheId).compose(found -> found
        .map(Future::succeededFuture)
        .orElseGet(() -> Future.failedFuture(new RejectedException(
            Rejection.of("unknown_demarche", "This démarche no longer exists.")))));
  }

  private static JsonObject demarcheJson(DemarcheStore.Demarche demarche, int step, boolean forAnimator) {
    JsonObject json = new JsonObject().put("id", demarche.id()).put("name", demarche.name()).put("step", step);
    return forAnimator ? json.put("gallery", "/#/x/" + demarche.galleryToken()) : json;
  }

  private static String workshopId(JsonObject created) {
    return created.getJsonObject("workshop").getString("id");
  }
}
