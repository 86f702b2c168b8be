package org.parvis.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parvis.board.PrivateWritingIntegrationTest.notesOf;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parvis.testing.BridgeClient;
import org.parvis.testing.Commands;
import org.parvis.testing.NodeWithRedis;
import org.parvis.testing.TestWorkshop;

/**
 * Ownership and moderation through the real bridge: a participant changes its own notes only
 * (unless the board lets everyone), animators change, hide, restore and merge any note, and a
 * deleted note waits in the trash, with who deleted it and when, for an animator to restore.
 */
@ExtendWith(VertxExtension.class)
class ModerationIntegrationTest {

  @RegisterExtension
  static final NodeWithRedis server = new NodeWithRedis(Map.of());

  @Test
  void aParticipantCannotChangeAnothersNoteUnlessTheBoardLetsEveryone(Vertx vertx) {
    TestWorkshop workshop = TestWorkshop.create(vertx, server.port(), "Propriété", "A");
    String board = workshop.board(0);
    try (BridgeClient animator = BridgeClient.connect(vertx, server.port(), workshop.animatorToken());
         BridgeClient alice = BridgeClient.connect(vertx, server.port(), workshop.join(vertx, "Alice"));
         BridgeClient bruno = BridgeClient.connectPolling(vertx, server.port(), workshop.join(vertx, "Bruno"))) {
      alice.command(Commands.createNote(board, "mine", "La note d'Alice"));

      JsonObject edit = bruno.command(Commands.updateNote(board, "mine", new JsonObject().put("text", "effacé")));
      JsonObject delete = bruno.command(Commands.deleteNote(board, "mine"));

      assertThat(edit.getString("error")).isEqualTo("not_author");
      assertThat(delete.getString("error")).isEqualTo("not_author");
      JsonObject kept = notesOf(bruno.command(Commands.boardSnapshot(board))).get("mine");
      assertThat(kept.getString("text")).as("the note after both refusals").isEqualTo("La note d'Alice");
      assertThat(alice.command(Commands.updateNote(board, "mine", new JsonObject().put("color", "pink"))).getBoolean("ok"))
          .as("its author changes it").isTrue();

      assertThat(animator.command(Commands.configure(board, "open", true)).getBoolean("ok")).isTrue();
      assertThat(bruno.command(Commands.updateNote(board, "mine", new JsonObject().put("text", "Alice et Bruno"))).getBoolean("ok"))
          .as("on a board where everyone edits everything").isTrue();
      assertThat(bruno.command(Commands.configure(board, "open", false)).getString("error"))
          .as("only animators set a board").isEqualTo("forbidden");
      JsonObject shared = notesOf(bruno.command(Commands.boardSnapshot(board))).get("mine");
      assertThat(shared.getString("text")).isEqualTo("Alice et Bruno");
      assertThat(shared.containsKey("moderatedBy")).as("a participant's edit is not moderation").isFalse();
      assertThat(bruno.command(Commands.configure(board, "secret", false)).getString("error")).isEqualTo("forbidden");
      JsonObject badMode = animator.command(Commands.configure(board, "secret", false));
      assertThat(badMode.getString("error")).isEqualTo("invalid_field");
      assertThat(badMode.getString("field")).isEqualTo("mode");
    }
  }

