package org.parvis.workshop;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.parvis.board.BoardLayout;
import org.parvis.board.BoardSettings;
import org.parvis.board.BoardStore;
import org.parvis.protocol.Command;
import org.parvis.protocol.Event;
import org.parvis.setup.SetupGate;
import org.parvis.setup.ShortLivedCache;
import org.parvis.store.LuaScript;
import org.parvis.stream.StreamId;
import org.parvis.stream.StreamStore;
import org.parvis.sync.Rejection;
import org.parvis.sync.RejectedException;
import org.parvis.sync.Verdict;

/** Creating workshops, joining them, and describing one to a token holder. */
public final class WorkshopService {

  private static final int CODE_ATTEMPTS = 8;
  private static final Map<String, String> JOIN_REFUSALS = Map.of(
      "unknown_code", "No workshop has this code.",
      "joining_closed", "The animator has closed joining for this workshop: ask them to open it again.");

  /** The workshop a code opens and its description, read once for everyone joining it within a short window. */
  private record JoinTarget(Workshop workshop, JsonObject description) {}

  /** The apply functions of the workshop feature. */
  public static final List<LuaScript.Part> APPLY_FUNCTIONS = List.of(
      new LuaScript.Part(WorkshopService.class, "participant.join.lua"),
      new LuaScript.Part(WorkshopService.class, "participant.remove.lua"));

  private final WorkshopStore workshops;
  private final BoardStore boards;
  private final StreamStore streams;
  private final LongSupplier clock;
  private final Retention retention;
  private final SetupGate setup;
  private final ShortLivedCache<String, JoinTarget> joinTargets;
  private final ShortLivedCache<String, JsonObject> descriptions;

  /** {@code joinTargetNanos}: how long a code's workshop and description serve the people joining with it. */
  public WorkshopService(WorkshopStore workshops, BoardStore boards, StreamStore streams, LongSupplier clock,
      Retention retention, SetupGate setup, long joinTargetNanos, LongSupplier nanoClock) {
    this.setup = setup;
    this.joinTargets = new ShortLivedCache<>(joinTargetNanos, nanoClock);
    this.descriptions = new ShortLivedCache<>(joinTargetNanos, nanoClock);
    this.workshops = workshops;
    this.boards = boards;
    this.streams = streams;
    this.clock = clock;
    this.retention = retention;
  }

  /** Creates the workshop, its boards and its animator and observer tokens. */
  public Future<JsonObject> create(WorkshopPlan plan) {
    String workshopId = Secrets.workshopId();
    List<BoardLayout> layouts = IntStream.range(0, plan.groups().size())
        .mapToObj(index -> {
          WorkshopPlan.Group group = plan.groups().get(index);
          return new BoardLayout(workshopId + "-" + (index + 1), workshopId, group.name(), group.template(),
              group.template().zones());
        })
        .toList();
    String animatorToken = Secrets.token();
    String observerToken = Secrets.token();
    return claimFreshCode(workshopId, CODE_ATTEMPTS).compose(code -> {
      Workshop workshop = new Workshop(workshopId, plan.title(), plan.date(), code,
          layouts.stream().map(BoardLayout::boardId).toList(), List.of(), observerToken);
      // One after the other: a creation is rare, and must not fill a short Redis wait queue at once.
      List<Supplier<Future<Void>>> writes = new ArrayList<>();
      layouts.forEach(layout -> writes.add(() -> boards.create(layout)));
      writes.add(() -> streams.create(StreamId.workshop(workshopId)));
      writes.add(() -> workshops.saveToken(animatorToken, Identity.leadAnimator(workshopId, plan.leadAnimatorName())));
      writes.add(() -> workshops.saveToken(observerToken, Identity.observer(workshopId)));
      if (!plan.agenda().isEmpty()) {
        List<String> boardIds = layouts.stream().map(BoardLayout::boardId).toList();
        writes.add(() -> streams.submit(new StreamStore.ApplyRequest(StreamId.workshop(workshopId), "agenda.set",
            "agenda-" + workshopId, Identity.LEAD_ANIMATOR_ID, clock.getAsLong(),
            new Event.AgendaChanged(withBoardIds(plan.agenda(), boardIds)), Map.of()), Map.of()).mapEmpty());
      }
      Future<Void> written = Future.succeededFuture();
      for (Supplier<Future<Void>> write : writes) {
        written = written.compose(previous -> write.get());
      }
      return written
          .compose(done -> workshops.save(workshop, clock.getAsLong()))
          .compose(saved -> describe(workshop))
          .map(description -> new JsonObject()
              .put("workshop", description)
              .put("animatorToken", animatorToken)
              .put("observerToken", observerToken)
              .put("links", links(workshop, animatorToken)));
    });
  }

