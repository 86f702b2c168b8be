package org.parvis.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import io.vertx.core.json.EncodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.jackson.JacksonCodec;
import java.io.IOException;
import java.util.stream.Collectors;
import org.parvis.sync.Rejection;
import org.parvis.sync.Verdict;

/** Reading commands and writing event bodies, strictly: a string is never taken for a number, nor the reverse. */
public final class Protocol {

  public static final int VERSION = 2;

  private static final ObjectMapper MAPPER = strictMapper();

  private Protocol() {}

  /**
   * The command a JSON object holds, read as its text would be (the same tokens, the same strict
   * types), without writing that text: the object's values are handed to the reader as they are.
   */
  public static Verdict<Command> decode(JsonObject json) {
    try (TokenBuffer tokens = new TokenBuffer(MAPPER, false)) {
      JacksonCodec.encodeJson(json, tokens);
      Command command = MAPPER.readValue(tokens.asParser(), Command.class);
      return command == null ? Verdict.refuse("invalid_json", "A command is a JSON object.") : Verdict.allow(command);
    } catch (InvalidTypeIdException e) {
      return Verdict.refuse("unknown_command", "Unknown command type: " + e.getTypeId() + ".");
    } catch (JsonMappingException e) {
      if (e.getPath().isEmpty()) {
        return Verdict.refuse("invalid_json", "A command is a JSON object.");
      }
      String field = e.getPath().stream()
          .map(reference -> reference.getFieldName() != null ? reference.getFieldName() : Integer.toString(reference.getIndex()))
          .collect(Collectors.joining("."));
      return Verdict.refuse(Rejection.invalidField(field, field + " has the wrong type."));
    } catch (IOException | EncodeException e) {
      return Verdict.refuse("invalid_json", "A command is a JSON object.");
    }
  }

  /** The JSON of a value, without its null fields. */
  public static String encode(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Not encodable: " + value, e);
    }
  }

  /** The JSON of a value, without its null fields, as UTF-8. */
  public static byte[] encodeUtf8(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Not encodable: " + value, e);
    }
  }

  /** An event that travels without the apply script's envelope ({@code stream.resync}, {@code stream.head}): its type, then its fields. */
  public static String encodeAlone(Event event) {
    String body = encode(event);
    String type = "{\"type\":\"" + typeName(event.getClass()) + "\"";
    return body.equals("{}") ? type + "}" : type + "," + body.substring(1);
  }

  public static String typeName(Class<?> type) {
    JsonTypeName name = type.getAnnotation(JsonTypeName.class);
    if (name == null) {
      throw new IllegalArgumentException(type + " has no type name");
    }
    return name.value();
  }

  private static ObjectMapper strictMapper() {
    ObjectMapper mapper = JsonMapper.builder()
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
        .serializationInclusion(JsonInclude.Include.NON_NULL)
        .build();
    for (LogicalType type : new LogicalType[] {LogicalType.Textual, LogicalType.Boolean, LogicalType.Integer, LogicalType.Float}) {
      mapper.coercionConfigFor(type)
          .setCoercion(CoercionInputShape.Integer, type == LogicalType.Integer || type == LogicalType.Float ? CoercionAction.TryConvert : CoercionAction.Fail)
          .setCoercion(CoercionInputShape.Float, type == LogicalType.Float ? CoercionAction.TryConvert : CoercionAction.Fail)
          .setCoercion(CoercionInputShape.Boolean, type == LogicalType.Boolean ? CoercionAction.TryConvert : CoercionAction.Fail)
          .setCoercion(CoercionInputShape.String, type == LogicalType.Textual ? CoercionAction.TryConvert : CoercionAction.Fail);
    }
    return mapper;
  }
}
