package org.parvis.workshop;

/** What a token lets its holder do inside its one workshop. */
public enum Role {
  ANIMATOR,
  PARTICIPANT,
  OBSERVER;

  public String wireName() {
    return name().toLowerCase();
  }

  public boolean mayWriteNotes() {
    return this != OBSERVER;
  }

  public boolean mayRunWorkshop() {
    return this == ANIMATOR;
  }
}
