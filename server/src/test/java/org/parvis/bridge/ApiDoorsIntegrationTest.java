package org.parvis.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parvis.testing.ParvisNode;
import org.parvis.testing.RedisProcess;
import org.parvis.testing.TestWorkshop;

/** The HTTP API's doors, knocked on as an attacker from one address would. */
class ApiDoorsIntegrationTest {

  private static final String CREATE_KEY = "cle-de-la-communaute";
  private static Vertx vertx;
  private static RedisProcess redis;
  private static WebClient http;
  private ParvisNode node;

  @BeforeAll
  static void startRedis() {
    vertx = Vertx.vertx();
    redis = RedisProcess.start();
    http = WebClient.create(vertx);
  }

  @AfterAll
  static void stopRedis() {
    http.close();
    redis.close();
    vertx.close().await();
  }

  @AfterEach
  void stopNode() {
    node.close();
  }

  @Test
  void joinCodeGuessesAreThrottledWith429AndRetryAfter() {
    node = ParvisNode.start(redis.url(), Map.of("PARVIS_JOIN_PER_MINUTE", "5"));
    for (int guess = 0; guess < 5; guess++) {
      assertThat(get("/api/join/ZZZZZ" + guess).statusCode()).isEqualTo(404);
    }

    HttpResponse<Buffer> lookup = get("/api/join/ZZZZZ9");
    HttpResponse<Buffer> join = postJson("/api/join", new JsonObject().put("code", "zzzzz9").put("name", "X")
        .put("category", "habitant"));
    HttpResponse<Buffer> forged = http.get(node.port(), "127.0.0.1", "/api/join/ZZZZZ8")
        .putHeader("X-Forwarded-For", "203.0.113.7").send().await();

    for (HttpResponse<Buffer> refused : new HttpResponse[] {lookup, join, forged}) {
      assertThat(refused.statusCode()).isEqualTo(429);
      assertThat(refused.bodyAsJsonObject().getString("error")).isEqualTo("too_many_requests");
      assertThat(Integer.parseInt(refused.getHeader("Retry-After"))).isBetween(1, 60);
    }
  }

  @Test
  void behindATrustedProxyEachForwardedAddressHasItsOwnLimit() {
    node = ParvisNode.start(redis.url(), Map.of("PARVIS_JOIN_PER_MINUTE", "2", "PARVIS_TRUST_PROXY", "true"));
    for (int guess = 0; guess < 2; guess++) {
      assertThat(getFrom("198.51.100.1", "/api/join/ZZZZZ" + guess).statusCode()).isEqualTo(404);
    }
    assertThat(getFrom("198.51.100.1", "/api/join/ZZZZZ3").statusCode()).isEqualTo(429);
    assertThat(getFrom("198.51.100.2", "/api/join/ZZZZZ3").statusCode()).isEqualTo(404);
  }

  @Test
  void creationNeedsTheKeyWhenOneIsSetAndIsThrottled() {
    node = ParvisNode.start(redis.url(), Map.of("PARVIS_CREATE_KEY", CREATE_KEY, "PARVIS_CREATE_PER_HOUR", "2"));
    JsonObject plan = new JsonObject().put("title", "Atelier").put("groups",
        new JsonArray().add(new JsonObject().put("name", "A").put("template", "pepites")));

    HttpResponse<Buffer> keyless = postJson("/api/workshops", plan);
    assertThat(keyless.statusCode()).isEqualTo(403);
    assertThat(keyless.bodyAsJsonObject().getString("error")).isEqualTo("create_key_required");
    HttpResponse<Buffer> wrongKey = create(plan, "devine");
    assertThat(wrongKey.statusCode()).isEqualTo(403);

    assertThat(create(plan, CREATE_KEY).statusCode()).isEqualTo(201);
    assertThat(create(plan, CREATE_KEY).statusCode()).isEqualTo(201);
    HttpResponse<Buffer> third = create(plan, CREATE_KEY);
    assertThat(third.statusCode()).isEqualTo(429);
    assertThat(Integer.parseInt(third.getHeader("Retry-After"))).isBetween(1, 3_600);
  }

