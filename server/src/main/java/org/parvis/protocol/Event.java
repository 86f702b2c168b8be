package org.parvis.protocol;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.List;
import java.util.Map;
import org.parvis.board.NoteFields;

/**
 * The bodies of the events of version 2, as docs/protocol.schema.json describes them. The envelope
 * ({@code type, stream, rev, h, cmd, by, at}) is added by the apply script in Redis, which also
 * completes a created note with its times and its order. Each record's type name is its
 * {@link JsonTypeName}; the body alone is encoded (the type is the envelope's).
 */
public sealed interface Event {

  /**
   * A note as stored; {@code createdAt}, {@code updatedAt} and {@code order} are set by the apply
   * script, and so are the marks of private writing and moderation: {@code unrevealed} (written in
   * private mode, not revealed yet), {@code anonymous} (revealed without its author), {@code hiddenBy}
   * and {@code moderatedBy} (the animator who hid or changed it). A note an animator wrote for a
   * speaker has the speaker as author (with its category) and the animator as {@code scribe}.
   * {@code photo}: the id of the note's photo, served at {@code /photos/<workshop>/<photo>}.
   */
  record Note(String id, String text, String color, String zone, Double x, Double y, String author,
      String authorName, Long createdAt, Long updatedAt, Long order, String authorCategory, String scribe,
      String scribeName, Boolean unrevealed, Boolean anonymous, String hiddenBy, String moderatedBy, String photo) {

    public Note(String id, String text, String color, String zone, Double x, Double y, String author, String authorName) {
      this(id, text, color, zone, x, y, author, authorName, null, null, null, null, null, null, null, null, null, null, null);
    }
  }

  /** {@code privateCount}: on a private note, how many notes of the board are private now (set by the apply script). */
  @JsonTypeName("note.created")
  record NoteCreated(Note note, Integer privateCount) implements Event {}

  /** {@code moderatedBy}: set by the apply script when an animator changed another's note. */
  @JsonTypeName("note.updated")
  record NoteUpdated(String noteId, NoteFields fields, String moderatedBy) implements Event {}

  @JsonTypeName("note.deleted")
  record NoteDeleted(String noteId, Integer privateCount) implements Event {}

  /** Every private note of the board, at once; the apply script lists them. */
  @JsonTypeName("notes.revealed")
  record NotesRevealed(String board, boolean anonymous, List<Note> notes) implements Event {}

  @JsonTypeName("note.hidden")
  record NoteHidden(String noteId, String hiddenBy) implements Event {}

  /** A hidden note shown again or a deleted one back, as the apply script stored it. */
  @JsonTypeName("note.restored")
  record NoteRestored(Note note, Integer privateCount) implements Event {}

  @JsonTypeName("notes.merged")
  record NotesMerged(String noteId, String otherId, String text, String moderatedBy) implements Event {}

  /** A cluster as every reader may see it: {@code notes} are the members that reader may see, in the order they joined. */
  record Cluster(String id, String title, Double x, Double y, List<String> notes, Long order) {}

  @JsonTypeName("cluster.created")
  record ClusterCreated(Cluster cluster) implements Event {}

  @JsonTypeName("cluster.joined")
  record ClusterJoined(String cluster, String noteId, Double x, Double y) implements Event {}

  @JsonTypeName("cluster.left")
  record ClusterLeft(String cluster, String noteId, Double x, Double y) implements Event {}

  @JsonTypeName("cluster.renamed")
  record ClusterRenamed(String cluster, String title) implements Event {}

  /** Every note of the cluster moved by ({@code dx}, {@code dy}), each kept on the board (0 to 10,000). */
  @JsonTypeName("cluster.moved")
  record ClusterMoved(String cluster, Double dx, Double dy) implements Event {}

  @JsonTypeName("cluster.dissolved")
  record ClusterDissolved(String cluster) implements Event {}

  @JsonTypeName("board.locked")
  record BoardLocked(String board, boolean locked) implements Event {}

