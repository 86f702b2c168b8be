package org.parvis.charter;

import java.util.HashSet;
import java.util.List;
import java.util.regex.Pattern;
import org.parvis.board.BoardLayout;
import org.parvis.board.NoteText;
import org.parvis.sync.Rejection;
import org.parvis.sync.Verdict;
import org.parvis.workshop.Identity;

/**
 * The charter's plain rules (atelier 4): who writes, moderates, signs and freezes it, what a
 * commitment may say. The rules that need stored state (frozen, the commitment exists, signed once)
 * are in charter.lua, atomic with the change.
 */
public final class CharterRules {

  /** A commitment is a short sentence, read aloud and printed: at most 200 characters. */
  public static final int MAX_TEXT = 200;
  /** A charter board holds at most this many commitments (a page or two once printed). */
  public static final int MAX_COMMITMENTS = 60;

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private CharterRules() {}

  /** Participants (habitants, local actors, élus…) and animators write commitments; observers read. */
  public static Verdict<String> mayWrite(Identity who, BoardLayout layout) {
    if (!who.role().mayWriteNotes()) {
      return Verdict.refuse(Rejection.of("forbidden", "Observers read the charter; participants write it."));
    }
    return onCharter(layout);
  }

  /** Edit, merge, delete, reorder: the animators' moderation. */
  public static Verdict<String> mayModerate(Identity who, BoardLayout layout) {
    if (!who.role().mayRunWorkshop()) {
      return Verdict.refuse(Rejection.of("forbidden", "Only animators edit, merge, delete and reorder commitments."));
    }
    return onCharter(layout);
  }

  /** A commitment is signed by name by the people of the territory: participants, not the animators who run the evening. */
  public static Verdict<String> maySign(Identity who, BoardLayout layout) {
    if (who.role().mayRunWorkshop() || !who.role().mayWriteNotes()) {
      return Verdict.refuse(Rejection.of("forbidden", "Only participants sign commitments."));
    }
    return onCharter(layout);
  }

  /**
   * Any animator freezes the charter; only the lead animator unfreezes it (a freeze pressed too
   * early, before a late actor signed, would otherwise be final; the lead answers for the text).
   */
  public static Verdict<String> mayFreeze(Identity who, BoardLayout layout, boolean frozen) {
    if (!who.role().mayRunWorkshop()) {
      return Verdict.refuse(Rejection.of("forbidden", "Only animators freeze the charter."));
    }
    if (!frozen && !who.lead()) {
      return Verdict.refuse(Rejection.of("forbidden", "Only the lead animator unfreezes the charter."));
    }
    return onCharter(layout);
  }

  private static Verdict<String> onCharter(BoardLayout layout) {
    return layout.template().isCharter()
        ? Verdict.allow(layout.boardId())
        : Verdict.refuse(Rejection.of("not_a_charter", "This board is not a charter."));
  }

  /** The text cleaned as a note's is, spaces folded; 1 to 200 characters. */
  public static Verdict<String> text(String raw) {
    String cleaned = raw == null ? "" : NoteText.clean(raw).strip().replaceAll("\\s+", " ");
    if (cleaned.isEmpty()) {
      return Verdict.refuse(Rejection.invalidField("text", "A commitment needs a text."));
    }
    if (cleaned.codePointCount(0, cleaned.length()) > MAX_TEXT) {
      return Verdict.refuse(new Rejection("text_too_long", "A commitment takes at most " + MAX_TEXT + " characters.", "text"));
    }
    return Verdict.allow(cleaned);
  }

  /** One of the board's indicators (its zones). */
  public static Verdict<String> zone(BoardLayout layout, String zone) {
    return zone != null && layout.hasZone(zone)
        ? Verdict.allow(zone)
        : Verdict.refuse(Rejection.invalidField("zone", "zone is one of the charter's indicators (z1 to z" + layout.zones().size() + ")."));
  }

  /** A client-made id, as note ids are. */
  public static Verdict<String> id(String id, String field) {
    return id != null && ID.matcher(id).matches()
        ? Verdict.allow(id)
        : Verdict.refuse(Rejection.invalidField(field, field + " is 1 to 64 letters, digits, '-' or '_'."));
  }

  /** An order names each commitment once; whether they are exactly the indicator's is the apply function's to say. */
  public static Verdict<List<String>> order(List<String> order) {
    if (order.size() > MAX_COMMITMENTS || new HashSet<>(order).size() != order.size()) {
      return Verdict.refuse(Rejection.invalidField("order", "order names each commitment of the indicator once."));
    }
    for (String id : order) {
      if (!id(id, "order").isAllowed()) {
        return Verdict.refuse(Rejection.invalidField("order", "order holds commitment ids."));
      }
    }
    return Verdict.allow(List.copyOf(order));
  }

  /** Merging a commitment into itself would delete it. */
  public static Verdict<String> mergeTarget(String commitmentId, String into) {
    return commitmentId.equals(into)
        ? Verdict.refuse(Rejection.invalidField("into", "A commitment is merged into another one."))
        : id(into, "into");
  }
}
