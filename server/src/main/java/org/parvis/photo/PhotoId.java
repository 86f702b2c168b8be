package org.parvis.photo;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * A photo's id is also the capability to see it: 128 random bits, so nobody finds one by trying,
 * and it reaches only those who receive the note that shows it.
 */
public final class PhotoId {

  public static final String FORM = "[A-Za-z0-9_-]{22}";
  private static final Pattern PATTERN = Pattern.compile(FORM);
  private static final SecureRandom RANDOM = new SecureRandom();

  private PhotoId() {}

  public static String fresh() {
    byte[] bits = new byte[16];
    RANDOM.nextBytes(bits);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
  }

  public static boolean isValid(String text) {
    return text != null && PATTERN.matcher(text).matches();
  }

  /** Where a browser fetches it: an {@code <img>} sends no bearer token, so the id in the path is the proof. */
  public static String path(String workshopId, String photoId) {
    return "/photos/" + workshopId + "/" + photoId;
  }
}
