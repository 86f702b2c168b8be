package org.parvis.sync;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * Whether a command's JSON text is longer than a limit, in UTF-8 bytes. Its text is written only
 * when a bound read from its values says it may be: no character takes more than six bytes once
 * escaped, no number, boolean or null more than {@link #MAX_SCALAR_CHARS} characters; a value of
 * any other type makes the bound give up.
 */
final class CommandSize {

  /** {@code -9223372036854775808} is 20 characters, {@code -2.2250738585072014E-308} 24. */
  private static final int MAX_SCALAR_CHARS = 24;
  private static final int MAX_BYTES_PER_CHAR = 6;

  private CommandSize() {}

  static boolean exceeds(JsonObject command, int maxBytes) {
    return upperBound(command, maxBytes) > maxBytes && command.toBuffer().length() > maxBytes;
  }

  /** At least the length of the value's JSON text; anything past {@code limit} stops the count. */
  private static long upperBound(Object value, long limit) {
    if (value instanceof JsonObject object) {
      return upperBound(object.getMap(), limit);
    }
    if (value instanceof JsonArray array) {
      return upperBound(array.getList(), limit);
    }
    if (value instanceof Map<?, ?> map) {
      long bound = 2;
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        bound += upperBound(entry.getKey(), limit) + 2 + upperBound(entry.getValue(), limit);
        if (bound > limit) {
          return bound;
        }
      }
      return bound;
    }
    if (value instanceof List<?> list) {
      long bound = 2;
      for (Object item : list) {
        bound += upperBound(item, limit) + 1;
        if (bound > limit) {
          return bound;
        }
      }
      return bound;
    }
    if (value instanceof String text) {
      return 2 + (long) MAX_BYTES_PER_CHAR * text.length();
    }
    if (value == null || value instanceof Boolean || value instanceof Integer || value instanceof Long
        || value instanceof Double) {
      return MAX_SCALAR_CHARS;
    }
    return limit + 1;
  }
}
