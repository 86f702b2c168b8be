package org.parvis.sync;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Response;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.parvis.board.BoardSettings;
import org.parvis.board.BoardStore;
import org.parvis.protocol.Command;
import org.parvis.roster.GroupGate;
import org.parvis.setup.SetupGate;
import org.parvis.stream.LogEntry;
import org.parvis.stream.StreamAccess;
import org.parvis.stream.StreamId;
import org.parvis.stream.StreamStore;
import org.parvis.workshop.Identity;
import org.parvis.workshop.WorkshopService;
import org.parvis.workshop.WorkshopStore;

/**
 * stream.sync: the events a client missed, each as its audience allows (the event or its shadow),
 * or a snapshot of the stream when its history is not the client's any more. The stored JSON is
 * joined as it is, never decoded note by note nor sorted: notes come in stream order from Redis.
 * A sync is set-up work: it waits its turn at the node's {@link SetupGate}, so edits go first; a
 * first sync of a board may be answered from the {@link SnapshotCache} shared by everyone joining it.
 */
public final class StreamSyncCommands {

  private final StreamStore streams;
  private final BoardStore boards;
  private final WorkshopService workshops;
  private final GroupGate groups;
  private final List<WorkshopSnapshotPart> workshopParts;
  private final SetupGate setup;
  private final SnapshotCache snapshots;

  /** What a feature adds to the workshop's snapshot, from the fields of the workshop hash. */
  private static final String SAME_FOR_EVERY_READER = "sameForEveryReader";

  public interface WorkshopSnapshotPart {
    void addTo(JsonObject snapshot, Response workshopFields);
  }

  public StreamSyncCommands(StreamStore streams, BoardStore boards, WorkshopService workshops, GroupGate groups,
      List<WorkshopSnapshotPart> workshopParts, SetupGate setup, SnapshotCache snapshots) {
    this.setup = setup;
    this.snapshots = snapshots;
    this.streams = streams;
    this.boards = boards;
    this.workshops = workshops;
    this.groups = groups;
    this.workshopParts = List.copyOf(workshopParts);
  }

  public void register(CommandHandlers handlers) {
    handlers.on(Command.StreamSync.class, this::sync);
  }

  private Future<JsonObject> sync(Identity sender, Command.StreamSync command) {
    Optional<StreamId> named = command.stream() == null ? Optional.empty() : StreamId.fromWire(command.stream());
    if (named.isEmpty()) {
      return refused(Rejection.invalidField("stream", "stream is board:<boardId> or workshop:<workshopId>."));
    }
    if (command.since() != null && command.since() < 0) {
      return refused(Rejection.invalidField("since", "since is the last revision seen, a whole number."));
    }
    StreamId stream = named.get();
    Verdict<StreamId> access = StreamAccess.mayRead(sender, stream);
    if (!access.isAllowed()) {
      return refused(access.rejection());
    }
    return setup.run(() -> groups.mayFollow(sender, stream).compose(open -> {
      if (!open.isAllowed()) {
        return refused(open.rejection());
      }
      boolean fresh = command.since() == null && stream.kind() == StreamId.Kind.BOARD;
      JsonObject shared = fresh ? snapshots.get(stream) : null;
      if (shared != null) {
        return Future.succeededFuture(shared);
      }
      long generation = snapshots.generation(stream);
      return read(stream, command, sender).onSuccess(answer -> {
        boolean sameForEveryReader = Boolean.TRUE.equals(answer.remove(SAME_FOR_EVERY_READER));
        if (fresh && answer.containsKey("snapshot")) {
          snapshots.offer(stream, generation, sameForEveryReader, answer);
        }
      });
    }));
  }

  private Future<JsonObject> read(StreamId stream, Command.StreamSync command, Identity sender) {
    return streams.read(stream, command.since(), command.h(), sender)
        .compose(catchUp -> {
      JsonObject answer = new JsonObject().put("stream", stream.wire()).put("rev", catchUp.rev()).put("h", catchUp.h());
      if (!catchUp.isSnapshot()) {
        return Future.succeededFuture(answer.put("events", joined(catchUp.entries().stream()
            .map(LogEntry::parse)
            .filter(Objects::nonNull)
            .map(entry -> entry.textFor(sender))
            .toList())));
      }
      if (stream.kind() == StreamId.Kind.BOARD) {
        answer.put(SAME_FOR_EVERY_READER, "1".equals(catchUp.part(5).toString()));
        return boardSnapshot(stream, catchUp).map(state -> answer.put("snapshot", state));
      }
      return workshopSnapshot(stream, catchUp, sender).map(state -> answer.put("snapshot", state));
    });
  }

  private Future<JsonObject> boardSnapshot(StreamId stream, StreamStore.CatchUp catchUp) {
    List<String> notes = catchUp.state().stream().filter(Objects::nonNull).map(Response::toString).toList();
    BoardSettings settings = BoardStore.settings(catchUp.extra());
    String barometer = catchUp.part(2).toString();
    String charter = catchUp.part(3).toString();
    return boards.layout(stream.id()).map(layout -> {
      JsonObject snapshot = new JsonObject()
          .put("board", BoardStore.boardJson(layout, settings))
          .put("notes", joined(notes))
          .put("privateCount", catchUp.extra().get(3).toInteger())
          .put("clusters", new JsonArray(catchUp.part(4).toString()));
      if (!charter.isEmpty()) {
        snapshot.put("charter", new JsonObject(charter));
      }
      return barometer.isEmpty() ? snapshot : snapshot.put("barometer", new JsonObject(barometer));
    });
  }

  /** The workshop, with the roster for an animator (read.lua gives it to animators only). */
  private Future<JsonObject> workshopSnapshot(StreamId stream, StreamStore.CatchUp catchUp, Identity reader) {
    List<BoardSettings> settings = catchUp.extra().stream().map(BoardStore::settings).toList();
    List<String> roster = catchUp.part(2).stream().map(Response::toString).toList();
    return WorkshopStore.fromFields(stream.id(), catchUp.state())
        .map(workshop -> workshops.describe(workshop, settings))
        .orElseGet(() -> refused(Rejection.of("forbidden", "This workshop does not exist.")))
        .map(workshop -> {
          JsonObject snapshot = new JsonObject()
              .put("workshop", reader.role().mayRunWorkshop() ? workshop.put("participants", joined(roster)) : workshop)
              .put("votes", joined(catchUp.part(3).stream().map(Response::toString).toList()));
          workshopParts.forEach(part -> part.addTo(snapshot, catchUp.state()));
          return snapshot;
        });
  }

  /** One parse of the stored texts joined, instead of one per item. */
  private static JsonArray joined(List<String> jsonTexts) {
    return new JsonArray(jsonTexts.stream().collect(Collectors.joining(",", "[", "]")));
  }

  private static <T> Future<T> refused(Rejection rejection) {
    return Future.failedFuture(new RejectedException(rejection));
  }
}
