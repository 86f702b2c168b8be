package org.parvis.board;

import java.util.Locale;
import java.util.regex.Pattern;
import org.parvis.protocol.Command;
import org.parvis.sync.Rejection;
import org.parvis.sync.Verdict;
import org.parvis.workshop.Category;
import org.parvis.workshop.Identity;
import org.parvis.workshop.Secrets;
import org.parvis.workshop.WorkshopRules;

/**
 * Whom a new note is attributed to. Without a speaker, its sender. With one (scribe mode), the
 * speaker, and the animator who wrote it as {@code scribe}: only animators write for someone else,
 * and the scribe is always the sender's identity, never what the client says. A roster speaker's
 * name and category are the stored participant's (the apply function reads them: {@code speakerId}).
 */
public record Attribution(String author, String authorName, String authorCategory, String scribe, String scribeName,
    String speakerId) {

  private static final Pattern PARTICIPANT_ID = Pattern.compile("[A-Za-z0-9_-]{1,40}");

  public static Verdict<Attribution> of(Identity sender, Command.Speaker speaker) {
    if (speaker == null) {
      return Verdict.allow(new Attribution(sender.participantId(), sender.displayName(), null, null, null, null));
    }
    if (!sender.role().mayRunWorkshop()) {
      return Verdict.refuse(Rejection.of("forbidden", "Only animators write notes on behalf of a speaker."));
    }
    if ((speaker.id() == null) == (speaker.name() == null)) {
      return Verdict.refuse(Rejection.invalidField("speaker", "A speaker is a participant's id, or a name with a category."));
    }
    if (speaker.id() != null) {
      return PARTICIPANT_ID.matcher(speaker.id()).matches()
          ? Verdict.allow(new Attribution(speaker.id(), null, null, sender.participantId(), sender.displayName(), speaker.id()))
          : Verdict.refuse(Rejection.invalidField("speaker.id", "A participant id is 1 to 40 letters, digits, '-' or '_'."));
    }
    Verdict<String> name = WorkshopRules.personName(speaker.name(), "speaker.name");
    if (!name.isAllowed()) {
      return Verdict.refuse(name.rejection());
    }
    var category = Category.fromWire(speaker.category() == null ? Category.AUTRE.wireName() : speaker.category());
    if (category.isEmpty()) {
      return Verdict.refuse(Rejection.invalidField("speaker.category", "The category is elu, acteur, habitant or autre."));
    }
    return Verdict.allow(new Attribution(guestId(name.value()), name.value(), category.get().wireName(),
        sender.participantId(), sender.displayName(), null));
  }

  /** A speaker without a phone, typed by name: the same name is the same person, on any tablet. */
  static String guestId(String name) {
    return "guest-" + Secrets.sha256(name.toLowerCase(Locale.ROOT)).substring(0, 12);
  }
}
