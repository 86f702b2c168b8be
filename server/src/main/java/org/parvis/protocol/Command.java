package org.parvis.protocol;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.List;
import java.util.regex.Pattern;
import org.parvis.board.NoteFields;
import org.parvis.sync.Rejection;
import org.parvis.sync.Verdict;

/**
 * The commands a client sends to {@code parvis.cmd}, version 2, as docs/protocol.schema.json
 * describes them (a test keeps the two equal). Decoded by {@link Protocol#decode}; a field of the
 * wrong JSON type is refused there, the rules that need the board or the sender come later.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(Command.NoteCreate.class),
    @JsonSubTypes.Type(Command.NoteUpdate.class),
    @JsonSubTypes.Type(Command.NoteDelete.class),
    @JsonSubTypes.Type(Command.BoardLock.class),
    @JsonSubTypes.Type(Command.BoardConfigure.class),
    @JsonSubTypes.Type(Command.BoardReveal.class),
    @JsonSubTypes.Type(Command.NoteHide.class),
    @JsonSubTypes.Type(Command.NoteRestore.class),
    @JsonSubTypes.Type(Command.NoteMerge.class),
    @JsonSubTypes.Type(Command.BoardTrash.class),
    @JsonSubTypes.Type(Command.ClusterCreate.class),
    @JsonSubTypes.Type(Command.ClusterJoin.class),
    @JsonSubTypes.Type(Command.ClusterLeave.class),
    @JsonSubTypes.Type(Command.ClusterRename.class),
    @JsonSubTypes.Type(Command.ClusterMove.class),
    @JsonSubTypes.Type(Command.ClusterDissolve.class),
    @JsonSubTypes.Type(Command.PlenaryShow.class),
    @JsonSubTypes.Type(Command.AgendaSet.class),
    @JsonSubTypes.Type(Command.SequenceGo.class),
    @JsonSubTypes.Type(Command.TimerSet.class),
    @JsonSubTypes.Type(Command.SequenceSnapshot.class),
    @JsonSubTypes.Type(Command.ClockGet.class),
    @JsonSubTypes.Type(Command.JoinDisplay.class),
    @JsonSubTypes.Type(Command.ParticipantMove.class),
    @JsonSubTypes.Type(Command.GroupsLock.class),
    @JsonSubTypes.Type(Command.GroupFollow.class),
    @JsonSubTypes.Type(Command.ParticipantDone.class),
    @JsonSubTypes.Type(Command.VoteOpen.class),
    @JsonSubTypes.Type(Command.VoteCast.class),
    @JsonSubTypes.Type(Command.VoteRetract.class),
    @JsonSubTypes.Type(Command.VoteClose.class),
    @JsonSubTypes.Type(Command.BarometerSet.class),
    @JsonSubTypes.Type(Command.BarometerAnswer.class),
    @JsonSubTypes.Type(Command.BarometerClose.class),
    @JsonSubTypes.Type(Command.AtelierDeepen.class),
    @JsonSubTypes.Type(Command.AxesSet.class),
    @JsonSubTypes.Type(Command.AxisChoose.class),
    @JsonSubTypes.Type(Command.CommitmentCreate.class),
    @JsonSubTypes.Type(Command.CommitmentEdit.class),
    @JsonSubTypes.Type(Command.CommitmentDelete.class),
    @JsonSubTypes.Type(Command.CommitmentMerge.class),
    @JsonSubTypes.Type(Command.CommitmentReorder.class),
    @JsonSubTypes.Type(Command.CommitmentSign.class),
    @JsonSubTypes.Type(Command.CharterFreeze.class),
    @JsonSubTypes.Type(Command.RecapDisplay.class),
    @JsonSubTypes.Type(Command.StreamSync.class),
    @JsonSubTypes.Type(Command.WorkshopGet.class)})
public sealed interface Command {

  /** A command that changes a stream, so it carries a client-made command id. */
  sealed interface Change extends Command {
    Pattern COMMAND_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    String id();

    /** The parts every change of this type needs before any rule looks at it; the command id first. */
    default Verdict<Change> checked() {
      return id() != null && COMMAND_ID.matcher(id()).matches()
          ? Verdict.allow(this)
          : Verdict.refuse(Rejection.invalidField("id", "A command needs an id of 1 to 64 letters, digits, '-' or '_'."));
    }
  }

  @JsonTypeName("note.create")
  record NoteCreate(String id, String board, NewNote note, Speaker speaker) implements Change {
    @Override
    public Verdict<Change> checked() {
      return Change.super.checked().then(ok -> required(this, note, "note")).then(ok -> required(this, board, "board"));
    }
  }

  /** The note as a client proposes it; missing fields get defaults from the rules. */
  record NewNote(String id, String text, String color, String zone, Double x, Double y, String photo) {

    public NoteFields fields() {
      return new NoteFields(text, color, zone, x, y, photo);
    }
  }

  /** Whom an animator writes a note for: a participant of the roster by id, or a name (and category) typed once. */
  record Speaker(String id, String name, String category) {}

  @JsonTypeName("note.update")
  record NoteUpdate(String id, String board, String noteId, NoteFields fields) implements Change {
    @Override
    public Verdict<Change> checked() {
      return Change.super.checked().then(ok -> required(this, fields, "fields")).then(ok -> required(this, board, "board"));
    }
  }

  @JsonTypeName("note.delete")
  record NoteDelete(String id, String board, String noteId) implements Change {
    @Override
    public Verdict<Change> checked() {
      return Change.super.checked().then(ok -> required(this, board, "board"));
    }
  }

  @JsonTypeName("board.lock")
  record BoardLock(String id, String board, Boolean locked) implements Change {
    @Override
    public Verdict<Change> checked() {
      return Change.super.checked().then(ok -> required(this, locked, "locked")).then(ok -> required(this, board, "board"));
    }
  }

  /** {@code mode}: {@code open} or {@code private}; {@code anyoneEdits}: everyone may edit and delete every note. */
  @JsonTypeName("board.configure")
  record BoardConfigure(String id, String board, String mode, Boolean anyoneEdits) implements Change {
    @Override
    public Verdict<Change> checked() {
      return Change.super.checked().then(ok -> required(this, mode, "mode")).then(ok -> required(this, anyoneEdits, "anyoneEdits"))
          .then(ok -> required(this, board, "board"));
    }
  }

  @JsonTypeName("board.reveal")
  record BoardReveal(String id, String board, Boolean anonymous) implements Change {
    @Override
    public Verdict<Change> checked() {
      return Change.super.checked().then(ok -> required(this, anonymous, "anonymous")).then(ok -> required(this, board, "board"));
    }
  }

  @JsonTypeName("note.hide")
  record NoteHide(String id, String board, String noteId) implements Change {
    @Override
    public Verdict<Change> checked() {
      return Change.super.checked().then(ok -> required(this, board, "board"));
    }
  }

  @JsonTypeName("note.restore")
  record NoteRestore(String id, String board, String noteId) implements Change {
    @Override
    public Verdict<Change> checked() {
      return Change.super.checked().then(ok -> required(this, board, "board"));
    }
  }

  /** {@code otherId}'s text joins {@code noteId}'s, and {@code otherId} goes to the trash. */
  @JsonTypeName("note.merge")
  record NoteMerge(String id, String board, String noteId, String otherId) implements Change {
    @Override
    public Verdict<Change> checked() {
      return Change.super.checked().then(ok -> required(this, board, "board"));
    }
  }

  /** A cluster of notes on a board, titled or not ({@code title} ""), with the notes it starts with (none for an empty titled one). */
  @JsonTypeName("cluster.create")
  record ClusterCreate(String id, String board, String cluster, String title, List<String> notes, Double x, Double y)
      implements Change {
    @Override
    public Verdict<Change> checked() {
      return Change.super.checked().then(ok -> required(this, board, "board")).then(ok -> required(this, cluster, "cluster"))
          .then(ok -> required(this, notes, "notes"));
    }
  }

  /** A note into a cluster (out of the one it was in); {@code x}, {@code y}: where it was dropped, optional. */
  @JsonTypeName("cluster.join")
  record ClusterJoin(String id, String board, String cluster, String noteId, Double x, Double y) implements Change {
    @Override
    public Verdict<Change> checked() {
      return Change.super.checked().then(ok -> required(this, board, "board")).then(ok -> required(this, cluster, "cluster"));
    }
  }

  /** A note out of its cluster; {@code x}, {@code y}: where it was dropped, optional. */
  @JsonTypeName("cluster.leave")
  record ClusterLeave(String id, String board, String noteId, Double x, Double y) implements Change {
    @Override
    public Verdict<Change> checked() {
      return Change.super.checked().then(ok -> required(this, board, "board"));
    }
  }

  @JsonTypeName("cluster.rename")
  record ClusterRename(String id, String board, String cluster, String title) implements Change {
    @Override
    public Verdict<Change> checked() {
      return Change.super.checked().then(ok -> required(this, board, "board")).then(ok -> required(this, cluster, "cluster"))
          .then(ok -> title == null ? Verdict.refuse(Rejection.invalidField("title", "title is missing.")) : Verdict.allow(this));
    }
  }

  /** The cluster and its notes moved by ({@code dx}, {@code dy}), in one event. */
  @JsonTypeName("cluster.move")
  record ClusterMove(String id, String board, String cluster, Double dx, Double dy) implements Change {
    @Override
    public Verdict<Change> checked() {
      return Change.super.checked().then(ok -> required(this, board, "board")).then(ok -> required(this, cluster, "cluster"))
          .then(ok -> required(this, dx, "dx")).then(ok -> required(this, dy, "dy"));
    }
  }

  /** The cluster goes; its notes stay where they are. */
  @JsonTypeName("cluster.dissolve")
  record ClusterDissolve(String id, String board, String cluster) implements Change {
    @Override
    public Verdict<Change> checked() {
      return Change.super.checked().then(ok -> required(this, board, "board")).then(ok -> required(this, cluster, "cluster"));
    }
  }

  @JsonTypeName("plenary.show")
  record PlenaryShow(String id, List<String> boards) implements Change {
    @Override
    public Verdict<Change> checked() {
      return Change.super.checked().then(ok -> required(this, boards, "boards"));
    }
  }

  /** One step of the evening's agenda; {@code boards} empty means every board. */
  record Sequence(String id, String title, String kind, Integer minutes, List<String> boards) {}

  @JsonTypeName("agenda.set")
  record AgendaSet(String id, List<Sequence> sequences) implements Change {
    @Override
    public Verdict<Change> checked() {
      return Change.super.checked().then(ok -> required(this, sequences, "sequences"));
    }
  }

  /** {@code to}: "next", "end", or the id of a sequence of the agenda. */
  @JsonTypeName("sequence.go")
  record SequenceGo(String id, String to) implements Change {
    @Override
    public Verdict<Change> checked() {
      return Change.super.checked().then(ok -> required(this, to, "to"));
    }
  }

  /** {@code group}: a board id for a group's own timer, none for the workshop's. */
  @JsonTypeName("timer.set")
  record TimerSet(String id, String action, String group, Long durationMs, Long deltaMs, Boolean freezeAtZero)
      implements Change {
    @Override
    public Verdict<Change> checked() {
      return Change.super.checked().then(ok -> required(this, action, "action"));
    }
  }

  /** Without {@code n}: the list of end-of-sequence snapshots; with {@code n} and {@code board}: that board's notes then. */
  @JsonTypeName("sequence.snapshot")
  record SequenceSnapshot(Long n, String board) implements Command {}

  @JsonTypeName("clock.get")
  record ClockGet() implements Command {}
  /** How the projector shows the join code and its QR code: large, corner or hidden. */
  @JsonTypeName("join.display")
  record JoinDisplay(String id, String mode) implements Change {
    @Override
    public Verdict<Change> checked() {
      return Change.super.checked().then(ok -> required(this, mode, "mode"));
    }
  }

  @JsonTypeName("participant.move")
  record ParticipantMove(String id, String participant, String board) implements Change {
    @Override
    public Verdict<Change> checked() {
      return Change.super.checked().then(ok -> required(this, participant, "participant")).then(ok -> required(this, board, "board"));
    }
  }

  /** Closes (or opens again) the group menu: participants stay on their own group's board and the plenary's. */
  @JsonTypeName("groups.lock")
  record GroupsLock(String id, Boolean locked) implements Change {
    @Override
    public Verdict<Change> checked() {
      return Change.super.checked().then(ok -> required(this, locked, "locked"));
    }
  }

  /** "Bring everyone here": the animator's group's participants are sent to this board. */
  @JsonTypeName("group.follow")
  record GroupFollow(String id, String board) implements Change {
    @Override
    public Verdict<Change> checked() {
      return Change.super.checked().then(ok -> required(this, board, "board"));
    }
  }

  /** A participant's "j'ai fini". */
  @JsonTypeName("participant.done")
  record ParticipantDone(String id, Boolean done) implements Change {
    @Override
    public Verdict<Change> checked() {
      return Change.super.checked().then(ok -> required(this, done, "done"));
    }
  }

  /**
   * A dot vote on the notes of one board ({@code board}), of one of its zones ({@code zone}), on some
   * of its notes ({@code notes}), or on every note of the workshop (no {@code board}).
   */
  @JsonTypeName("vote.open")
  record VoteOpen(String id, String vote, String title, String board, String zone, List<String> notes, Integer budget,
      Integer maxPerItem, Boolean anonymous, Boolean live) implements Change {
    @Override
    public Verdict<Change> checked() {
      return Change.super.checked().then(ok -> required(this, vote, "vote")).then(ok -> required(this, budget, "budget"));
    }
  }

  /** One dot on one note. */
  @JsonTypeName("vote.cast")
  record VoteCast(String id, String vote, String board, String noteId) implements Change {
    @Override
    public Verdict<Change> checked() {
      return Change.super.checked().then(ok -> dotChecked(this, vote, board, noteId));
    }
  }

  /** One dot taken back from one note. */
  @JsonTypeName("vote.retract")
  record VoteRetract(String id, String vote, String board, String noteId) implements Change {
    @Override
    public Verdict<Change> checked() {
      return Change.super.checked().then(ok -> dotChecked(this, vote, board, noteId));
    }
  }

  /** Closes the vote and reveals its results to everyone. */
  @JsonTypeName("vote.close")
  record VoteClose(String id, String vote) implements Change {
    @Override
    public Verdict<Change> checked() {
      return Change.super.checked().then(ok -> required(this, vote, "vote"));
    }
  }

  /** Atelier 3: a sub-group board (Qui / Quoi / Quand / Ressources) per action kept by a closed vote, its first {@code keep} ranks. */
  @JsonTypeName("atelier.deepen")
  record AtelierDeepen(String id, String vote, Integer keep) implements Change {
    @Override
    public Verdict<Change> checked() {
      return Change.super.checked().then(ok -> required(this, vote, "vote"));
    }
  }

  /** The thematic axes (up to 6): a board per axis, which participants then pick. */
  @JsonTypeName("axes.set")
  record AxesSet(String id, List<String> axes) implements Change {
    @Override
    public Verdict<Change> checked() {
      return Change.super.checked().then(ok -> required(this, axes, "axes"));
    }
  }

  /** A participant joins the group of one of the axes. */
  @JsonTypeName("axis.choose")
  record AxisChoose(String id, String board) implements Change {
    @Override
    public Verdict<Change> checked() {
      return Change.super.checked().then(ok -> required(this, board, "board"));
    }
  }

  /** A bipolar scale of the barometer: its title, its low (vitality) pole and its high (depression) pole. */
  record Indicator(String title, String low, String high) {}

  /** {@code scale}: "steps" (a cursor of 7 steps) or "continuous" (0 to 100); none keeps the barometer's. */
  @JsonTypeName("barometer.set")
  record BarometerSet(String id, String board, List<Indicator> indicators, String scale) implements Change {
    @Override
    public Verdict<Change> checked() {
      return Change.super.checked().then(ok -> required(this, indicators, "indicators")).then(ok -> required(this, board, "board"));
    }
  }

  /** {@code indicator}: its place in the barometer's list, from 0; {@code value}: "1" to "7" (steps) or "0" to "100" (continuous), or "unknown". */
  @JsonTypeName("barometer.answer")
  record BarometerAnswer(String id, String board, Integer indicator, String value) implements Change {
    @Override
    public Verdict<Change> checked() {
      return Change.super.checked().then(ok -> required(this, indicator, "indicator"))
          .then(ok -> required(this, value, "value")).then(ok -> required(this, board, "board"));
    }
  }

  @JsonTypeName("barometer.close")
  record BarometerClose(String id, String board, Boolean closed) implements Change {
    @Override
    public Verdict<Change> checked() {
      return Change.super.checked().then(ok -> required(this, closed, "closed")).then(ok -> required(this, board, "board"));
    }
  }

  /** A commitment of the charter (atelier 4), written under one indicator (a zone of the charter board). */
  @JsonTypeName("commitment.create")
  record CommitmentCreate(String id, String board, String commitmentId, String zone, String text) implements Change {
    @Override
    public Verdict<Change> checked() {
      return Change.super.checked().then(ok -> required(this, board, "board")).then(ok -> required(this, commitmentId, "commitmentId"))
          .then(ok -> required(this, zone, "zone")).then(ok -> required(this, text, "text"));
    }
  }

  /** The animators' moderation: a new text, or another indicator, or both. */
  @JsonTypeName("commitment.edit")
  record CommitmentEdit(String id, String board, String commitmentId, String text, String zone) implements Change {
    @Override
    public Verdict<Change> checked() {
      return Change.super.checked().then(ok -> required(this, board, "board")).then(ok -> required(this, commitmentId, "commitmentId"))
          .then(ok -> text == null && zone == null ? Verdict.refuse(Rejection.invalidField("text", "text or zone is needed.")) : Verdict.allow(this));
    }
  }

  @JsonTypeName("commitment.delete")
  record CommitmentDelete(String id, String board, String commitmentId) implements Change {
    @Override
    public Verdict<Change> checked() {
      return Change.super.checked().then(ok -> required(this, board, "board")).then(ok -> required(this, commitmentId, "commitmentId"));
    }
  }

  /** {@code commitmentId} joins {@code into}, which takes {@code text} and both commitments' signatures (once per person). */
  @JsonTypeName("commitment.merge")
  record CommitmentMerge(String id, String board, String commitmentId, String into, String text) implements Change {
    @Override
    public Verdict<Change> checked() {
      return Change.super.checked().then(ok -> required(this, board, "board")).then(ok -> required(this, commitmentId, "commitmentId"))
          .then(ok -> required(this, into, "into")).then(ok -> required(this, text, "text"));
    }
  }

  /** The whole order of one indicator's commitments, as the animator wants it. */
  @JsonTypeName("commitment.reorder")
  record CommitmentReorder(String id, String board, String zone, List<String> order) implements Change {
    @Override
    public Verdict<Change> checked() {
      return Change.super.checked().then(ok -> required(this, board, "board")).then(ok -> required(this, zone, "zone"))
          .then(ok -> required(this, order, "order"));
    }
  }

  /** "Je m'engage" ({@code signed: true}) or taking it back, by name. */
  @JsonTypeName("commitment.sign")
  record CommitmentSign(String id, String board, String commitmentId, Boolean signed) implements Change {
    @Override
    public Verdict<Change> checked() {
      return Change.super.checked().then(ok -> required(this, board, "board")).then(ok -> required(this, commitmentId, "commitmentId"))
          .then(ok -> required(this, signed, "signed"));
    }
  }

  /** "Figer la charte" ({@code frozen: true}); unfreezing is the lead animator's. */
  @JsonTypeName("charter.freeze")
  record CharterFreeze(String id, String board, Boolean frozen) implements Change {
    @Override
    public Verdict<Change> checked() {
      return Change.super.checked().then(ok -> required(this, board, "board")).then(ok -> required(this, frozen, "frozen"));
    }
  }

  /** Whether the projector shows the recap of the démarche's previous atelier. */
  @JsonTypeName("recap.display")
  record RecapDisplay(String id, Boolean shown) implements Change {
    @Override
    public Verdict<Change> checked() {
      return Change.super.checked().then(ok -> required(this, shown, "shown"));
    }
  }

  /** {@code since} and {@code h}: the revision the client holds and its chain hash there. */
  @JsonTypeName("stream.sync")
  record StreamSync(String stream, Long since, String h) implements Command {}

  /** The notes deleted from a board that an animator may restore. */
  @JsonTypeName("board.trash")
  record BoardTrash(String board) implements Command {}

  @JsonTypeName("workshop.get")
  record WorkshopGet() implements Command {}

  /** A dot placed or taken back names its vote and its note. */
  private static Verdict<Change> dotChecked(Change command, String vote, String board, String noteId) {
    return required(command, vote, "vote").then(ok -> required(command, board, "board"))
        .then(ok -> required(command, noteId, "noteId"));
  }

  private static Verdict<Change> required(Change command, Object value, String field) {
    return value == null || (value instanceof String text && text.isEmpty())
        ? Verdict.refuse(Rejection.invalidField(field, field + " is missing."))
        : Verdict.allow(command);
  }
}
