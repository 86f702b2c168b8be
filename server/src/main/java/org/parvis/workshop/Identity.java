package org.parvis.workshop;

import io.vertx.core.json.JsonObject;
import java.util.Optional;

/**
 * Who a token proves its holder to be. Built by the server only, from the token store, and passed
 * to command handlers in a header the bridge guard sets itself. {@code category} is a participant's;
 * {@code group} is the board of a participant's sub-group, or the one an animator animates;
 * {@code lead} marks the animator who created the workshop.
 */
public record Identity(String workshopId, Role role, String participantId, String displayName,
    Optional<Category> category, Optional<String> group, boolean lead) {

  /** The id of the lead animator, the one whose token came with the workshop. */
  public static final String LEAD_ANIMATOR_ID = "animator";
  /** The id every screen of the observer link shares, before its screen id. */
  public static final String OBSERVER_ID = "observer";
  /** The lead animator's name when it gave none. */
  public static final String LEAD_ANIMATOR_NAME = "Animation";

  public Identity(String workshopId, Role role, String participantId, String displayName) {
    this(workshopId, role, participantId, displayName, Optional.empty(), Optional.empty(), false);
  }

  /** The lead animator. */
  public static Identity animator(String workshopId) {
    return leadAnimator(workshopId, LEAD_ANIMATOR_NAME);
  }

  public static Identity leadAnimator(String workshopId, String name) {
    return new Identity(workshopId, Role.ANIMATOR, LEAD_ANIMATOR_ID, name, Optional.empty(), Optional.empty(), true);
  }

  public static Identity invitedAnimator(String workshopId, Animator animator) {
    return new Identity(workshopId, Role.ANIMATOR, animator.id(), animator.name(), Optional.empty(),
        Optional.ofNullable(animator.boardId()), false);
  }

  public static Identity participant(String workshopId, Participant participant) {
    return new Identity(workshopId, Role.PARTICIPANT, participant.id(), participant.name(),
        Optional.of(participant.category()), Optional.ofNullable(participant.boardId()), false);
  }

  public static Identity observer(String workshopId) {
    return new Identity(workshopId, Role.OBSERVER, OBSERVER_ID, "Observateur");
  }

  /** The observer link is shared by many screens: each one that opens it is its own person (rate limits). */
  public Identity onScreen(String screenId) {
    return role == Role.OBSERVER
        ? new Identity(workshopId, role, OBSERVER_ID + "-" + screenId, displayName, category, group, lead)
        : this;
  }

  public boolean ownsBoard(String boardId) {
    return boardId.startsWith(workshopId + "-");
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject()
        .put("workshop", workshopId)
        .put("role", role.wireName())
        .put("participant", participantId)
        .put("name", displayName);
    category.ifPresent(known -> json.put("category", known.wireName()));
    group.ifPresent(board -> json.put("group", board));
    return lead ? json.put("lead", true) : json;
  }

  /** Tokens stored before identities carried a category, a group and the lead mark read as they meant then. */
  public static Identity fromJson(JsonObject json) {
    Role role = Role.valueOf(json.getString("role").toUpperCase());
    String participantId = json.getString("participant");
    boolean leadByDefault = role == Role.ANIMATOR && LEAD_ANIMATOR_ID.equals(participantId);
    return new Identity(
        json.getString("workshop"),
        role,
        participantId,
        json.getString("name"),
        Optional.ofNullable(json.getString("category")).flatMap(Category::fromWire),
        Optional.ofNullable(json.getString("group")),
        json.getBoolean("lead", leadByDefault));
  }
}
