package org.parvis.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parvis.testing.RedisProcess;

/** The apply script's parts, each defined only for its own types, as Redis runs them. */
class LuaScriptTest {

  private static RedisProcess redisProcess;
  private static Vertx vertx;
  private static Redis redis;

  private static final LuaScript BY_TYPE = LuaScript.assembleByType(new LuaScript.Part(LuaScriptTest.class, "bytype.main.lua"),
      "--@types@", List.of(new LuaScript.Part(LuaScriptTest.class, "bytype.shared.lua"),
          new LuaScript.Part(LuaScriptTest.class, "bytype.a.lua"), new LuaScript.Part(LuaScriptTest.class, "bytype.b.lua")),
      "CALLED");

  @BeforeAll
  static void start() {
    redisProcess = RedisProcess.start();
    vertx = Vertx.vertx();
    redis = Redis.createClient(vertx, redisProcess.url());
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
    redisProcess.close();
  }

  @Test
  void aPartIsDefinedForItsTypesAndForTheTypesThatCallIt() {
    String source = BY_TYPE.source();
    // b's part calls a: a is defined for every type of that part.
    assertTrue(source.contains("if CALLED == 'a' or CALLED == 'b' or CALLED == 'b2' then\nAPPLY['a']"), source);
    assertTrue(source.contains("if CALLED == 'b' or CALLED == 'b2' then\n-- Its own local"), source);
    assertFalse(source.contains("then\n-- A part others build on"), source);
  }

  @Test
  void eachTypeRunsWithWhatItNeeds() {
    assertEquals("a:HI", run("a", "hi"));
    assertEquals("b:a:HIHI", run("b", "hi"));
    assertEquals("b2:hihi", run("b2", "hi"));
    assertEquals("unknown", run("c", "hi"));
  }

  @Test
  void aTypeComputedAtRunTimeIsRefused() {
    IllegalStateException refused = assertThrows(IllegalStateException.class, () -> LuaScript.assembleByType(
        new LuaScript.Part(LuaScriptTest.class, "bytype.main.lua"), "--@types@",
        List.of(new LuaScript.Part(LuaScriptTest.class, "bytype.a.lua"), new LuaScript.Part(LuaScriptTest.class, "bytype.computed.lua")),
        "CALLED"));
    assertTrue(refused.getMessage().contains("bytype.computed.lua"), refused.getMessage());
  }

  private static String run(String type, String text) {
    return BY_TYPE.run(redis, List.of(), List.of(type, text)).await().toString();
  }
}
