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
  void markupIsKeptAsTheTextPeopleTyped() {
    assertThat(NoteText.clean("<b>gras</b> & co")).isEqualTo("<b>gras</b> & co");
  }

  @Test
  void aLoneSurrogateIsDropped() {
    assertThat(NoteText.clean("ok\uD800")).isEqualTo("ok");
  }
}
