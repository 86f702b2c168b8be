package org.parvis.workshop;

import java.util.List;

/**
 * What decides whether a participant may open a board: the group menu closed or not, the boards the
 * plenary shows, and the participant's group as stored now (after any move), null if unknown.
 */
public record GroupStanding(boolean groupsLocked, List<String> plenaryBoards, String ownBoard) {}
