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
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

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

    public String text() {
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

  /**
   * Like {@link #assemble}, for parts that each add functions to a table {@code APPLY} by command
   * type ({@code APPLY['<type>'] = function}): a part whose own top-level locals no other part
   * names is put inside {@code if <selector> == '<type>' or ... then ... end}, so a run defines its
   * functions only for the types it adds (and the types of any part that names
   * {@code APPLY['<type>']}), not on every run. A part may index APPLY by a literal type only. A
   * part that others build on (its locals named elsewhere) is left as it is.
   * {@code selector}: a local of the main file, before the marker, holding the type of this run.
   */
  public static LuaScript assembleByType(Part main, String marker, List<Part> parts, String selector) {
    List<String> texts = parts.stream().map(Part::text).toList();
    List<String> code = texts.stream().map(LuaScript::withoutComments).toList();
    for (int i = 0; i < code.size(); i++) {
      // A function reached by a computed type could be one a run did not define: only literal types.
      if (Pattern.compile("APPLY\\[(?!')").matcher(code.get(i)).find()) {
        throw new IllegalStateException(parts.get(i).name() + " indexes APPLY by other than a literal type");
      }
    }
    StringBuilder inserted = new StringBuilder();
    for (int i = 0; i < texts.size(); i++) {
      Set<String> types = new LinkedHashSet<>(typesAdded(texts.get(i)));
      if (types.isEmpty() || namedElsewhere(i, code)) {
        inserted.append(texts.get(i)).append('\n');
        continue;
      }
      // Another part's function may call one of these (APPLY['<type>'](ctx)): define them for its types too.
      boolean grew = true;
      while (grew) {
        grew = false;
        for (int j = 0; j < texts.size(); j++) {
          for (String type : List.copyOf(types)) {
            if (j != i && code.get(j).contains("APPLY['" + type + "']")) {
              grew |= types.addAll(typesAdded(texts.get(j)));
            }
          }
        }
      }
      String condition = types.stream().map(type -> selector + " == '" + type + "'").collect(Collectors.joining(" or "));
      inserted.append("if ").append(condition).append(" then\n").append(texts.get(i)).append("\nend\n");
    }
    String text = main.text();
    if (!text.contains(marker)) {
      throw new IllegalStateException(main.name() + " has no line " + marker);
    }
    return new LuaScript(text.replace(marker, inserted));
  }

  private static final Pattern TYPE_ADDED = Pattern.compile("^APPLY\\['([^']+)'\\]\\s*=", Pattern.MULTILINE);
  private static final Pattern TOP_LOCAL = Pattern.compile("^local\\s+(?:function\\s+)?([A-Za-z_][\\w, ]*)", Pattern.MULTILINE);

  private static List<String> typesAdded(String text) {
    return TYPE_ADDED.matcher(text).results().map(match -> match.group(1)).toList();
  }

  /** Whether any other part names one of this part's top-level locals (in code, comments aside). */
  private static boolean namedElsewhere(int index, List<String> code) {
    List<String> locals = TOP_LOCAL.matcher(code.get(index)).results()
        .flatMap(match -> Arrays.stream(match.group(1).split(","))).map(String::strip).filter(name -> !name.isEmpty()).toList();
    for (String name : locals) {
      Pattern word = Pattern.compile("\\b" + Pattern.quote(name) + "\\b");
      for (int j = 0; j < code.size(); j++) {
        if (j != index && word.matcher(code.get(j)).find()) {
          return true;
        }
      }
    }
    return false;
  }

  private static String withoutComments(String text) {
    return text.replaceAll("--[^\\n]*", "");
  }

  /** The script's text, as Redis runs it. */
  public String source() {
    return source;
  }

  /** {@code args}: each a String, or a byte[] that is already its UTF-8 text. */
  public Future<Response> run(Redis redis, List<String> keys, List<?> args) {
    return redis.send(evalSha(keys, args))
        .recover(failure -> isNoScript(failure)
            ? redis.send(request(Command.EVAL, source, keys, args))
            : Future.failedFuture(failure));
  }

  /** The script run by its SHA-1: Redis answers NOSCRIPT when it does not know it. */
  public Request evalSha(List<String> keys, List<?> args) {
    return request(Command.EVALSHA, sha1, keys, args);
  }

  /**
   * EVAL, EVALSHA or FCALL of {@code script} (its text, its SHA-1 or a function's name) with these
   * keys and arguments, each argument a String or a byte[] that is already its UTF-8 text.
   */
  public static Request request(Command command, String script, List<String> keys, List<?> args) {
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
