package org.parvis.workshop;

import java.util.Arrays;
import java.util.Optional;

/**
 * The thirds a workshop balances: elected officials, local actors, inhabitants (and anyone else),
 * and those who prefer not to say ("je préfère ne pas dire", also anyone who gave none).
 */
public enum Category {
  ELU, ACTEUR, HABITANT, AUTRE, UNSAID;

  public String wireName() {
    return name().toLowerCase();
  }

  /**
   * Whether results are split for this category. Those who did not say count in every total but
   * never make a row of their own: they are not a group whose view the room can read, and a row
   * "not said" would invite guessing who is in it.
   */
  public boolean isSplit() {
    return this != UNSAID;
  }

  public static Optional<Category> fromWire(String name) {
    return Arrays.stream(values()).filter(category -> category.wireName().equals(name)).findFirst();
  }
}
