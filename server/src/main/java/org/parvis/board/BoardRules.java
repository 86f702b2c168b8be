package org.parvis.board;

import java.util.regex.Pattern;
import org.parvis.photo.PhotoId;
import org.parvis.sync.Rejection;
import org.parvis.sync.Verdict;

/** What a note may contain and where it may go, decided before anything touches storage. */
public final class BoardRules {

  public static final double MAX_COORDINATE = 10_000;
  public static final int MAX_NOTES_PER_BOARD = 2_000;
  private static final Pattern NOTE_ID = Pattern.compile("[A-Za-z0-9_-]{1,40}");

  private BoardRules() {}

  public static Verdict<String> noteId(String field, String id) {
    return id != null && NOTE_ID.matcher(id).matches()
        ? Verdict.allow(id)
        : Verdict.refuse(Rejection.invalidField(field, "A note id is 1 to 40 letters, digits, '-' or '_'."));
  }

  /** A board's mode: {@code open}, or {@code private} (notes wait for a reveal). */
  public static Verdict<String> mode(String mode) {
    return BoardSettings.OPEN.equals(mode) || BoardSettings.PRIVATE.equals(mode)
        ? Verdict.allow(mode)
        : Verdict.refuse(Rejection.invalidField("mode", "A board's mode is open or private."));
  }

  /** Two notes to merge: each a note id, and not the same one. */
  public static Verdict<String> mergeable(String noteId, String otherId) {
    return noteId("noteId", noteId).then(kept -> noteId("otherId", otherId)).then(other -> other.equals(noteId)
        ? Verdict.refuse(Rejection.invalidField("otherId", "A note cannot be merged into itself."))
        : Verdict.allow(other));
  }

  /** A new note: every field checked, missing ones given defaults (first zone, yellow, top left). */
  public static Verdict<NoteFields> newNote(NoteFields draft, BoardLayout layout) {
    NoteFields complete = new NoteFields(
        draft.text() == null ? "" : draft.text(),
        draft.color() == null ? NoteColor.DEFAULT.wireName() : draft.color(),
        draft.zone() == null ? layout.zones().get(0).id() : draft.zone(),
        draft.x() == null ? 0.0 : draft.x(),
        draft.y() == null ? 0.0 : draft.y(),
        draft.photo() == null || draft.photo().isEmpty() ? null : draft.photo());
    return checkFields(complete, layout);
  }

  /** A change to an existing note: at least one field, each one checked. */
  public static Verdict<NoteFields> patch(NoteFields patch, BoardLayout layout) {
    if (patch.isEmpty()) {
      return Verdict.refuse(Rejection.invalidField("fields", "Nothing to change: give text, color, zone, x, y or photo."));
    }
    return checkFields(patch, layout);
  }

  private static Verdict<NoteFields> checkFields(NoteFields fields, BoardLayout layout) {
    String text = fields.text() == null ? null : NoteText.clean(fields.text());
    if (text != null && !NoteText.fits(text)) {
      return Verdict.refuse(new Rejection("text_too_long",
          "A note holds at most " + NoteText.MAX_CODE_POINTS + " characters.", "text"));
    }
    if (fields.color() != null && NoteColor.fromWire(fields.color()).isEmpty()) {
      return Verdict.refuse(Rejection.invalidField("color", "Unknown colour: " + fields.color() + "."));
    }
    if (fields.zone() != null && !layout.hasZone(fields.zone())) {
      return Verdict.refuse(Rejection.invalidField("zone", "This board has no zone " + fields.zone() + "."));
    }
    if (!isCoordinate(fields.x())) {
      return Verdict.refuse(Rejection.invalidField("x", "x must be a number from 0 to " + (int) MAX_COORDINATE + "."));
    }
    if (!isCoordinate(fields.y())) {
      return Verdict.refuse(Rejection.invalidField("y", "y must be a number from 0 to " + (int) MAX_COORDINATE + "."));
    }
    if (fields.photo() != null && !fields.photo().isEmpty() && !PhotoId.isValid(fields.photo())) {
      return Verdict.refuse(Rejection.invalidField("photo", "A photo is the id an upload answered with."));
    }
    return Verdict.allow(new NoteFields(text, fields.color(), fields.zone(), fields.x(), fields.y(), fields.photo()));
  }

  public static boolean isCoordinate(Double value) {
    return value == null || (Double.isFinite(value) && value >= 0 && value <= MAX_COORDINATE);
  }
}
