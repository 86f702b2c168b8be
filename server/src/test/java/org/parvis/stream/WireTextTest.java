package org.parvis.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WireTextTest {

  private static final String FRAME = "{\"type\":\"rec\",\"body\":{\"text\":\"Café « aînés » \\\"oui\\\" \\\\ </script> 🙂\"}}";

  @Test
  void eachFormCarriesTheSameMessage() {
    WireText wire = WireText.of(FRAME);

    assertThat(wire.text()).isEqualTo(FRAME);
    assertThat(new String(wire.utf8(), StandardCharsets.UTF_8)).isEqualTo(FRAME);
    String sockJs = new String(wire.sockJsUtf8(), StandardCharsets.UTF_8);
    assertThat(sockJs).startsWith("a[\"");
    assertThat(new JsonArray(sockJs.substring(1)).getString(0)).isEqualTo(FRAME);
  }
}
