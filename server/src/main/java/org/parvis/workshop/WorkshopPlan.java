package org.parvis.workshop;

import java.util.List;
import org.parvis.board.BoardTemplate;
import org.parvis.protocol.Command;

/**
 * A workshop as the lead animator describes it before it exists, with the name the lead animator
 * goes by, and the agenda an atelier template prepares (its sequences' boards given as indexes
 * into {@code groups}, made ids at creation; empty for none).
 */
public record WorkshopPlan(String title, String date, List<Group> groups, String leadAnimatorName, List<Command.Sequence> agenda) {

  /** A sub-group and the template of its board. */
  public record Group(String name, BoardTemplate template) {}
}
