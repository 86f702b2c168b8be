package org.parvis.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class CommandSizeTest {

  @Test
  void aCommandIsTooLargeFromOneByteOverItsLimitOnAsItsTextSays() {
    JsonObject small = new JsonObject().put("type", "note.update").put("id", "c1").put("fields", new JsonObject().put("x", 12.5));
    JsonObject accented = new JsonObject().put("type", "note.create").put("note", new JsonObject()
        .put("text", "Créer un café-rencontre\n\"pour\" les aînés \u0001 ✓ 😀".repeat(40)).put("y", -7L));
    JsonObject listed = new JsonObject().put("type", "plenary.show").put("boards", new JsonArray().add("a-1").add(true).addNull());
    JsonObject measured = new JsonObject().put("type", "note.update").put("x", new BigDecimal("1E+400"));
    for (JsonObject command : new JsonObject[] {small, accented, listed, measured}) {
      int length = command.toBuffer().length();
      assertThat(CommandSize.exceeds(command, length - 1)).as(command.encode()).isTrue();
      assertThat(CommandSize.exceeds(command, length)).as(command.encode()).isFalse();
    }
  }
}