  /** A template's agenda, whose boards are indexes into the plan's groups, with the ids of the boards made for them. */
  private static List<Command.Sequence> withBoardIds(List<Command.Sequence> agenda, List<String> boardIds) {
    return agenda.stream().map(sequence -> new Command.Sequence(sequence.id(), sequence.title(), sequence.kind(),
        sequence.minutes(), sequence.boards().stream().map(index -> boardIds.get(Integer.parseInt(index))).toList())).toList();
  }

  /** What the join screen shows for a code before the person gives a name. */
  public Future<JsonObject> preview(String typedCode) {
    return workshopForCode(Secrets.normalizeCode(typedCode)).compose(this::describe).map(workshop -> new JsonObject()
        .put("id", workshop.getString("id"))
        .put("title", workshop.getString("title"))
        .put("date", workshop.getString("date"))
        .put("boards", new JsonArray(workshop.getJsonArray("boards").stream()
            .map(board -> (JsonObject) board)
            .map(board -> new JsonObject().put("id", board.getString("id")).put("name", board.getString("name")))
            .toList())));
  }

  /**
   * A join is set-up work: it waits its turn at the gate, after the set-up of people already connected
   * (edits never wait there). Two round trips: the join script (code still the workshop's, joining
   * open, participant and token listed, event) and the token's own key. The workshop behind the code
   * is read once for all who join within a moment.
   */
  public Future<JsonObject> join(Newcomer newcomer) {
    return setup.arrive(() -> joinTargets.get(newcomer.code(), () -> joinTarget(newcomer.code()))
        .compose(target -> join(newcomer, target)));
  }

  private Future<JoinTarget> joinTarget(String code) {
    return workshopForCode(code).compose(workshop -> describe(workshop).map(description -> new JoinTarget(workshop, description)));
  }

  private Future<JsonObject> join(Newcomer newcomer, JoinTarget target) {
    Workshop workshop = target.workshop();
    if (newcomer.boardId() != null && !workshop.boardIds().contains(newcomer.boardId())) {
      return Future.failedFuture(new RejectedException(
          Rejection.invalidField("board", "This workshop has no board " + newcomer.boardId() + ".")));
    }
    String boardId = newcomer.boardId() != null ? newcomer.boardId() : workshop.boardIds().get(0);
    Participant participant = new Participant(Secrets.participantId(), newcomer.name(), newcomer.category(), boardId);
    String token = Secrets.token();
    Identity identity = Identity.participant(workshop.id(), participant);
    StreamStore.ApplyRequest joined = new StreamStore.ApplyRequest(StreamId.workshop(workshop.id()), "participant.join",
        "join-" + participant.id(), participant.id(), clock.getAsLong(),
        new Event.ParticipantJoined(participant.toJson().getMap()),
        Map.of("code", newcomer.code(), "token", Secrets.sha256(token)));
    return streams.submit(joined, JOIN_REFUSALS)
        .recover(refused -> {
          // The code changed, joining closed or the workshop is gone since it was read: read it again next time.
          joinTargets.forget(newcomer.code());
          return Future.failedFuture(refused instanceof RejectedException rejected && "stream".equals(rejected.rejection().field())
              ? new RejectedException(Rejection.of("unknown_code", "No workshop has the code " + newcomer.code() + "."))
              : refused);
        })
        .compose(added -> workshops.saveListedToken(token, identity))
        .map(saved -> new JsonObject()
            .put("token", token)
            .put("participant", participant.toJson())
            .put("workshop", target.description().copy()));
  }

