package org.parvis.demarche;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.text.Normalizer;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.parvis.board.BoardTemplate;
import org.parvis.board.NoteText;
import org.parvis.board.Zone;
import org.parvis.sync.Rejection;
import org.parvis.sync.Verdict;
import org.parvis.workshop.Category;

/**
 * What a démarche carries from one atelier to the next and shows in its recap and its exhibition,
 * as plain rules: which notes may leave their board (never a note still private or hidden by an
 * animator), what of a vote (closed ones only, without voters' names), what of a barometer (the
 * tallies, never an answer), and who counts as someone already met.
 */
public final class DemarcheRules {

  /** The method's four ateliers. */
  public static final int MAX_ATELIERS = 4;
  public static final int MAX_NAME = 80;
  /** How many of a closed vote's best-ranked actions count as kept (ties at the edge included). */
  public static final int KEPT_ACTIONS = 5;

  private DemarcheRules() {}

  /**
   * The method's next atelier when the previous one was made from the method's template of its step,
   * recognised by its boards (a barometer for atelier 1, trends boards for atelier 2, the actions
   * board for atelier 3): the plan fields of atelier {@code nextStep}'s template, with the previous
   * sub-groups where that template has sub-groups. Empty for an atelier of another shape, which the
   * next one copies board for board.
   */
  public static Optional<Map<String, Object>> methodNext(int nextStep, List<Map.Entry<String, String>> previousBoards) {
    String mark = switch (nextStep) {
      case 2 -> BoardTemplate.BAROMETRE.wireName();
      case 3 -> BoardTemplate.TENDANCES.wireName();
      case 4 -> BoardTemplate.ACTIONS.wireName();
      default -> null;
    };
    if (mark == null || previousBoards.stream().noneMatch(board -> board.getValue().equals(mark))) {
      return Optional.empty();
    }
    Map<String, Object> fields = new HashMap<>();
    fields.put("atelier", "atelier" + nextStep);
    if (nextStep == 2) {
      List<Map<String, Object>> groups = previousBoards.stream()
          .filter(board -> !board.getValue().equals(mark))
          .<Map<String, Object>>map(board -> Map.of("name", board.getKey(), "template", BoardTemplate.TENDANCES.wireName()))
          .toList();
      if (groups.isEmpty()) {
        return Optional.empty();
      }
      fields.put("groups", groups);
    }
    return Optional.of(fields);
  }

  public static Verdict<String> name(Object raw) {
    if (!(raw instanceof String text)) {
      return Verdict.refuse(Rejection.invalidField("demarche", "The démarche's name is missing."));
    }
    String cleaned = NoteText.clean(text).strip().replaceAll("\\s+", " ");
    return cleaned.isEmpty() || cleaned.codePointCount(0, cleaned.length()) > MAX_NAME
        ? Verdict.refuse(Rejection.invalidField("demarche", "The démarche's name takes 1 to " + MAX_NAME + " characters."))
        : Verdict.allow(cleaned);
  }

  /** Atelier {@code step} may be followed by another: the method stops at atelier 4. */
  public static Verdict<Integer> nextStep(int step, boolean nextExists) {
    if (nextExists) {
      return Verdict.refuse(Rejection.of("next_exists", "The next atelier of this one is already prepared."));
    }
    return step >= MAX_ATELIERS
        ? Verdict.refuse(Rejection.of("demarche_complete", "Atelier " + MAX_ATELIERS + " is the démarche's last."))
        : Verdict.allow(step + 1);
  }

