package org.parvis.board;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NoteTextTest {

  @Test
  void theSameWordTypedOnTwoPhonesIsStoredTheSame() {
    assertThat(NoteText.clean("Cafe\u0301")).isEqualTo(NoteText.clean("Caf\u00e9")).isEqualTo("Café");
  }

  @Test
  void controlCharactersAndBidiOverridesAreRemovedButLinesAndTabsKept() {
    assertThat(NoteText.clean("a\u0000b\u0007c\n\td\u202Ee")).isEqualTo("abc\n\tde");
  }

  @Test
  void everyBidirectionalFormattingCharacterIsRemovedLikeTheRightToLeftOverride() {
    int[] formatting = {0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x200E, 0x200F, 0x061C};
    for (int codePoint : formatting) {
      assertThat(NoteText.clean("avant" + Character.toString(codePoint) + "après")).as("U+%04X", codePoint)
          .isEqualTo("avantaprès");
    }
    // An isolate that would show "exe.txt" as a harmless name, and an unclosed embedding at the end.
    assertThat(NoteText.clean("fichier\u2067txt.exe\u2069 ok\u202B")).isEqualTo("fichiertxt.exe ok");
  }

  @Test
  void rightToLeftLettersAndEmojiSequencesAreKept() {
    assertThat(NoteText.clean("مرحبا שלום")).isEqualTo("مرحبا שלום");
    String family = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67";
    assertThat(NoteText.clean(family)).isEqualTo(family);
  }

  @Test
  void markupIsKeptAsTheTextPeopleTyped() {
    assertThat(NoteText.clean("<b>gras</b> & co")).isEqualTo("<b>gras</b> & co");
  }

  @Test
  void aLoneSurrogateIsDropped() {
    assertThat(NoteText.clean("ok\uD800")).isEqualTo("ok");
  }
}
