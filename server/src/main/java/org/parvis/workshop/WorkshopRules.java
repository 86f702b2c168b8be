package org.parvis.workshop;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.parvis.atelier.AtelierTemplate;
import org.parvis.board.BoardTemplate;
import org.parvis.board.NoteText;
import org.parvis.sync.Rejection;
import org.parvis.sync.Verdict;

/** What a workshop plan and a newcomer must look like. Input is the decoded JSON, as plain maps and lists. */
public final class WorkshopRules {

  public static final int MAX_TITLE = 120;
  public static final int MAX_GROUPS = 12;
  public static final int MAX_GROUP_NAME = 60;
  public static final int MAX_PERSON_NAME = 40;
  /** One per sub-group is the method's norm; twice that leaves room for pairs and replacements. */
  public static final int MAX_INVITED_ANIMATORS = 2 * MAX_GROUPS;

  private WorkshopRules() {}

  public static Verdict<WorkshopPlan> plan(Map<String, Object> request) {
    Verdict<String> title = boundedText(request.get("title"), "title", MAX_TITLE);
    if (!title.isAllowed()) {
      return Verdict.refuse(title.rejection());
    }
    Object date = request.get("date");
    if (date != null && !(date instanceof String text && isIsoDate(text))) {
      return Verdict.refuse(Rejection.invalidField("date", "The date is written YYYY-MM-DD."));
    }
    Object atelierName = request.get("atelier") == null ? "libre" : request.get("atelier");
    var atelier = atelierName instanceof String text ? AtelierTemplate.fromWire(text) : Optional.<AtelierTemplate>empty();
    if (atelier.isEmpty()) {
      return Verdict.refuse(Rejection.invalidField("atelier", "Unknown atelier template: " + atelierName + "."));
    }
    Object groupsGiven = atelier.get().usesGroups() ? request.get("groups") : List.of();
    if (!(groupsGiven instanceof List<?> rawGroups) || (rawGroups.isEmpty() && atelier.get().usesGroups())
        || rawGroups.size() > MAX_GROUPS) {
      return Verdict.refuse(Rejection.invalidField("groups", "A workshop has 1 to " + MAX_GROUPS + " sub-groups."));
    }
    List<WorkshopPlan.Group> groups = new ArrayList<>();
    for (Object rawGroup : rawGroups) {
      if (!(rawGroup instanceof Map<?, ?> group)) {
        return Verdict.refuse(Rejection.invalidField("groups", "Each sub-group is an object with a name."));
      }
      Verdict<String> name = boundedText(group.get("name"), "groups.name", MAX_GROUP_NAME);
      if (!name.isAllowed()) {
        return Verdict.refuse(name.rejection());
      }
      Object templateName = group.get("template") == null ? "free" : group.get("template");
      var template = templateName instanceof String text ? BoardTemplate.fromWire(text) : Optional.<BoardTemplate>empty();
      if (template.isEmpty()) {
        return Verdict.refuse(Rejection.invalidField("groups.template", "Unknown board template: " + templateName + "."));
      }
      groups.add(new WorkshopPlan.Group(name.value(), template.get()));
    }
    Verdict<String> leadName = request.get("animatorName") == null
        ? Verdict.allow(Identity.LEAD_ANIMATOR_NAME)
        : boundedText(request.get("animatorName"), "animatorName", MAX_PERSON_NAME);
    if (!leadName.isAllowed()) {
      return Verdict.refuse(leadName.rejection());
    }
    AtelierTemplate.Preparation prepared = atelier.get()
        .prepare(groups.stream().map(group -> new AtelierTemplate.Board(group.name(), group.template())).toList());
    if (prepared.boards().size() > MAX_GROUPS) {
      return Verdict.refuse(Rejection.invalidField("groups", "With this atelier's own boards, a workshop has at most "
          + (MAX_GROUPS - prepared.boards().size() + groups.size()) + " sub-groups."));
    }
    return Verdict.allow(new WorkshopPlan(title.value(), date == null ? "" : (String) date,
        prepared.boards().stream().map(board -> new WorkshopPlan.Group(board.name(), board.template())).toList(),
        leadName.value(), prepared.agenda()));
  }

