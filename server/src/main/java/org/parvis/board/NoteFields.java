package org.parvis.board;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The fields of a note a client may set. In a patch, a null field is left unchanged; in a new
 * note, the rules fill defaults. {@code photo} is the id of an uploaded photo (in a patch, {@code ""}
 * takes the photo off).
 */
public record NoteFields(String text, String color, String zone, Double x, Double y, String photo) {

  public NoteFields(String text, String color, String zone, Double x, Double y) {
    this(text, color, zone, x, y, null);
  }

  @JsonIgnore
  public boolean isEmpty() {
    return text == null && color == null && zone == null && x == null && y == null && photo == null;
  }

  /** The set fields, in wire names, as stored and sent in events. */
  public Map<String, Object> asMap() {
    Map<String, Object> fields = new LinkedHashMap<>();
    if (text != null) fields.put("text", text);
    if (color != null) fields.put("color", color);
    if (zone != null) fields.put("zone", zone);
    if (x != null) fields.put("x", x);
    if (y != null) fields.put("y", y);
    if (photo != null) fields.put("photo", photo);
    return fields;
  }
}
