package org.parvis.roster;

import static org.parvis.sync.RejectedException.guarded;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.parvis.protocol.Command;
import org.parvis.protocol.Event;
import org.parvis.protocol.Protocol;
import org.parvis.store.LuaScript;
import org.parvis.stream.StreamId;
import org.parvis.stream.StreamStore;
import org.parvis.sync.CommandHandlers;
import org.parvis.sync.Verdict;
import org.parvis.workshop.Identity;
import org.parvis.workshop.Workshop;
import org.parvis.workshop.WorkshopService;

/**
 * The roster's commands, all on the workshop stream: moving a participant to another group, closing
 * the group menu, bringing a group to a board, and a participant's "j'ai fini".
 */
public final class RosterCommands {

  /** The apply functions of the roster feature. */
  public static final List<LuaScript.Part> APPLY_FUNCTIONS = List.of(
      new LuaScript.Part(RosterCommands.class, "participant.move.lua"),
      new LuaScript.Part(RosterCommands.class, "groups.lock.lua"),
      new LuaScript.Part(RosterCommands.class, "group.follow.lua"),
      new LuaScript.Part(RosterCommands.class, "participant.done.lua"));

  private static final Map<String, String> REFUSALS = Map.of("unknown_participant", "No such participant in this workshop.");

  private final WorkshopService workshops;
  private final StreamStore streams;
  private final LongSupplier clock;

  public RosterCommands(WorkshopService workshops, StreamStore streams, LongSupplier clock) {
    this.workshops = workshops;
    this.streams = streams;
    this.clock = clock;
  }

  public void register(CommandHandlers handlers) {
    handlers.on(Command.ParticipantMove.class, this::move)
        .on(Command.GroupsLock.class, this::lockGroups)
        .on(Command.GroupFollow.class, this::follow)
        .on(Command.ParticipantDone.class, this::done);
  }

  private Future<JsonObject> move(Identity sender, Command.ParticipantMove command) {
    return apply(sender, command, workshop -> RosterRules.move(sender, workshop.boardIds(), command.board())
        .then(board -> Verdict.allow(new Change(new Event.ParticipantMoved(command.participant(), board), Map.of()))));
  }

  private Future<JsonObject> lockGroups(Identity sender, Command.GroupsLock command) {
    return apply(sender, command, workshop -> RosterRules.lockGroups(sender, command.locked())
        .then(locked -> Verdict.allow(new Change(new Event.GroupsLocked(locked), Map.of()))));
  }

  private Future<JsonObject> follow(Identity sender, Command.GroupFollow command) {
    return apply(sender, command, workshop -> RosterRules.follow(sender, workshop.boardIds(), command.board())
        .then(group -> Verdict.allow(new Change(new Event.Follow(command.board()),
            group == null ? Map.of() : Map.of("group", group)))));
  }

  private Future<JsonObject> done(Identity sender, Command.ParticipantDone command) {
    return apply(sender, command, workshop -> RosterRules.done(sender, command.done())
        .then(done -> Verdict.allow(new Change(new Event.ParticipantFinished(sender.participantId(), done), Map.of()))));
  }

  /** The event a command makes and what its apply function needs to decide. */
  private record Change(Event event, Map<String, Object> rules) {}

  private Future<JsonObject> apply(Identity sender, Command.Change command, Function<Workshop, Verdict<Change>> rule) {
    return guarded(command.checked())
        .compose(checked -> workshops.workshop(sender.workshopId()))
        .compose(workshop -> guarded(rule.apply(workshop)))
        .compose(change -> streams.submit(new StreamStore.ApplyRequest(StreamId.workshop(sender.workshopId()),
            Protocol.typeName(command.getClass()), command.id(), sender.participantId(), clock.getAsLong(), change.event(),
            change.rules()), REFUSALS));
  }
}