  @Test
  void anAnimatorsChangeAndHidingAreShownToTheAuthorAndAHiddenNoteToNoOneElse(Vertx vertx) {
    TestWorkshop workshop = TestWorkshop.create(vertx, server.port(), "Modération", "A");
    String board = workshop.board(0);
    String address = Commands.boardAddress(board);
    try (BridgeClient animator = BridgeClient.connect(vertx, server.port(), workshop.animatorToken());
         BridgeClient alice = BridgeClient.connect(vertx, server.port(), workshop.join(vertx, "Alice"));
         BridgeClient bruno = BridgeClient.connectPolling(vertx, server.port(), workshop.join(vertx, "Bruno"));
         BridgeClient projector = BridgeClient.connectPolling(vertx, server.port(), workshop.observerToken())) {
      for (BridgeClient client : new BridgeClient[] {alice, bruno, projector}) {
        client.register(address);
        client.command(Commands.boardSnapshot(board));
      }
      alice.command(Commands.createNote(board, "rude", "Un mot déplacé"));

      JsonObject moderated = animator.command(Commands.updateNote(board, "rude", new JsonObject().put("text", "Un mot reformulé")));
      assertThat(alice.eventAt(address, moderated.getLong("rev"), 10_000).getString("moderatedBy")).isEqualTo("Animation");
      JsonObject hidden = animator.command(Commands.hideNote(board, "rude"));

      JsonObject told = alice.eventAt(address, hidden.getLong("rev"), 10_000);
      assertThat(told.getString("type")).isEqualTo("note.hidden");
      assertThat(told.getString("hiddenBy")).isEqualTo("Animation");
      for (BridgeClient other : new BridgeClient[] {bruno, projector}) {
        JsonObject shadow = other.eventAt(address, hidden.getLong("rev"), 10_000);
        assertThat(shadow.getString("type")).isEqualTo("hidden");
        assertThat(shadow.getString("withdrawn")).as("the others drop the note").isEqualTo("rude");
        assertThat(notesOf(other.command(Commands.boardSnapshot(board)))).as("a snapshot").doesNotContainKey("rude");
      }
      JsonObject ownView = notesOf(alice.command(Commands.boardSnapshot(board))).get("rude");
      assertThat(ownView.getString("hiddenBy")).as("its author still sees it, marked").isEqualTo("Animation");
      assertThat(ownView.getString("moderatedBy")).isEqualTo("Animation");
      assertThat(notesOf(animator.command(Commands.boardSnapshot(board)))).containsKey("rude");
      assertThat(bruno.command(Commands.hideNote(board, "rude")).getString("error")).isEqualTo("forbidden");

      JsonObject restored = animator.command(Commands.restoreNote(board, "rude"));

      JsonObject back = projector.eventAt(address, restored.getLong("rev"), 10_000);
      assertThat(back.getString("type")).isEqualTo("note.restored");
      assertThat(back.getJsonObject("note").getString("text")).isEqualTo("Un mot reformulé");
      assertThat(back.getJsonObject("note").containsKey("hiddenBy")).isFalse();
      assertThat(notesOf(bruno.command(Commands.boardSnapshot(board)))).containsKey("rude");
    }
  }

  @Test
  void aDeletedNoteIsRecordedAndAnAnimatorRestoresItWithItsContent(Vertx vertx) {
    TestWorkshop workshop = TestWorkshop.create(vertx, server.port(), "Corbeille", "A");
    String board = workshop.board(0);
    String address = Commands.boardAddress(board);
    try (BridgeClient animator = BridgeClient.connect(vertx, server.port(), workshop.animatorToken());
         BridgeClient alice = BridgeClient.connect(vertx, server.port(), workshop.join(vertx, "Alice"));
         BridgeClient bruno = BridgeClient.connectPolling(vertx, server.port(), workshop.join(vertx, "Bruno"))) {
      bruno.register(address);
      bruno.command(Commands.boardSnapshot(board));
      alice.command(Commands.createNote(board, "oops", "Une idée supprimée trop vite"));
      alice.command(Commands.updateNote(board, "oops", new JsonObject().put("color", "green").put("zone", "z2")));
      long before = System.currentTimeMillis();
      alice.command(Commands.deleteNote(board, "oops"));

      assertThat(alice.command(Commands.trash(board)).getString("error")).as("the trash is the animators'").isEqualTo("forbidden");
      assertThat(alice.command(Commands.restoreNote(board, "oops")).getString("error")).isEqualTo("forbidden");
      JsonArray deleted = animator.command(Commands.trash(board)).getJsonArray("deleted");
      assertThat(deleted).hasSize(1);
      JsonObject record = deleted.getJsonObject(0);
      assertThat(record.getString("byName")).isEqualTo("Alice");
      assertThat(record.getLong("at")).isBetween(before - 1_000, System.currentTimeMillis() + 1_000);
      assertThat(record.getJsonObject("note").getString("text")).isEqualTo("Une idée supprimée trop vite");

      JsonObject restored = animator.command(Commands.restoreNote(board, "oops"));

      JsonObject event = bruno.eventAt(address, restored.getLong("rev"), 10_000);
      assertThat(event.getString("type")).isEqualTo("note.restored");
      JsonObject note = notesOf(bruno.command(Commands.boardSnapshot(board))).get("oops");
      assertThat(note.getString("text")).isEqualTo("Une idée supprimée trop vite");
      assertThat(note.getString("color")).isEqualTo("green");
      assertThat(note.getString("zone")).isEqualTo("z2");
      assertThat(note.getString("authorName")).isEqualTo("Alice");
      assertThat(animator.command(Commands.trash(board)).getJsonArray("deleted")).as("the trash after the restore").isEmpty();
      assertThat(animator.command(Commands.restoreNote(board, "oops")).getString("error"))
          .as("a note on the board, not hidden, has nothing to restore").isEqualTo("unknown_note");
    }
  }