  record Plenary(List<String> boards) {}

  @JsonTypeName("board.configured")
  record BoardConfigured(String board, String mode, boolean anyoneEdits) implements Event {}

  @JsonTypeName("plenary.changed")
  record PlenaryChanged(Plenary plenary) implements Event {}

  @JsonTypeName("agenda.changed")
  record AgendaChanged(List<Command.Sequence> sequences) implements Event {}

  /** {@code current}: the sequence now running, none once the agenda ended; {@code snapshot}: the number of the one the ended sequence left. */
  @JsonTypeName("sequence.changed")
  record SequenceChanged(String current, Long startedAt, Long snapshot) implements Event {}

  /** Running when {@code endsAt} (server time) is set, paused when {@code remainingMs} is. */
  record Timer(Long durationMs, Long endsAt, Long remainingMs, Boolean freezeAtZero) {}

  /** {@code timer} none: the timer was stopped (and input it froze reopened). */
  @JsonTypeName("timer.changed")
  record TimerChanged(String group, Timer timer) implements Event {}

  /** The participant as {@link org.parvis.workshop.Participant#toJson()} writes it. */
  @JsonTypeName("participant.joined")
  record ParticipantJoined(Map<String, Object> participant) implements Event {}

  @JsonTypeName("join.displayed")
  record JoinDisplayed(String mode) implements Event {}

  @JsonTypeName("participant.moved")
  record ParticipantMoved(String participant, String board) implements Event {}

  @JsonTypeName("groups.locked")
  record GroupsLocked(boolean locked) implements Event {}

  @JsonTypeName("follow")
  record Follow(String board) implements Event {}

  @JsonTypeName("participant.finished")
  record ParticipantFinished(String participant, boolean done) implements Event {}

  /** An animator removed this participant: its tokens are dead; its notes stay. */
  @JsonTypeName("participant.removed")
  record ParticipantRemoved(String participant) implements Event {}

  /** A note a vote is on, with its text when the vote opened. */
  record VoteItem(String board, String noteId, String text) {}

  /**
   * A vote's settings; {@code items}, {@code status}, {@code openedAt} and {@code sequence} (the
   * workshop's current sequence, if any) are set by the apply script.
   */
  record Vote(String id, String title, String board, String zone, int budget, int maxPerItem, boolean anonymous,
      boolean live, List<VoteItem> items, String status, Long openedAt, String sequence, List<VoteCluster> clusters) {}

  /** A cluster the vote's notes fell in when it opened ({@code notes}: those of its notes that are items): one line of the results. */
  record VoteCluster(String board, String cluster, String title, List<String> notes) {}

  /** How far a vote is: people with at least one dot, dots placed; for a live vote, the item that moved and its count. */
  record VoteProgress(int voters, int dots, String item, Integer count) {}

  /**
   * {@code voters}: the names of those who put a dot on it, for a named vote; empty for an anonymous one. A cluster's
   * line has {@code cluster}, its title as {@code text}, its {@code notes} count and their dots, and no {@code noteId}.
   */
  record RankedItem(String board, String noteId, String text, int dots, int rank, boolean tied, List<String> voters,
      String cluster, Integer notes) {}

  /** The ranking among the voters of one category, given only where at least 3 of them voted. */
  record CategoryRanking(String category, int voters, List<RankedItem> ranking) {}

  record VoteResult(int voters, int dots, List<RankedItem> ranking, List<CategoryRanking> categories) {}

  @JsonTypeName("vote.opened")
  record VoteOpened(Vote vote) implements Event {}

  /** For the voter only; the others get the progress in the shadow. Its body is written by the apply script. */
  @JsonTypeName("vote.placed")
  record VotePlaced(String vote, String board, String noteId, Integer mine, Integer used, VoteProgress progress) implements Event {}

