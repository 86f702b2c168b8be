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
   * and {@code moderatedBy} (the animator who hid or changed it).
   */
  record Note(String id, String text, String color, String zone, Double x, Double y, String author,
      String authorName, Long createdAt, Long updatedAt, Long order, Boolean unrevealed, Boolean anonymous,
      String hiddenBy, String moderatedBy) {

    public Note(String id, String text, String color, String zone, Double x, Double y, String author, String authorName) {
      this(id, text, color, zone, x, y, author, authorName, null, null, null, null, null, null, null);
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

  @JsonTypeName("board.locked")
  record BoardLocked(String board, boolean locked) implements Event {}

  record Plenary(List<String> boards) {}

  @JsonTypeName("board.configured")
  record BoardConfigured(String board, String mode, boolean anyoneEdits) implements Event {}

  @JsonTypeName("plenary.changed")
  record PlenaryChanged(Plenary plenary) implements Event {}

  /** The participant as {@link org.parvis.workshop.Participant#toJson()} writes it. */
  @JsonTypeName("participant.joined")
  record ParticipantJoined(Map<String, Object> participant) implements Event {}

  /**
   * What a follower outside an event's audience gets instead, so its revisions stay gap-free; about
   * notes, at most how many of the board's notes are private, or that a note it had was withdrawn.
   */
  @JsonTypeName("hidden")
  record Hidden(Integer privateCount, String withdrawn) implements Event {}

  /** The node lost its feed of this stream for a while: sync now. */
  @JsonTypeName("stream.resync")
  record StreamResync(String stream) implements Event {}

  /** The stream's head, sent now and then, so a client that never writes learns it is behind. */
  @JsonTypeName("stream.head")
  record StreamHead(String stream, long rev, String h) implements Event {}
}
