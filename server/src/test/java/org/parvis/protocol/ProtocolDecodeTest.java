package org.parvis.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.parvis.sync.Verdict;

class ProtocolDecodeTest {

  @Test
  void aWellFormedCommandBecomesItsRecord() {
    Verdict<Command> sync = decode("{\"type\":\"stream.sync\",\"stream\":\"board:abc-1\",\"since\":4,\"h\":\"00ff\"}");
    assertThat(sync.value()).isEqualTo(new Command.StreamSync("board:abc-1", 4L, "00ff"));
  }

  @Test
  void aFieldOfTheWrongTypeIsRefusedByName() {
    assertThat(decode("{\"type\":\"stream.sync\",\"stream\":\"board:abc-1\",\"since\":\"4\"}").rejection().field()).isEqualTo("since");
    assertThat(decode("{\"type\":\"board.lock\",\"id\":\"c1\",\"board\":\"abc-1\",\"locked\":1}").rejection().field()).isEqualTo("locked");
    assertThat(decode("{\"type\":\"note.create\",\"id\":\"c1\",\"board\":\"abc-1\",\"note\":{\"id\":\"n\",\"x\":\"left\"}}").rejection().field())
        .isEqualTo("note.x");
    assertThat(decode("{\"type\":\"note.update\",\"id\":7,\"board\":\"abc-1\"}").rejection().field()).isEqualTo("id");
    assertThat(decode("{\"type\":\"plenary.show\",\"id\":\"c1\",\"boards\":[3]}").rejection().code()).isEqualTo("invalid_field");
  }

  @Test
  void aChangeWithoutItsIdOrItsSubjectIsRefusedByName() {
    assertThat(checked("{\"type\":\"note.delete\",\"board\":\"abc-1\",\"noteId\":\"n\"}").rejection().field()).isEqualTo("id");
    assertThat(checked("{\"type\":\"note.delete\",\"id\":\"<b>\",\"board\":\"abc-1\"}").rejection().field()).isEqualTo("id");
    assertThat(checked("{\"type\":\"note.create\",\"id\":\"c1\",\"board\":\"abc-1\"}").rejection().field()).isEqualTo("note");
    assertThat(checked("{\"type\":\"note.update\",\"id\":\"c1\",\"noteId\":\"n\",\"fields\":{}}").rejection().field()).isEqualTo("board");
    assertThat(checked("{\"type\":\"board.lock\",\"id\":\"c1\",\"board\":\"abc-1\"}").rejection().field()).isEqualTo("locked");
    assertThat(checked("{\"type\":\"plenary.show\",\"id\":\"c1\",\"boards\":[]}").isAllowed()).isTrue();
  }

  @Test
  void anUnknownOrMissingTypeIsAnUnknownCommand() {
    assertThat(decode("{\"type\":\"note.explode\"}").rejection().code()).isEqualTo("unknown_command");
    assertThat(decode("{\"board\":\"abc-1\"}").rejection().code()).isEqualTo("unknown_command");
  }

  private static Verdict<Command.Change> checked(String json) {
    return ((Command.Change) decode(json).value()).checked();
  }

  /** As the router gets it: copied by the event bus, which makes every nested object a JsonObject. */
  private static Verdict<Command> decode(String json) {
    return Protocol.decode(new JsonObject(json).copy());
  }
}