  /** A new animator of the inviter's workshop, with its own token and the link that carries it. */
  public Future<JsonObject> inviteAnimator(Identity inviter, Map<String, Object> request) {
    return workshop(inviter.workshopId()).compose(workshop -> workshops.invitedAnimatorCount(workshop.id())
        .compose(invited -> {
          Verdict<AnimatorInvitation> invitation =
              WorkshopRules.animatorInvitation(inviter, workshop.boardIds(), invited, request);
          if (!invitation.isAllowed()) {
            return Future.failedFuture(new RejectedException(invitation.rejection()));
          }
          Animator animator = new Animator(Secrets.animatorId(), invitation.value().name(), invitation.value().boardId());
          String token = Secrets.token();
          return workshops.addAnimator(workshop.id(), animator)
              .compose(added -> workshops.saveToken(token, Identity.invitedAnimator(workshop.id(), animator)))
              .map(saved -> new JsonObject()
                  .put("animator", animator.toJson())
                  .put("token", token)
                  .put("link", animatorLink(token)));
        }));
  }

  /**
   * The session of a token holder: role, who they are (participant or animator) and the workshop. It
   * is set-up work (every connection asks for it), so it waits its turn at the gate; for anyone but
   * an animator the workshop's description is the one read for everyone within a moment (the
   * workshop stream's snapshot, which the client reads next, is what it keeps). An animator's is
   * read afresh: its links carry the join code, which the animator may just have renewed.
   */
  public Future<JsonObject> session(Identity identity) {
    return setup.run(() -> sessionNow(identity));
  }

  private Future<JsonObject> sessionNow(Identity identity) {
    Future<JsonObject> participant = identity.role() == Role.PARTICIPANT
        ? workshops.participant(identity.workshopId(), identity.participantId())
            .map(found -> found.map(Participant::toJson).orElse(null))
        : Future.succeededFuture(null);
    if (!identity.role().mayRunWorkshop()) {
      Future<JsonObject> described = descriptions.get(identity.workshopId(),
          () -> workshop(identity.workshopId()).compose(this::describe));
      return Future.all(participant, described).map(both -> new JsonObject()
          .put("role", identity.role().wireName())
          .put("participant", participant.result())
          .put("workshop", described.result().copy()));
    }
    return participant.compose(person -> workshop(identity.workshopId()).compose(workshop -> describe(workshop)
        .map(description -> new JsonObject()
            .put("role", identity.role().wireName())
            .put("participant", person)
            .put("workshop", description)
            .put("animator", animatorJson(identity))
            .put("links", links(workshop, null))))
        .compose(session -> withRetention(session, identity.workshopId())));
  }

  /** When the workshop will be deleted if nothing happens in it, and from when its animators are warned. */
  private Future<JsonObject> withRetention(JsonObject session, String workshopId) {
    return workshops.lastActivity(workshopId).map(last -> last
        .flatMap(active -> retention.deletesAt(active).map(deletesAt -> new JsonObject()
            .put("deletesAt", deletesAt).put("warnFrom", retention.warnFrom(active).orElseThrow())))
        .map(dates -> session.put("retention", dates))
        .orElse(session));
  }

  /** The links an animator hands out; the animator's own link only when its token is at hand. */
  static JsonObject links(Workshop workshop, String animatorToken) {
    JsonObject links = new JsonObject()
        .put("join", "/#/j/" + workshop.code())
        .put("observer", "/#/o/" + workshop.observerToken());
    return animatorToken == null ? links : links.put("animator", animatorLink(animatorToken));
  }

  private static String animatorLink(String animatorToken) {
    return "/#/a/" + animatorToken;
  }

  private static JsonObject animatorJson(Identity animator) {
    return new JsonObject()
        .put("id", animator.participantId())
        .put("name", animator.displayName())
        .put("board", animator.group().orElse(null))
        .put("lead", animator.lead());
  }

