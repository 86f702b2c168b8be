package org.parvis.barometer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.parvis.board.BoardLayout;
import org.parvis.board.NoteText;
import org.parvis.protocol.Command.Indicator;
import org.parvis.sync.Rejection;
import org.parvis.sync.Verdict;
import org.parvis.workshop.Identity;

/**
 * The barometer's plain rules: who may set, answer and close it, what a scale may say, what an
 * answer may be. The rules that need stored state (closed, the indicator exists, nobody answered an
 * indicator being removed) are in barometer.lua, atomic with the change.
 */
public final class BarometerRules {

  public static final int MIN_INDICATORS = 2;
  public static final int MAX_INDICATORS = 8;
  public static final int MAX_TITLE = 60;
  public static final int MAX_POLE = 40;
  /** A cursor of 7 steps: "1" is the vitality pole (low), "7" the depression pole (high). */
  public static final int STEPS = 7;
  /** A continuous cursor: "0" is the vitality pole, "100" the depression pole, counted at each of its 101 places. */
  public static final int CONTINUOUS_PLACES = 101;
  public static final String SCALE_STEPS = "steps";
  public static final String SCALE_CONTINUOUS = "continuous";
  /** How many places each kind of scale counts, for the apply functions. */
  public static final Map<String, Integer> PLACES = Map.of(SCALE_STEPS, STEPS, SCALE_CONTINUOUS, CONTINUOUS_PLACES);
  public static final String UNKNOWN = "unknown";
  /** The split by category after closing shows a category on an indicator only from this many answers. */
  public static final int MIN_CATEGORY_ANSWERS = 3;

  /** "unknown", or a whole number from 0 to 100 written plainly; whether it is on the barometer's scale is barometer.lua's to say. */
  private static final Pattern VALUE = Pattern.compile(UNKNOWN + "|0|[1-9][0-9]?|100");

  private BarometerRules() {}

  public static Verdict<String> mayRun(Identity who, BoardLayout layout) {
    if (!who.role().mayRunWorkshop()) {
      return Verdict.refuse(Rejection.of("forbidden", "Only animators set, close and reopen the barometer."));
    }
    return onBarometer(layout);
  }

  /** Participants place the territory; animators run the barometer, observers follow it. */
  public static Verdict<String> mayAnswer(Identity who, BoardLayout layout) {
    if (who.role().mayRunWorkshop() || !who.role().mayWriteNotes()) {
      return Verdict.refuse(Rejection.of("forbidden", "Only participants answer the barometer."));
    }
    return onBarometer(layout);
  }

  private static Verdict<String> onBarometer(BoardLayout layout) {
    return layout.template().isBarometer()
        ? Verdict.allow(layout.boardId())
        : Verdict.refuse(Rejection.of("not_a_barometer", "This board has no barometer."));
  }

  /** 2 to 8 scales, each with a title of 1 to 60 characters and poles of 1 to 40, cleaned as names are. */
  public static Verdict<List<Indicator>> indicators(List<Indicator> proposed) {
    if (proposed.size() < MIN_INDICATORS || proposed.size() > MAX_INDICATORS) {
      return Verdict.refuse(Rejection.invalidField("indicators",
          "A barometer has " + MIN_INDICATORS + " to " + MAX_INDICATORS + " indicators."));
    }
    List<Indicator> cleaned = new ArrayList<>();
    for (int index = 0; index < proposed.size(); index++) {
      Indicator indicator = proposed.get(index);
      String at = "indicators." + index + ".";
      if (indicator == null) {
        return Verdict.refuse(Rejection.invalidField("indicators." + index, "An indicator is missing."));
      }
      Verdict<String> title = bounded(indicator.title(), at + "title", MAX_TITLE);
      Verdict<String> low = bounded(indicator.low(), at + "low", MAX_POLE);
      Verdict<String> high = bounded(indicator.high(), at + "high", MAX_POLE);
      for (Verdict<String> part : List.of(title, low, high)) {
        if (!part.isAllowed()) {
          return Verdict.refuse(part.rejection());
        }
      }
      cleaned.add(new Indicator(title.value(), low.value(), high.value()));
    }
    return Verdict.allow(cleaned);
  }

  /** An indicator's place, from 0; whether the barometer has that many is the apply function's to say. */
  public static Verdict<Integer> indicator(int index) {
    return index >= 0 && index < MAX_INDICATORS
        ? Verdict.allow(index)
        : Verdict.refuse(Rejection.invalidField("indicator", "indicator is a place from 0 to " + (MAX_INDICATORS - 1) + "."));
  }

  /** "1" to "7" on steps, "0" to "100" on a continuous scale, or "unknown" ("je ne sais pas"), which is counted apart. */
  public static Verdict<String> value(String value) {
    return value != null && VALUE.matcher(value).matches()
        ? Verdict.allow(value)
        : Verdict.refuse(Rejection.invalidField("value", "value is \"1\" to \"" + STEPS + "\" (continuous: \"0\" to \"100\"), or \""
            + UNKNOWN + "\"."));
  }

  /** "steps" or "continuous"; none (null) keeps the barometer's. */
  public static Verdict<String> scale(String scale) {
    return scale == null || PLACES.containsKey(scale)
        ? Verdict.allow(scale)
        : Verdict.refuse(Rejection.invalidField("scale", "scale is \"" + SCALE_STEPS + "\" or \"" + SCALE_CONTINUOUS + "\"."));
  }

  private static Verdict<String> bounded(String raw, String field, int max) {
    String cleaned = raw == null ? "" : NoteText.clean(raw).strip().replaceAll("\\s+", " ");
    if (cleaned.isEmpty() || cleaned.codePointCount(0, cleaned.length()) > max) {
      return Verdict.refuse(Rejection.invalidField(field, field + " takes 1 to " + max + " characters."));
    }
    return Verdict.allow(cleaned);
  }
}
