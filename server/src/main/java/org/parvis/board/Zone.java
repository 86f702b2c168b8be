package org.parvis.board;

/** A titled column of a board. */
public record Zone(String id, String title) {}