  /** Lower case, no accents, single spaces: "  Hélène  DUPONT" and "helene dupont" are one text. */
  public static String folded(String text) {
    String decomposed = Normalizer.normalize(text == null ? "" : text, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
    return decomposed.toLowerCase(Locale.ROOT).strip().replaceAll("\\s+", " ");
  }

  /** Who a person is across ateliers: their name and category, folded. */
  public static String personKey(String name, Category category) {
    return folded(name) + "|" + category.wireName();
  }

  public static boolean isNewcomer(String name, Category category, Set<String> known) {
    return !known.contains(personKey(name, category));
  }

  /** A zone whose notes are the intentions of action that atelier 3 votes on. */
  public static boolean isIntentionsZone(String title) {
    return folded(title).startsWith("intention");
  }

  /** Where carried actions land on a new board: its first zone about actions, else its first zone. */
  public static Optional<Zone> actionsZone(List<Zone> zones) {
    return zones.stream().filter(zone -> folded(zone.title()).contains("action")).findFirst()
        .or(() -> zones.stream().findFirst());
  }

  /**
   * A stored note as it may leave its board: none when still private (unrevealed) or hidden by an
   * animator, else only its text, colour, zone and place (no author, no id of a person).
   */
  public static Optional<JsonObject> shareable(JsonObject note, Collection<String> privateIds, Collection<String> hiddenIds) {
    String id = note.getString("id");
    if (privateIds.contains(id) || hiddenIds.contains(id) || note.getBoolean("unrevealed", false)
        || note.getString("hiddenBy") != null) {
      return Optional.empty();
    }
    return Optional.of(new JsonObject().put("text", note.getString("text", ""))
        .put("color", note.getString("color", "yellow")).put("zone", note.getString("zone", ""))
        .put("x", note.getDouble("x", 0.0)).put("y", note.getDouble("y", 0.0)));
  }

  /**
   * A vote's stored result as the recap shows it: only once closed, without voters' names, and
   * without the items whose note is now private or hidden ({@code withheld}: {@code <board>/<noteId>}).
   */
  public static Optional<JsonObject> publicResult(String status, String title, String result, Set<String> withheld) {
    if (!"closed".equals(status) || result == null) {
      return Optional.empty();
    }
    JsonObject stored = new JsonObject(result);
    JsonArray categories = new JsonArray();
    stored.getJsonArray("categories", new JsonArray()).forEach(category -> {
      JsonObject row = (JsonObject) category;
      categories.add(new JsonObject().put("category", row.getString("category")).put("voters", row.getInteger("voters"))
          .put("ranking", shown(row.getJsonArray("ranking"), withheld)));
    });
    JsonArray ranking = shown(stored.getJsonArray("ranking"), withheld);
    return Optional.of(new JsonObject().put("title", title).put("voters", stored.getInteger("voters", 0))
        .put("dots", stored.getInteger("dots", 0)).put("ranking", ranking).put("categories", categories)
        .put("kept", kept(ranking)));
  }

  private static JsonArray shown(JsonArray ranking, Set<String> withheld) {
    JsonArray items = new JsonArray();
    (ranking == null ? new JsonArray() : ranking).forEach(item -> {
      JsonObject ranked = (JsonObject) item;
      if (withheld.contains(ranked.getString("board") + "/" + ranked.getString("noteId"))) {
        return;
      }
      items.add(new JsonObject().put("text", ranked.getString("text")).put("dots", ranked.getInteger("dots"))
          .put("rank", ranked.getInteger("rank")).put("tied", ranked.getBoolean("tied", false)));
    });
    return items;
  }

  /** The kept actions: ranked within the first {@value #KEPT_ACTIONS} (a tie at the edge keeps all) with at least one dot. */
  public static JsonArray kept(JsonArray ranking) {
    JsonArray kept = new JsonArray();
    ranking.forEach(item -> {
      JsonObject ranked = (JsonObject) item;
      if (ranked.getInteger("dots") > 0 && ranked.getInteger("rank") <= KEPT_ACTIONS) {
        kept.add(ranked.getString("text"));
      }
    });
    return kept;
  }

  /**
   * A barometer's stored hash as the recap shows it: the scales and their tallies (how many chose
   * each step, and "je ne sais pas"), and after closing the split by category the apply script kept
   * (only categories with enough answers). Individual answers are in other keys and never read.
   */
  public static JsonObject barometer(String name, String indicators, String tallies, String closed, String split) {
    boolean isClosed = "1".equals(closed);
    JsonObject barometer = new JsonObject().put("name", name)
        .put("indicators", new JsonArray(indicators == null ? "[]" : indicators))
        .put("tallies", new JsonArray(tallies == null ? "[]" : tallies))
        .put("closed", isClosed);
    return isClosed && split != null ? barometer.put("split", new JsonArray(split)) : barometer;
  }
}
