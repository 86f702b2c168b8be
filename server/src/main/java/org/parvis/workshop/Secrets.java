package org.parvis.workshop;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Random identifiers, join codes and tokens; tokens are stored only as their SHA-256. */
public final class Secrets {

  /** No 0/O or 1/I: a code read off a projector must not be ambiguous. */
  public static final String CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  public static final int CODE_LENGTH = 6;
  private static final String ID_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  private Secrets() {}

  public static String token() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  public static String joinCode() {
    return randomString(CODE_ALPHABET, CODE_LENGTH);
  }

  public static String workshopId() {
    return randomString(ID_ALPHABET, 10);
  }

  public static String participantId() {
    return "p" + randomString(ID_ALPHABET, 11);
  }

  public static String animatorId() {
    return "a" + randomString(ID_ALPHABET, 11);
  }

  /** The form a person may type a code in: any case, with spaces or dashes. */
  public static String normalizeCode(String typed) {
    return typed == null ? "" : typed.toUpperCase().replaceAll("[\\s-]", "");
  }

  public static String sha256(String token) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String randomString(String alphabet, int length) {
    StringBuilder built = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      built.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
    }
    return built.toString();
  }
}
