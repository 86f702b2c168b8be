package org.parvis.sync;

/** Why a command was refused: a short machine-readable code, an English sentence, the field at fault if any. */
public record Rejection(String code, String message, String field) {

  public static Rejection of(String code, String message) {
    return new Rejection(code, message, null);
  }

  public static Rejection invalidField(String field, String message) {
    return new Rejection("invalid_field", message, field);
  }
}
