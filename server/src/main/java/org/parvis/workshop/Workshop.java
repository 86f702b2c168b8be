package org.parvis.workshop;

import java.util.List;

/** A workshop as stored: its boards are listed by id, in the order of the sub-groups. */
public record Workshop(String id, String title, String date, String code, List<String> boardIds, List<String> plenaryBoards) {}
