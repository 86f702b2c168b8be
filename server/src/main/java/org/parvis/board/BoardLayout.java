package org.parvis.board;

import java.util.List;

/** The parts of a board that never change after it is created: where it belongs and its zones. */
public record BoardLayout(String boardId, String workshopId, String name, BoardTemplate template, List<Zone> zones) {

  public boolean hasZone(String zoneId) {
    return zones.stream().anyMatch(zone -> zone.id().equals(zoneId));
  }
}
