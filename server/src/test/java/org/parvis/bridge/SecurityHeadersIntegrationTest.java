package org.parvis.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parvis.testing.ParvisNode;
import org.parvis.testing.NodeWithRedis;

/** Every answer of the real server carries the security headers; the page is revalidated, assets kept for good. */
class SecurityHeadersIntegrationTest {

  private static Vertx vertx;
  @RegisterExtension
  static final NodeWithRedis node = new NodeWithRedis(Map.of());
  private static WebClient http;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    http = WebClient.create(vertx);
  }

  @AfterAll
  static void stop() {
    http.close();
    vertx.close().await();
  }

  @Test
  void everyPageAndAnswerCarriesTheSecurityHeaders() {
    String script = scriptOfThePage();
    for (String path : List.of("/", "/index.html", script, "/api/join/ZZZZZZ", "/api/session", "/health",
        "/health/live", "/eventbus/info", "/no-such-page")) {
      HttpResponse<Buffer> answer = get(path);
      String csp = answer.getHeader("Content-Security-Policy");
      assertThat(csp).as(path).contains("script-src 'self'").contains("connect-src 'self'")
          .contains("frame-ancestors 'none'").doesNotContain("unsafe-inline").doesNotContain("http");
      assertThat(answer.getHeader("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
      assertThat(answer.getHeader("Referrer-Policy")).as(path).isEqualTo("no-referrer");
      assertThat(answer.getHeader("X-Frame-Options")).as(path).isEqualTo("DENY");
    }
  }

  @Test
  void thePageIsRevalidatedOnEveryLoadAndItsHashedAssetsAreKeptForGood() {
    HttpResponse<Buffer> page = get("/");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.getHeader("Cache-Control")).isEqualTo("no-cache");
    assertThat(get("/index.html").getHeader("Cache-Control")).isEqualTo("no-cache");

    HttpResponse<Buffer> script = get(scriptOfThePage());
    assertThat(script.statusCode()).isEqualTo(200);
    assertThat(script.getHeader("Cache-Control")).contains("immutable").contains("max-age=31536000");
  }

  @Test
  void framingCanBeAllowedForAVisioTool() {
    try (ParvisNode embeddable = ParvisNode.start(node.redisUrl(),
        java.util.Map.of("PARVIS_FRAME_ANCESTORS", "https://visio.example.org"))) {
      HttpResponse<Buffer> page = http.get(embeddable.port(), "127.0.0.1", "/").send().await();
      assertThat(page.getHeader("Content-Security-Policy")).contains("frame-ancestors https://visio.example.org");
      assertThat(page.getHeader("X-Frame-Options")).isNull();
    }
  }

  private static String scriptOfThePage() {
    Matcher script = Pattern.compile("src=\"(/assets/[^\"]+\\.js)\"").matcher(get("/").bodyAsString());
    assertThat(script.find()).as("the page names its script").isTrue();
    return script.group(1);
  }

  private static HttpResponse<Buffer> get(String path) {
    return http.get(node.port(), "127.0.0.1", path).send().await();
  }
}
