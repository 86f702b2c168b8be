package org.parvis.workshop;

import java.util.List;
import org.parvis.board.BoardTemplate;

/** A workshop as the lead animator describes it before it exists, with the name the lead animator goes by. */
public record WorkshopPlan(String title, String date, List<Group> groups, String leadAnimatorName) {

  /** A sub-group and the template of its board. */
  public record Group(String name, BoardTemplate template) {}
}
