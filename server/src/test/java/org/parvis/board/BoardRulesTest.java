package org.parvis.board;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.parvis.sync.Verdict;

class BoardRulesTest {

  private final BoardLayout pepites = new BoardLayout("w-1", "w", "Groupe A", BoardTemplate.PEPITES, BoardTemplate.PEPITES.zones());

  @Test
  void aNewNoteWithOnlyTextLandsYellowInTheFirstZone() {
    Verdict<NoteFields> note = BoardRules.newNote(new NoteFields("Un marché de producteurs", null, null, null, null), pepites);

    assertThat(note.value()).isEqualTo(new NoteFields("Un marché de producteurs", "yellow", "z1", 0.0, 0.0));
  }

  @Test
  void aNoteCannotGoToAZoneTheBoardDoesNotHave() {
    Verdict<NoteFields> moved = BoardRules.patch(new NoteFields(null, null, "z4", 10.0, 10.0), pepites);

    assertThat(moved.rejection().code()).isEqualTo("invalid_field");
    assertThat(moved.rejection().field()).isEqualTo("zone");
  }

  @Test
  void aNoteMovesBetweenZonesOfItsBoard() {
    assertThat(BoardRules.patch(new NoteFields(null, null, "z3", 120.5, 40.0), pepites).isAllowed()).isTrue();
  }

  @Test
  void textOverFiveHundredCharactersIsRefusedButFiveHundredEmojisFit() {
    String emojis = "\uD83C\uDF3B".repeat(500);

    assertThat(BoardRules.patch(new NoteFields(emojis, null, null, null, null), pepites).isAllowed()).isTrue();
    assertThat(BoardRules.patch(new NoteFields(emojis + "!", null, null, null, null), pepites).rejection().code())
        .isEqualTo("text_too_long");
  }

  @Test
  void positionsOutsideTheBoardOrNotFiniteAreRefused() {
    assertThat(BoardRules.patch(new NoteFields(null, null, null, -1.0, null), pepites).rejection().field()).isEqualTo("x");
    assertThat(BoardRules.patch(new NoteFields(null, null, null, null, Double.NaN), pepites).rejection().field()).isEqualTo("y");
    assertThat(BoardRules.patch(new NoteFields(null, null, null, 10_001.0, null), pepites).rejection().field()).isEqualTo("x");
  }

  @Test
  void anEmptyPatchAndAnUnknownColourAreRefused() {
    assertThat(BoardRules.patch(new NoteFields(null, null, null, null, null), pepites).rejection().field()).isEqualTo("fields");
    assertThat(BoardRules.patch(new NoteFields(null, "red", null, null, null), pepites).rejection().field()).isEqualTo("color");
  }

  @Test
  void idsAreShortAndPlain() {
    assertThat(BoardRules.noteId("noteId", "n-1_a").isAllowed()).isTrue();
    assertThat(BoardRules.noteId("noteId", "<script>").isAllowed()).isFalse();
    assertThat(BoardRules.noteId("noteId", "x".repeat(41)).isAllowed()).isFalse();
  }

  @Test
  void aBoardIsOpenOrPrivateAndNothingElse() {
    assertThat(BoardRules.mode("open").value()).isEqualTo("open");
    assertThat(BoardRules.mode("private").value()).isEqualTo("private");
    assertThat(BoardRules.mode("secret").rejection().field()).isEqualTo("mode");
    assertThat(BoardRules.mode(null).rejection().code()).isEqualTo("invalid_field");
  }

  @Test
  void twoDifferentNotesMergeButANoteNeverIntoItself() {
    assertThat(BoardRules.mergeable("a", "b").value()).isEqualTo("b");
    assertThat(BoardRules.mergeable("a", "a").rejection().field()).isEqualTo("otherId");
    assertThat(BoardRules.mergeable("a", "no way").rejection().field()).isEqualTo("otherId");
    assertThat(BoardRules.mergeable(null, "b").rejection().field()).isEqualTo("noteId");
  }

  @Test
  void aNewBoardIsOpenUnlockedAndOwnersOnly() {
    assertThat(BoardSettings.fromStored(null, null, null)).isEqualTo(new BoardSettings(false, "open", false));
    assertThat(BoardSettings.fromStored("1", "private", "1")).isEqualTo(new BoardSettings(true, "private", true));
  }
}
