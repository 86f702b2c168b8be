package org.parvis.board;

import java.text.Normalizer;

/**
 * Cleans the text of a note, a name or a title: NFC so that the same word typed on two phones
 * compares equal, control characters removed (except newline and tab) so a note cannot hide content
 * or break exports, and every bidirectional formatting character removed (embeddings, overrides,
 * isolates, marks), so no text can reorder what is shown around it. Letters of right-to-left
 * scripts keep their own direction; zero-width joiners (emoji sequences) are kept.
 * The text is stored and sent as plain text; clients never interpret it as markup.
 */
public final class NoteText {

  public static final int MAX_CODE_POINTS = 500;

  private NoteText() {}

  public static String clean(String raw) {
    String normalized = Normalizer.normalize(raw, Normalizer.Form.NFC);
    StringBuilder cleaned = new StringBuilder(normalized.length());
    normalized.codePoints()
        .filter(NoteText::isKept)
        .forEach(cleaned::appendCodePoint);
    return cleaned.toString();
  }

  public static boolean fits(String cleaned) {
    return cleaned.codePointCount(0, cleaned.length()) <= MAX_CODE_POINTS;
  }

  private static boolean isKept(int codePoint) {
    if (codePoint == '\n' || codePoint == '\t') {
      return true;
    }
    int type = Character.getType(codePoint);
    return type != Character.CONTROL && type != Character.SURROGATE && !isBidiFormatting(codePoint);
  }

  /** U+202A–202E embeddings and overrides, U+2066–2069 isolates, U+200E/200F and U+061C marks. */
  static boolean isBidiFormatting(int codePoint) {
    return (codePoint >= 0x202A && codePoint <= 0x202E)
        || (codePoint >= 0x2066 && codePoint <= 0x2069)
        || codePoint == 0x200E || codePoint == 0x200F
        || codePoint == 0x061C;
  }
}