  @JsonTypeName("vote.retracted")
  record VoteRetracted(String vote, String board, String noteId, Integer mine, Integer used, VoteProgress progress)
      implements Event {}

  @JsonTypeName("vote.closed")
  record VoteClosed(String vote, VoteResult result) implements Event {}

  /** {@code scale}: "steps" or "continuous", as the barometer is now (the apply script says). */
  @JsonTypeName("barometer.changed")
  record BarometerChanged(List<Command.Indicator> indicators, String scale) implements Event {}

  /**
   * How many placed the territory on each place of one scale (7 steps, or 101 places 0 to 100 for a
   * continuous one), and how many said they do not know.
   */
  record Tally(List<Integer> steps, Integer unknown) {}

  /** To its author only; the others get its shadow: the indicator and its new tally, without the person. The tally is the apply script's. */
  @JsonTypeName("barometer.answered")
  record BarometerAnswered(Integer indicator, String value, Tally tally) implements Event {}

  /** One category's answers on one indicator, once the barometer is closed; the apply script adds only categories with enough answers. */
  record SplitRow(Integer indicator, String category, List<Integer> steps, Integer unknown) {}

  @JsonTypeName("barometer.closed")
  record BarometerClosed(boolean closed, List<SplitRow> split) implements Event {}

  /** Boards made while the workshop runs (atelier 3's kept actions, the thematic axes), described as the workshop describes its boards. */
  @JsonTypeName("boards.added")
  record BoardsAdded(List<Map<String, Object>> boards) implements Event {}
  /** A person who signed a commitment of the charter: the signature is public, by name and category. */
  record Signature(String id, String name, String category, Long at) {}

  /** A commitment of the charter: its indicator (zone), its text, its author's category, its signatures in signing order. */
  record Commitment(String id, String zone, String text, String category, Long at, Boolean edited, List<Signature> signatures) {}

  @JsonTypeName("commitment.created")
  record CommitmentCreated(Commitment commitment) implements Event {}

  @JsonTypeName("commitment.edited")
  record CommitmentEdited(String commitmentId, String text, String zone) implements Event {}

  @JsonTypeName("commitment.deleted")
  record CommitmentDeleted(String commitmentId) implements Event {}

  /** {@code commitmentId} is gone; {@code commitment} is {@code into} as it is now (the apply script writes it). */
  @JsonTypeName("commitments.merged")
  record CommitmentsMerged(String commitmentId, String into, String text, Commitment commitment) implements Event {}

  @JsonTypeName("commitments.reordered")
  record CommitmentsReordered(String zone, List<String> order) implements Event {}

  /** {@code count}: the commitment's signatures after this one (the apply script's). */
  @JsonTypeName("commitment.signed")
  record CommitmentSigned(String commitmentId, Boolean signed, Signature signature, Integer count) implements Event {}

  /** {@code frozenAt}: when the charter was frozen, absent once unfrozen. */
  @JsonTypeName("charter.frozen")
  record CharterFrozen(Boolean frozen, Long frozenAt) implements Event {}
  @JsonTypeName("recap.displayed")
  record RecapDisplayed(boolean shown) implements Event {}

  /**
   * What a follower outside an event's audience gets instead, so its revisions stay gap-free; a
   * vote's dot leaves the vote and its progress there; about notes, at most how many of the board's
   * notes are private, or that a note it had was withdrawn. A run of bare ones, merged by the node
   * that pushes them, starts at revision {@code from} (bridge/StreamFollowers).
   */
  @JsonTypeName("hidden")
  record Hidden(String vote, VoteProgress progress, Integer privateCount, String withdrawn, Long from) implements Event {}

  /** The node lost its feed of this stream for a while: sync now. */
  @JsonTypeName("stream.resync")
  record StreamResync(String stream) implements Event {}

  /** The stream's head, sent now and then, so a client that never writes learns it is behind. */
  @JsonTypeName("stream.head")
  record StreamHead(String stream, long rev, String h) implements Event {}
}
