package org.parvis.bench;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** One board of a workshop, as the driver knows it: id, zones, and the highest revision a sender saw acknowledged. */
final class BoardInfo {

  final String id;
  final String address;
  final List<String> zones;
  final AtomicLong maxAckedRev = new AtomicLong();
  /** The highest acknowledged revision at the end of each step (index = step), -1 before the board existed. */
  final long[] endRev;

  BoardInfo(String id, List<String> zones, int steps) {
    this.id = id;
    this.address = "parvis.board." + id;
    this.zones = List.copyOf(zones);
    this.endRev = new long[steps];
    java.util.Arrays.fill(endRev, -1);
  }

  long endRevBefore(int step) {
    return step == 0 ? 0 : Math.max(0, endRev[step - 1]);
  }
}
