package org.parvis.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** docs/protocol.schema.json is the one written protocol: the server's records and docs/protocol.md must say the same. */
class ProtocolSchemaTest {

  private static final Path SCHEMA = Path.of("..", "docs", "protocol.schema.json");
  private static final Path DOC = Path.of("..", "docs", "protocol.md");

  @Test
  void commandRecordsAreTheSchemasCommands() throws IOException {
    JsonObject commands = schema().getJsonObject("commands");
    Map<String, Class<?>> records = typeNames(Command.class);
    assertThat(records.keySet()).as("command types").isEqualTo(commands.fieldNames());
    records.forEach((type, record) -> assertSameFields(type, record, commands.getJsonObject(type).getJsonObject("fields")));
  }

  @Test
  void eventRecordsAreTheSchemasEvents() throws IOException {
    JsonObject schema = schema();
    JsonObject events = schema.getJsonObject("events");
    Map<String, Class<?>> records = typeNames(Event.class);
    assertThat(records.keySet()).as("event types").isEqualTo(events.fieldNames());
    records.forEach((type, record) -> assertSameFields(type, record, events.getJsonObject(type).getJsonObject("fields")));
    assertSameFields("Note", Event.Note.class, schema.getJsonObject("types").getJsonObject("Note"));
  }

  @Test
  void everyTypeAndErrorOfTheSchemaIsInTheWrittenProtocol() throws IOException {
    JsonObject schema = schema();
    String doc = Files.readString(DOC);
    List<String> names = new ArrayList<>(schema.getJsonObject("commands").fieldNames());
    names.addAll(schema.getJsonObject("events").fieldNames());
    schema.getJsonArray("errors").forEach(code -> names.add((String) code));
    assertThat(names).as("names docs/protocol.md must explain").allSatisfy(name -> assertThat(doc).contains("`" + name + "`"));
    assertThat(doc).contains("version " + schema.getInteger("version"));
    assertThat(Protocol.VERSION).isEqualTo(schema.getInteger("version"));
  }

  /** Record components against the schema's field names; a record-typed component against its nested object. */
  private static void assertSameFields(String where, Class<?> record, JsonObject fields) {
    Map<String, RecordComponent> components = new LinkedHashMap<>();
    Arrays.stream(record.getRecordComponents()).forEach(component -> components.put(component.getName(), component));
    assertThat(new TreeSet<>(components.keySet())).as("fields of " + where).isEqualTo(new TreeSet<>(fields.fieldNames()));
    components.forEach((name, component) -> {
      Object described = fields.getValue(name);
      if (component.getType().isRecord() && described instanceof JsonObject nested) {
        assertSameFields(where + "." + name, component.getType(), nested);
      }
    });
  }

  private static Map<String, Class<?>> typeNames(Class<?> sealed) {
    Map<String, Class<?>> byName = new LinkedHashMap<>();
    for (Class<?> permitted : sealed.getPermittedSubclasses()) {
      if (permitted.isInterface()) {
        byName.putAll(typeNames(permitted));
      } else {
        byName.put(Protocol.typeName(permitted), permitted);
      }
    }
    return byName;
  }

  private static JsonObject schema() throws IOException {
    return new JsonObject(Files.readString(SCHEMA));
  }
}