  @Test
  void aBodyThatIsNotDeclaredJsonIsRefusedSoAnotherSiteCannotPostInItsVisitorsName() {
    node = ParvisNode.start(redis.url());
    String plan = "{\"title\":\"Atelier\",\"groups\":[{\"name\":\"A\",\"template\":\"pepites\"}]}";
    for (String contentType : new String[] {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data"}) {
      HttpResponse<Buffer> answer = http.post(node.port(), "127.0.0.1", "/api/workshops")
          .putHeader("Content-Type", contentType).sendBuffer(Buffer.buffer(plan)).await();
      assertThat(answer.statusCode()).as(contentType).isEqualTo(415);
      assertThat(answer.bodyAsJsonObject().getString("error")).isEqualTo("unsupported_media_type");
    }
    assertThat(http.post(node.port(), "127.0.0.1", "/api/workshops")
        .putHeader("Content-Type", "application/json; charset=utf-8").sendBuffer(Buffer.buffer(plan)).await()
        .statusCode()).isEqualTo(201);
  }

  @Test
  void aPageOfAnOtherProtocolVersionIsToldToReload() {
    node = ParvisNode.start(redis.url());
    HttpResponse<Buffer> stale = http.get(node.port(), "127.0.0.1", "/api/join/ZZZZZZ")
        .putHeader(Doors.PROTOCOL_HEADER, Integer.toString(Doors.PROTOCOL_VERSION - 1)).send().await();
    assertThat(stale.statusCode()).isEqualTo(409);
    assertThat(stale.bodyAsJsonObject().getString("error")).isEqualTo("reload_required");
    assertThat(http.get(node.port(), "127.0.0.1", "/api/join/ZZZZZZ")
        .putHeader(Doors.PROTOCOL_HEADER, Integer.toString(Doors.PROTOCOL_VERSION)).send().await().statusCode())
        .isEqualTo(404);
  }

  @Test
  void theAnimatorClosesJoiningAndTheCodeStopsLettingPeopleIn() {
    node = ParvisNode.start(redis.url());
    TestWorkshop workshop = TestWorkshop.create(vertx, node.port(), "Fermé", "A");
    String participant = workshop.join(vertx, "Déjà là");

    assertThat(setJoining(participant, false).statusCode()).isEqualTo(403);
    assertThat(setJoining(workshop.observerToken(), false).statusCode()).isEqualTo(403);
    assertThat(setJoining(workshop.animatorToken(), false).statusCode()).isEqualTo(200);
    assertThat(http.get(node.port(), "127.0.0.1", "/api/workshop/joining")
        .putHeader("Authorization", "Bearer " + workshop.animatorToken()).send().await().bodyAsJsonObject()
        .getBoolean("joiningOpen")).isFalse();

    HttpResponse<Buffer> lookup = get("/api/join/" + workshop.code());
    assertThat(lookup.statusCode()).isEqualTo(403);
    assertThat(lookup.bodyAsJsonObject().getString("error")).isEqualTo("joining_closed");
    HttpResponse<Buffer> late = postJson("/api/join", new JsonObject().put("code", workshop.code())
        .put("name", "En retard").put("category", "habitant"));
    assertThat(late.bodyAsJsonObject().getString("error")).isEqualTo("joining_closed");

    assertThat(setJoining(workshop.animatorToken(), true).statusCode()).isEqualTo(200);
    assertThat(workshop.join(vertx, "Enfin")).isNotBlank();
  }

  private HttpResponse<Buffer> setJoining(String token, boolean open) {
    return http.post(node.port(), "127.0.0.1", "/api/workshop/joining").putHeader("Authorization", "Bearer " + token)
        .sendJsonObject(new JsonObject().put("open", open)).await();
  }

  private HttpResponse<Buffer> create(JsonObject plan, String key) {
    return http.post(node.port(), "127.0.0.1", "/api/workshops").putHeader(Doors.CREATE_KEY_HEADER, key)
        .sendJsonObject(plan).await();
  }

  private HttpResponse<Buffer> get(String path) {
    return http.get(node.port(), "127.0.0.1", path).send().await();
  }

  private HttpResponse<Buffer> getFrom(String forwardedFor, String path) {
    HttpRequest<Buffer> request = http.get(node.port(), "127.0.0.1", path).putHeader("X-Forwarded-For", forwardedFor);
    return request.send().await();
  }

  private HttpResponse<Buffer> postJson(String path, JsonObject body) {
    return http.post(node.port(), "127.0.0.1", path).sendJsonObject(body).await();
  }
}
