package org.parvis.agenda;

import java.util.List;
import java.util.Set;
import org.parvis.protocol.Command;
import org.parvis.sync.Rejection;
import org.parvis.sync.Verdict;
import org.parvis.workshop.Identity;

/**
 * The timers: one for the workshop (the lead animator's), and optionally one per group (its
 * animator's, or the lead's). What an action does to the stored timer is decided in Redis, with
 * Redis's time; here only who may, and whether the figures are sensible.
 */
public final class TimerRules {

  public static final Set<String> ACTIONS = Set.of("start", "pause", "resume", "add", "stop");
  public static final long MAX_DURATION_MS = 4 * 3_600_000L;
  public static final long MAX_DELTA_MS = 3_600_000L;

  private TimerRules() {}

  /** A checked timer command: {@code group} null for the workshop's timer. */
  public record TimerChange(String action, String group, long durationMs, long deltaMs, boolean freezeAtZero) {}

  public static Verdict<TimerChange> change(Identity who, List<String> workshopBoards, Command.TimerSet command) {
    if (!who.role().mayRunWorkshop()) {
      return Verdict.refuse(Rejection.of("forbidden", "Only animators run the timer."));
    }
    String group = command.group();
    if (group != null && !workshopBoards.contains(group)) {
      return Verdict.refuse(Rejection.invalidField("group", "This workshop has no board " + group + "."));
    }
    boolean mayRun = who.lead() || (group != null && who.group().map(group::equals).orElse(false));
    if (!mayRun) {
      return Verdict.refuse(Rejection.of("forbidden", group == null
          ? "Only the lead animator runs the workshop's timer."
          : "Only the animator of this group, or the lead animator, runs its timer."));
    }
    if (!ACTIONS.contains(command.action())) {
      return Verdict.refuse(Rejection.invalidField("action", "action is start, pause, resume, add or stop."));
    }
    long duration = command.durationMs() == null ? 0 : command.durationMs();
    if ("start".equals(command.action()) && (duration < 1_000 || duration > MAX_DURATION_MS)) {
      return Verdict.refuse(Rejection.invalidField("durationMs", "A timer runs 1 second to 4 hours."));
    }
    long delta = command.deltaMs() == null ? 0 : command.deltaMs();
    if ("add".equals(command.action()) && (delta == 0 || Math.abs(delta) > MAX_DELTA_MS)) {
      return Verdict.refuse(Rejection.invalidField("deltaMs", "deltaMs adds or takes up to an hour, not nothing."));
    }
    return Verdict.allow(new TimerChange(command.action(), group, duration, delta, Boolean.TRUE.equals(command.freezeAtZero())));
  }
}
