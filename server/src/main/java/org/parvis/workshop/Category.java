package org.parvis.workshop;

import java.util.Arrays;
import java.util.Optional;

/** The thirds a workshop balances: elected officials, local actors, inhabitants (and anyone else). */
public enum Category {
  ELU, ACTEUR, HABITANT, AUTRE;

  public String wireName() {
    return name().toLowerCase();
  }

  public static Optional<Category> fromWire(String name) {
    return Arrays.stream(values()).filter(category -> category.wireName().equals(name)).findFirst();
  }
}
