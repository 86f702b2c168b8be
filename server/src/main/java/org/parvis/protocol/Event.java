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

  /** A note as stored; {@code createdAt}, {@code updatedAt} and {@code order} are set by the apply script. */
  record Note(String id, String text, String color, String zone, Double x, Double y, String author,
      String authorName, Long createdAt, Long updatedAt, Long order) {}

  @JsonTypeName("note.created")
  record NoteCreated(Note note) implements Event {}

  @JsonTypeName("note.updated")
  record NoteUpdated(String noteId, NoteFields fields) implements Event {}

  @JsonTypeName("note.deleted")
  record NoteDeleted(String noteId) implements Event {}

  @JsonTypeName("board.locked")
  record BoardLocked(String board, boolean locked) implements Event {}

  record Plenary(List<String> boards) {}

  @JsonTypeName("plenary.changed")
  record PlenaryChanged(Plenary plenary) implements Event {}

  /** The participant as {@link org.parvis.workshop.Participant#toJson()} writes it. */
  @JsonTypeName("participant.joined")
  record ParticipantJoined(Map<String, Object> participant) implements Event {}

  @JsonTypeName("barometer.changed")
  record BarometerChanged(List<Command.Indicator> indicators) implements Event {}

  /** How many placed the territory on each of the 7 steps of one scale, and how many said they do not know. */
  record Tally(List<Integer> steps, Integer unknown) {}

  /** To its author only; the others get its shadow: the indicator and its new tally, without the person. The tally is the apply script's. */
  @JsonTypeName("barometer.answered")
  record BarometerAnswered(Integer indicator, String value, Tally tally) implements Event {}

  /** One category's answers on one indicator, once the barometer is closed; the apply script adds only categories with enough answers. */
  record SplitRow(Integer indicator, String category, List<Integer> steps, Integer unknown) {}

  @JsonTypeName("barometer.closed")
  record BarometerClosed(boolean closed, List<SplitRow> split) implements Event {}

  /** What a follower outside an event's audience gets instead, so its revisions stay gap-free. */
  @JsonTypeName("hidden")
  record Hidden() implements Event {}

  /** The node lost its feed of this stream for a while: sync now. */
  @JsonTypeName("stream.resync")
  record StreamResync(String stream) implements Event {}

  /** The stream's head, sent now and then, so a client that never writes learns it is behind. */
  @JsonTypeName("stream.head")
  record StreamHead(String stream, long rev, String h) implements Event {}
}