  public static Verdict<Newcomer> newcomer(Map<String, Object> request) {
    Verdict<String> name = boundedText(request.get("name"), "name", MAX_PERSON_NAME);
    if (!name.isAllowed()) {
      return Verdict.refuse(name.rejection());
    }
    Object categoryName = request.get("category") == null ? Category.UNSAID.wireName() : request.get("category");
    var category = categoryName instanceof String text ? Category.fromWire(text) : Optional.<Category>empty();
    if (category.isEmpty()) {
      return Verdict.refuse(Rejection.invalidField("category", "The category is elu, acteur, habitant, autre or unsaid."));
    }
    if (!(request.get("code") instanceof String code)) {
      return Verdict.refuse(Rejection.invalidField("code", "The workshop code is missing."));
    }
    Object board = request.get("board");
    if (board != null && !(board instanceof String)) {
      return Verdict.refuse(Rejection.invalidField("board", "The board is given by its id."));
    }
    return Verdict.allow(new Newcomer(Secrets.normalizeCode(code), name.value(), category.get(), (String) board));
  }

  /** The lead animator alone invites animators, each with a name and, optionally, the sub-group it animates. */
  public static Verdict<AnimatorInvitation> animatorInvitation(Identity inviter, List<String> boardIds, int invitedSoFar,
      Map<String, Object> request) {
    if (inviter.role() != Role.ANIMATOR || !inviter.lead()) {
      return Verdict.refuse("forbidden", "Only the lead animator invites animators.");
    }
    if (invitedSoFar >= MAX_INVITED_ANIMATORS) {
      return Verdict.refuse("too_many_animators", "A workshop has at most " + MAX_INVITED_ANIMATORS + " invited animators.");
    }
    Verdict<String> name = boundedText(request.get("name"), "name", MAX_PERSON_NAME);
    if (!name.isAllowed()) {
      return Verdict.refuse(name.rejection());
    }
    Object board = request.get("board");
    if (board != null && !(board instanceof String id && boardIds.contains(id))) {
      return Verdict.refuse(Rejection.invalidField("board", "The board is one of this workshop's boards, given by its id."));
    }
    return Verdict.allow(new AnimatorInvitation(name.value(), (String) board));
  }

  /** A group's name as the workshop plan takes it, for a board made while the workshop runs too. */
  public static Verdict<String> groupName(Object raw, String field) {
    return boundedText(raw, field, MAX_GROUP_NAME);
  }

  /** A person's name as joining takes it, for a speaker typed by an animator too. */
  public static Verdict<String> personName(Object raw, String field) {
    return boundedText(raw, field, MAX_PERSON_NAME);
  }

  /** Any animator of the workshop may remove a participant; nobody may remove an animator this way. */
  public static Verdict<String> removal(Identity remover, Object person) {
    if (!remover.role().mayRunWorkshop()) {
      return Verdict.refuse(Rejection.of("forbidden", "Only an animator may remove a participant."));
    }
    if (!(person instanceof String id) || !id.matches("p[a-z2-9]{11}")) {
      return Verdict.refuse(Rejection.invalidField("participant", "participant is the id of a participant of this workshop."));
    }
    return Verdict.allow(id);
  }

  /** Changing the workshop's doors (join code, observer link) or deleting it is the lead animator's. */
  public static Verdict<Identity> leadOnly(Identity identity) {
    return identity.role().mayRunWorkshop() && identity.lead()
        ? Verdict.allow(identity)
        : Verdict.refuse(Rejection.of("forbidden", "Only the animator who created the workshop may do this."));
  }

  private static Verdict<String> boundedText(Object raw, String field, int max) {
    if (!(raw instanceof String text)) {
      return Verdict.refuse(Rejection.invalidField(field, "The " + field + " is missing."));
    }
    String cleaned = NoteText.clean(text).strip().replaceAll("\\s+", " ");
    if (cleaned.isEmpty() || cleaned.codePointCount(0, cleaned.length()) > max) {
      return Verdict.refuse(Rejection.invalidField(field, "The " + field + " takes 1 to " + max + " characters."));
    }
    return Verdict.allow(cleaned);
  }

  private static boolean isIsoDate(String text) {
    try {
      LocalDate.parse(text);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }
}