  @Test
  void anAnimatorMergesTwoNotesIntoOneAndTheOtherCanBeRestored(Vertx vertx) {
    TestWorkshop workshop = TestWorkshop.create(vertx, server.port(), "Fusion", "A");
    String board = workshop.board(0);
    String address = Commands.boardAddress(board);
    try (BridgeClient animator = BridgeClient.connect(vertx, server.port(), workshop.animatorToken());
         BridgeClient alice = BridgeClient.connect(vertx, server.port(), workshop.join(vertx, "Alice"));
         BridgeClient bruno = BridgeClient.connectPolling(vertx, server.port(), workshop.join(vertx, "Bruno"))) {
      alice.register(address);
      alice.command(Commands.boardSnapshot(board));
      alice.command(Commands.createNote(board, "bus", "Un bus le samedi"));
      bruno.command(Commands.createNote(board, "navette", "Une navette vers la gare"));

      assertThat(animator.command(Commands.mergeNotes(board, "bus", "bus")).getString("field")).isEqualTo("otherId");
      assertThat(alice.command(Commands.mergeNotes(board, "bus", "navette")).getString("error")).isEqualTo("forbidden");
      JsonObject merged = animator.command(Commands.mergeNotes(board, "bus", "navette"));

      JsonObject event = alice.eventAt(address, merged.getLong("rev"), 10_000);
      assertThat(event.getString("type")).isEqualTo("notes.merged");
      assertThat(event.getString("text")).isEqualTo("Un bus le samedi\nUne navette vers la gare");
      Map<String, JsonObject> notes = notesOf(alice.command(Commands.boardSnapshot(board)));
      assertThat(notes).containsOnlyKeys("bus");
      assertThat(notes.get("bus").getString("text")).isEqualTo("Un bus le samedi\nUne navette vers la gare");
      assertThat(notes.get("bus").getString("moderatedBy")).isEqualTo("Animation");
      assertThat(animator.command(Commands.trash(board)).getJsonArray("deleted").getJsonObject(0).getJsonObject("note").getString("id"))
          .isEqualTo("navette");

      animator.command(Commands.restoreNote(board, "navette"));
      assertThat(notesOf(bruno.command(Commands.boardSnapshot(board))).get("navette").getString("text"))
          .isEqualTo("Une navette vers la gare");

      animator.command(Commands.configure(board, "private", false));
      bruno.command(Commands.createNote(board, "secret", "Pas encore révélée"));
      assertThat(animator.command(Commands.mergeNotes(board, "bus", "secret")).getString("error")).isEqualTo("note_not_public");
      animator.command(Commands.createNote(board, "long", "é".repeat(490)));
      animator.command(Commands.reveal(board, false));
      assertThat(animator.command(Commands.mergeNotes(board, "long", "bus")).getString("error"))
          .as("two texts longer than a note together").isEqualTo("text_too_long");
    }
  }
}
