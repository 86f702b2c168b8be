package org.parvis.workshop;

/** What the lead animator asks for when inviting an animator. {@code boardId} may be null: no sub-group of its own. */
public record AnimatorInvitation(String name, String boardId) {}
