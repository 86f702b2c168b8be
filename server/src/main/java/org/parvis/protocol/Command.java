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
    @JsonSubTypes.Type(Command.PlenaryShow.class),
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
  record NoteCreate(String id, String board, NewNote note) implements Change {
    @Override
    public Verdict<Change> checked() {
      return Change.super.checked().then(ok -> required(this, note, "note")).then(ok -> required(this, board, "board"));
    }
  }

  /** The note as a client proposes it; missing fields get defaults from the rules. */
  record NewNote(String id, String text, String color, String zone, Double x, Double y) {

    public NoteFields fields() {
      return new NoteFields(text, color, zone, x, y);
    }
  }

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

  @JsonTypeName("plenary.show")
  record PlenaryShow(String id, List<String> boards) implements Change {
    @Override
    public Verdict<Change> checked() {
      return Change.super.checked().then(ok -> required(this, boards, "boards"));
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

  private static Verdict<Change> required(Change command, Object value, String field) {
    return value == null || (value instanceof String text && text.isEmpty())
        ? Verdict.refuse(Rejection.invalidField(field, field + " is missing."))
        : Verdict.allow(command);
  }
}