  public Future<Workshop> workshop(String workshopId) {
    return workshops.find(workshopId).compose(found -> found
        .map(Future::succeededFuture)
        .orElseGet(() -> Future.failedFuture(new RejectedException(
            Rejection.of("unknown_workshop", "No workshop " + workshopId + ".")))));
  }

  /** The workshop as the protocol describes it, with each board's zones and settings. */
  public Future<JsonObject> describe(Workshop workshop) {
    return boards.settings(workshop.boardIds()).compose(settings -> describe(workshop, settings));
  }

  /** The workshop as the protocol describes it, with the boards' settings given (in the order of its boards). */
  public Future<JsonObject> describe(Workshop workshop, List<BoardSettings> settings) {
    List<Future<BoardLayout>> layouts = workshop.boardIds().stream().map(boards::layout).toList();
    return Future.all(layouts)
        .map(loaded -> {
          JsonArray boardsJson = new JsonArray();
          for (int index = 0; index < layouts.size(); index++) {
            boardsJson.add(BoardStore.boardJson(layouts.get(index).result(), settings.get(index)));
          }
          JsonObject described = new JsonObject()
              .put("id", workshop.id())
              .put("title", workshop.title())
              .put("date", workshop.date())
              .put("code", workshop.code())
              .put("boards", boardsJson)
              .put("plenary", new JsonObject().put("boards", new JsonArray(workshop.plenaryBoards())))
              .put("groupsLocked", workshop.groupsLocked());
          return workshop.joinDisplay().isEmpty() ? described : described.put("joinDisplay", workshop.joinDisplay());
        });
  }

  /** Opens or closes joining by code; only the workshop's animator may. */
  public Future<JsonObject> setJoiningOpen(Identity identity, boolean open) {
    return animatorOnly(identity)
        .compose(allowed -> workshops.setJoiningOpen(identity.workshopId(), open))
        .map(done -> new JsonObject().put("joiningOpen", open));
  }

  public Future<JsonObject> joiningOpen(Identity identity) {
    return animatorOnly(identity)
        .compose(allowed -> workshops.isJoiningOpen(identity.workshopId()))
        .map(open -> new JsonObject().put("joiningOpen", open));
  }

  private static Future<Void> animatorOnly(Identity identity) {
    return identity.role().mayRunWorkshop()
        ? Future.succeededFuture()
        : Future.failedFuture(new RejectedException(Rejection.of("forbidden", "Only an animator may open or close joining.")));
  }

  /** The workshop a code lets people join: none when the code is unknown, its workshop gone, or joining closed. */
  private Future<Workshop> workshopForCode(String code) {
    RejectedException unknown = new RejectedException(Rejection.of("unknown_code", "No workshop has the code " + code + "."));
    return workshops.workshopIdForCode(code).compose(found -> {
      if (found.isEmpty()) {
        return Future.failedFuture(unknown);
      }
      return workshops.find(found.get()).compose(workshop -> workshop.isEmpty()
          ? workshops.forgetCode(code).compose(forgotten -> Future.<Workshop>failedFuture(unknown))
          : workshops.isJoiningOpen(workshop.get().id()).compose(open -> open
              ? Future.succeededFuture(workshop.get())
              : Future.failedFuture(new RejectedException(Rejection.of("joining_closed",
                  "The animator has closed joining for this workshop: ask them to open it again.")))));
    });
  }

  Future<String> claimFreshCode(String workshopId) {
    return claimFreshCode(workshopId, CODE_ATTEMPTS);
  }

  private Future<String> claimFreshCode(String workshopId, int attemptsLeft) {
    String code = Secrets.joinCode();
    return workshops.claimCode(code, workshopId).compose(claimed -> {
      if (claimed) {
        return Future.succeededFuture(code);
      }
      return attemptsLeft > 1
          ? claimFreshCode(workshopId, attemptsLeft - 1)
          : Future.failedFuture(new IllegalStateException("no free join code"));
    });
  }
}
