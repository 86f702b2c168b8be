package org.parvis.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The server and the client it serves name the same protocol version, or every client would be told to reload. */
class ProtocolVersionTest {

  @Test
  void theServerSpeaksTheVersionTheWebClientIsBuiltFor() throws IOException {
    Path schema = Path.of("..", "docs", "protocol.schema.json");
    Matcher version = Files.exists(schema)
        ? Pattern.compile("\"version\"\\s*:\\s*(\\d+)").matcher(Files.readString(schema))
        : Pattern.compile("PROTOCOL_VERSION\\s*=\\s*(\\d+)")
            .matcher(Files.readString(Path.of("..", "web-client", "src", "protocol", "messages.ts")));
    assertThat(version.find()).as("the client's protocol version is written down").isTrue();
    assertThat(Doors.PROTOCOL_VERSION).isEqualTo(Integer.parseInt(version.group(1)));
  }
}
