package org.parvis.vote;

import static org.parvis.sync.RejectedException.guarded;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.parvis.board.BoardLayout;
import org.parvis.board.BoardStore;
import org.parvis.protocol.Command;
import org.parvis.protocol.Event;
import org.parvis.protocol.Protocol;
import org.parvis.stream.StreamId;
import org.parvis.stream.StreamStore;
import org.parvis.stream.StreamStore.ApplyRequest;
import org.parvis.sync.CommandHandlers;
import org.parvis.sync.RejectedException;
import org.parvis.sync.Rejection;
import org.parvis.sync.Verdict;
import org.parvis.workshop.Category;
import org.parvis.workshop.Identity;

/**
 * Dot votes on the workshop stream: vote.open and vote.close by animators, vote.cast and
 * vote.retract by participants. The budget and the per-note limit are decided atomically by the
 * apply function; a dot reaches only its voter until the vote closes.
 */
public final class VoteCommands {

  /** How many times a close counts again when dots keep arriving while it counts. */
  private static final int CLOSE_ATTEMPTS = 20;

  private static final Map<String, String> REFUSALS = Map.ofEntries(
      Map.entry("unknown_vote", "No such vote."),
      Map.entry("vote_exists", "A vote with this id was already opened."),
      Map.entry("vote_closed", "This vote is closed."),
      Map.entry("not_in_vote", "This note is not part of the vote."),
      Map.entry("no_dots_left", "You have used all your dots: take one back to move it."),
      Map.entry("item_limit", "You have put as many dots on this note as the vote allows."),
      Map.entry("no_dot_here", "You have no dot on this note."),
      Map.entry("no_items", "There is no note to vote on."),
      Map.entry("too_many_items", "A vote is on at most " + VoteRules.MAX_ITEMS + " notes."),
      Map.entry("unknown_note", "A chosen note does not exist any more."),
      Map.entry("note_not_public", "A chosen note is private or hidden: reveal or restore it first."),
      Map.entry("unknown_board", "No such board."));

  private final BoardStore boards;
  private final VoteStore votes;
  private final StreamStore streams;
  private final LongSupplier clock;

  public VoteCommands(BoardStore boards, VoteStore votes, StreamStore streams, LongSupplier clock) {
    this.boards = boards;
    this.votes = votes;
    this.streams = streams;
    this.clock = clock;
  }

  public void register(CommandHandlers handlers) {
    handlers.on(Command.VoteOpen.class, this::open)
        .on(Command.VoteCast.class, this::cast)
        .on(Command.VoteRetract.class, this::retract)
        .on(Command.VoteClose.class, this::close);
  }

  private Future<JsonObject> open(Identity sender, Command.VoteOpen command) {
    return guarded(command.checked())
        .compose(checked -> command.board() == null
            ? Future.succeededFuture(Optional.<BoardLayout>empty())
            : boards.layout(command.board()).map(Optional::of))
        .compose(layout -> guarded(VoteRules.open(sender, command, layout)))
        .compose(vote -> streams.submit(request(sender, command, new Event.VoteOpened(vote),
            Map.of("notes", VoteRules.notes(command.notes(), true).value(), "maxItems", VoteRules.MAX_ITEMS)), REFUSALS));
  }

  private Future<JsonObject> cast(Identity sender, Command.VoteCast command) {
    return moveDot(sender, command, new Event.VotePlaced(command.vote(), command.board(), command.noteId(), null, null, null));
  }

  private Future<JsonObject> retract(Identity sender, Command.VoteRetract command) {
    return moveDot(sender, command, new Event.VoteRetracted(command.vote(), command.board(), command.noteId(), null, null, null));
  }

  private Future<JsonObject> moveDot(Identity sender, Command.Change command, Event body) {
    return guarded(command.checked().then(checked -> VoteRules.mayVote(sender)))
        .compose(voter -> streams.submit(request(sender, command, body, Map.of("name", sender.displayName(),
            "category", sender.category().map(Category::wireName).orElse(Category.AUTRE.wireName()))), REFUSALS));
  }

  private Future<JsonObject> close(Identity sender, Command.VoteClose command) {
    return guarded(command.checked().then(checked -> VoteRules.mayClose(sender)))
        .compose(animator -> countAndClose(sender, command, CLOSE_ATTEMPTS));
  }

  /** Counts the ballots, then closes the vote with that count unless a dot moved meanwhile: then counts again. */
  private Future<JsonObject> countAndClose(Identity sender, Command.VoteClose command, int attempts) {
    return votes.ballots(sender.workshopId(), command.vote()).compose(read -> {
      if (read.isEmpty()) {
        return refused("unknown_vote");
      }
      VoteStore.Ballots ballots = read.get();
      Event.VoteResult result = VoteResults.count(ballots.items(), ballots.clusters(), ballots.ballots(),
          ballots.anonymous());
      return streams.submit(request(sender, command, new Event.VoteClosed(command.vote(), result),
          Map.of("version", ballots.version())), REFUSALS);
    }).recover(failure -> {
      if (failure instanceof RejectedException rejected && "vote_changed".equals(rejected.rejection().code())) {
        return attempts > 1 ? countAndClose(sender, command, attempts - 1)
            : Future.failedFuture(new RejectedException(Rejection.of("unavailable", "Dots keep moving: close again.")));
      }
      return Future.failedFuture(failure);
    });
  }

  private ApplyRequest request(Identity sender, Command.Change command, Event body, Map<String, Object> rules) {
    return new ApplyRequest(StreamId.workshop(sender.workshopId()), Protocol.typeName(command.getClass()), command.id(),
        sender.participantId(), clock.getAsLong(), body, rules);
  }

  private static <T> Future<T> refused(String code) {
    return Future.failedFuture(new RejectedException(Rejection.of(code, REFUSALS.get(code))));
  }
}
