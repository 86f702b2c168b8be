package org.parvis.workshop;

/** A person joining with the workshop code, before they have an id. {@code boardId} may be null. */
public record Newcomer(String code, String name, Category category, String boardId) {}
