package org.parvis.store;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A Lua script run by its SHA-1, sent whole only when Redis does not know it (after a Redis
 * restart, or on a fresh server), so the common path costs a few bytes.
 */
public final class LuaScript {

  private final String source;
  private final String sha1;

  private LuaScript(String source) {
    this.source = source;
    this.sha1 = sha1Hex(source);
  }

  /** A file of Lua beside a class, by its name. */
  public record Part(Class<?> owner, String name) {

    String text() {
      try (InputStream in = owner.getResourceAsStream(name)) {
        if (in == null) {
          throw new IllegalStateException("missing script " + name);
        }
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  public static LuaScript fromResource(Class<?> owner, String name) {
    return new LuaScript(new Part(owner, name).text());
  }

  /**
   * One script from a main file and parts put in place of its line {@code marker}: still one
   * EVALSHA, so one round trip, however many parts.
   */
  public static LuaScript assemble(Part main, String marker, List<Part> parts) {
    StringBuilder inserted = new StringBuilder();
    parts.forEach(part -> inserted.append(part.text()).append('\n'));
    String text = main.text();
    if (!text.contains(marker)) {
      throw new IllegalStateException(main.name() + " has no line " + marker);
    }
    return new LuaScript(text.replace(marker, inserted));
  }

  /** {@code args}: each a String, or a byte[] that is already its UTF-8 text. */
  public Future<Response> run(Redis redis, List<String> keys, List<?> args) {
    return redis.send(request(Command.EVALSHA, sha1, keys, args))
        .recover(failure -> isNoScript(failure)
            ? redis.send(request(Command.EVAL, source, keys, args))
            : Future.failedFuture(failure));
  }

  private static Request request(Command command, String script, List<String> keys, List<?> args) {
    Request request = Request.cmd(command).arg(script).arg(keys.size());
    keys.forEach(request::arg);
    for (Object arg : args) {
      if (arg instanceof byte[] utf8) {
        request.arg(utf8);
      } else {
        request.arg((String) arg);
      }
    }
    return request;
  }

  private static boolean isNoScript(Throwable failure) {
    return failure.getMessage() != null && failure.getMessage().startsWith("NOSCRIPT");
  }

  private static String sha1Hex(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
