package org.parvis.subgroups;

import static org.parvis.sync.RejectedException.guarded;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.stream.IntStream;
import org.parvis.board.BoardLayout;
import org.parvis.board.BoardSettings;
import org.parvis.board.BoardStore;
import org.parvis.board.BoardTemplate;
import org.parvis.protocol.Command;
import org.parvis.protocol.Event;
import org.parvis.protocol.Protocol;
import org.parvis.store.LuaScript;
import org.parvis.stream.StreamId;
import org.parvis.stream.StreamStore;
import org.parvis.sync.CommandHandlers;
import org.parvis.sync.RejectedException;
import org.parvis.sync.Rejection;
import org.parvis.sync.Verdict;
import org.parvis.workshop.Identity;
import org.parvis.workshop.Workshop;
import org.parvis.workshop.WorkshopService;

/**
 * Boards made while the workshop runs, on the workshop stream: {@code atelier.deepen} (a board per
 * action kept by a closed vote), {@code axes.set} (a board per thematic axis), both published as
 * {@code boards.added}; and {@code axis.choose}, a participant moving itself to an axis's group.
 */
public final class SubgroupCommands {

  public static final List<LuaScript.Part> APPLY_FUNCTIONS = List.of(new LuaScript.Part(SubgroupCommands.class, "subgroups.lua"));

  private static final Map<String, String> REFUSALS = Map.of(
      "unknown_vote", "This workshop has no such vote.",
      "vote_not_closed", "Close the vote first: the kept actions are known once it is closed.",
      "already_deepened", "The actions of this vote already have their sub-group boards.",
      "axes_exist", "The thematic axes are set already.",
      "no_axes", "The animator has not set the thematic axes yet.",
      "not_an_axis", "This board is not one of the thematic axes.",
      "groups_locked", "The animator has closed the group menu.",
      "unknown_participant", "This participant is no longer in the workshop.");

  private final WorkshopService workshops;
  private final BoardStore boards;
  private final StreamStore streams;
  private final SubgroupStore store;
  private final LongSupplier clock;

  public SubgroupCommands(WorkshopService workshops, BoardStore boards, StreamStore streams, Redis redis, LongSupplier clock) {
    this.workshops = workshops;
    this.boards = boards;
    this.streams = streams;
    this.store = new SubgroupStore(redis);
    this.clock = clock;
  }

  public void register(CommandHandlers handlers) {
    handlers.on(Command.AtelierDeepen.class, this::deepen)
        .on(Command.AxesSet.class, this::setAxes)
        .on(Command.AxisChoose.class, this::choose);
  }

  private Future<JsonObject> deepen(Identity sender, Command.AtelierDeepen command) {
    return guarded(command.checked()).compose(ok -> guarded(SubgroupRules.deepen(sender, command.keep())))
        .compose(keep -> store.vote(sender.workshopId(), command.vote()).compose(vote -> {
          if (vote.isEmpty()) {
            return refused("unknown_vote");
          }
          if (!vote.get().closed()) {
            return refused("vote_not_closed");
          }
          return guarded(SubgroupRules.keptActions(vote.get().ranking(), keep));
        }))
        .compose(names -> addBoards(sender, command, names, BoardTemplate.APPROFONDIR,
            new Marker("deepened:" + command.vote(), "already_deepened"), Map.of("vote", command.vote())));
  }

  private Future<JsonObject> setAxes(Identity sender, Command.AxesSet command) {
    return guarded(command.checked()).compose(ok -> guarded(SubgroupRules.axes(sender, command.axes())))
        .compose(names -> addBoards(sender, command, names, BoardTemplate.AXE, new Marker("axes", "axes_exist"), Map.of()));
  }

  private Future<JsonObject> choose(Identity sender, Command.AxisChoose command) {
    return guarded(command.checked()).compose(ok -> guarded(SubgroupRules.choose(sender, command.board())))
        .compose(board -> submit(sender, command, new Event.ParticipantMoved(sender.participantId(), board), Map.of()));
  }

  /** A field of the workshop hash set once the boards are listed, and the refusal of a second command. */
  private record Marker(String field, String refusal) {}

  /**
   * Makes the boards (numbered after the workshop's), then lists them in the workshop and publishes
   * them in one apply: until then they are nobody's. Once the marker is set, no board is made: the
   * apply answers a retried command as a duplicate, and refuses another by the marker's refusal.
   */
  private Future<JsonObject> addBoards(Identity sender, Command.Change command, List<String> names, BoardTemplate template,
      Marker marker, Map<String, Object> rules) {
    Future<Workshop> workshop = workshops.workshop(sender.workshopId());
    Future<Boolean> marked = store.marked(sender.workshopId(), marker.field());
    return Future.all(workshop, marked).compose(read -> {
      List<BoardLayout> layouts = marked.result() ? List.of() : layouts(workshop.result(), names, template);
      Future<Void> made = Future.succeededFuture();
      for (BoardLayout layout : layouts) {
        made = made.compose(previous -> boards.create(layout));
      }
      Map<String, Object> applied = new HashMap<>(rules);
      applied.put("marker", marker.field());
      applied.put("already", marker.refusal());
      applied.put("boards", layouts.stream().map(BoardLayout::boardId).toList());
      // Plain maps and lists, so the zones encode as a JSON array.
      List<Map<String, Object>> described = layouts.stream()
          .map(layout -> new JsonObject(BoardStore.boardJson(layout, BoardSettings.DEFAULT).encode()).getMap()).toList();
      return made.compose(done -> submit(sender, command, new Event.BoardsAdded(described), applied));
    });
  }

  private static List<BoardLayout> layouts(Workshop workshop, List<String> names, BoardTemplate template) {
    int existing = workshop.boardIds().size();
    return IntStream.range(0, names.size())
        .mapToObj(index -> new BoardLayout(workshop.id() + "-" + (existing + index + 1), workshop.id(), names.get(index),
            template, template.zones()))
        .toList();
  }

  private Future<JsonObject> submit(Identity sender, Command.Change command, Event body, Map<String, Object> rules) {
    return streams.submit(new StreamStore.ApplyRequest(StreamId.workshop(sender.workshopId()), Protocol.typeName(command.getClass()),
        command.id(), sender.participantId(), clock.getAsLong(), body, rules), REFUSALS);
  }

  private static <T> Future<T> refused(String code) {
    return Future.failedFuture(new RejectedException(Rejection.of(code, REFUSALS.get(code))));
  }
}
