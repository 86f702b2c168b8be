package org.parvis.stream;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A stream on the wire ({@code board:<boardId>}, {@code workshop:<workshopId>}) and on the bridge
 * ({@code parvis.board.<boardId>}, {@code parvis.workshop.<workshopId>}). Every key of a stream
 * lives under its workshop's hash tag.
 */
public record StreamId(Kind kind, String id) {

  public static final String BOARD_ADDRESS_PREFIX = "parvis.board.";
  public static final String WORKSHOP_ADDRESS_PREFIX = "parvis.workshop.";
  /** {@code <workshopId>-<n>}; the bridge's permits use the same form. */
  public static final String BOARD_ID_FORM = "[a-z0-9]+-[0-9]+";
  public static final String WORKSHOP_ID_FORM = "[a-z0-9]+";
  private static final Pattern BOARD_ID = Pattern.compile(BOARD_ID_FORM);
  private static final Pattern WORKSHOP_ID = Pattern.compile(WORKSHOP_ID_FORM);

  public enum Kind {
    BOARD("board", BOARD_ADDRESS_PREFIX, BOARD_ID),
    WORKSHOP("workshop", WORKSHOP_ADDRESS_PREFIX, WORKSHOP_ID);

    private final String wireName;
    private final String addressPrefix;
    private final Pattern idForm;

    Kind(String wireName, String addressPrefix, Pattern idForm) {
      this.wireName = wireName;
      this.addressPrefix = addressPrefix;
      this.idForm = idForm;
    }
  }

  public static StreamId board(String boardId) {
    return new StreamId(Kind.BOARD, boardId);
  }

  public static StreamId workshop(String workshopId) {
    return new StreamId(Kind.WORKSHOP, workshopId);
  }

  /** {@code board:<id>} or {@code workshop:<id>} with a well-formed id, else empty. */
  public static Optional<StreamId> fromWire(String text) {
    for (Kind kind : Kind.values()) {
      if (text.startsWith(kind.wireName) && text.length() > kind.wireName.length() && text.charAt(kind.wireName.length()) == ':') {
        return of(kind, text.substring(kind.wireName.length() + 1));
      }
    }
    return Optional.empty();
  }

  /** The stream a bridge address carries, if it is one. */
  public static Optional<StreamId> fromAddress(String address) {
    for (Kind kind : Kind.values()) {
      if (address.startsWith(kind.addressPrefix)) {
        return of(kind, address.substring(kind.addressPrefix.length()));
      }
    }
    return Optional.empty();
  }

  public static boolean isBoardId(String text) {
    return BOARD_ID.matcher(text).matches();
  }

  private static Optional<StreamId> of(Kind kind, String id) {
    return kind.idForm.matcher(id).matches() ? Optional.of(new StreamId(kind, id)) : Optional.empty();
  }

  public String workshopId() {
    return kind == Kind.BOARD ? id.substring(0, id.lastIndexOf('-')) : id;
  }

  public String wire() {
    return kind.wireName + ":" + id;
  }

  public String address() {
    return kind.addressPrefix + id;
  }

  @Override
  public String toString() {
    return wire();
  }
}
