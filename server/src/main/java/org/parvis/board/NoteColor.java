package org.parvis.board;

import java.util.Arrays;
import java.util.Optional;

/** The palette of sticky notes. Clients show each colour with its name, never by hue alone. */
public enum NoteColor {
  YELLOW, PINK, BLUE, GREEN, ORANGE, PURPLE;

  public static final NoteColor DEFAULT = YELLOW;

  public String wireName() {
    return name().toLowerCase();
  }

  public static Optional<NoteColor> fromWire(String name) {
    return Arrays.stream(values()).filter(color -> color.wireName().equals(name)).findFirst();
  }
}
