package org.parvis.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class CommandSizeTest {

  /** Every limit, from below the text's length to past the bound: the bound alone must never let a longer text pass. */
  @Test
  void aCommandExceedsALimitExactlyWhenItsTextIsLonger() {
    JsonObject small = new JsonObject().put("type", "note.update").put("id", "c1").put("fields", new JsonObject().put("x", 12.5));
    JsonObject escaped = new JsonObject().put("type", "note.create").put("note", new JsonObject()
        .put("text", "Créer un café-rencontre\n\"pour\" les aînés \u0001 ✓ 😀".repeat(40)).put("y", -7L));
    JsonObject listed = new JsonObject().put("type", "plenary.show").put("boards", new JsonArray().add("a-1").add(true).addNull())
        .put("since", Long.MIN_VALUE).put("x", -2.2250738585072014E-308);
    JsonObject measured = new JsonObject().put("type", "note.update").put("x", new BigDecimal("1E+400"));
    for (JsonObject command : new JsonObject[] {small, escaped, listed, measured}) {
      int length = command.toBuffer().length();
      for (int limit = 0; limit <= 7 * length; limit++) {
        assertThat(CommandSize.exceeds(command, limit)).as("%s at %d", command.encode(), limit).isEqualTo(length > limit);
      }
    }
  }
}
