package org.parvis.testing;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.List;

/** A workshop created through the real HTTP API, and the way people join it. */
public record TestWorkshop(int port, String id, String code, String animatorToken, String observerToken, List<String> boardIds) {

  public static TestWorkshop create(Vertx vertx, int port, String title, String... groupNames) {
    JsonArray groups = new JsonArray();
    for (String name : groupNames) {
      groups.add(new JsonObject().put("name", name).put("template", "pepites"));
    }
    JsonObject created = post(vertx, port, "/api/workshops", new JsonObject().put("title", title).put("groups", groups))
        .bodyAsJsonObject();
    JsonObject workshop = created.getJsonObject("workshop");
    List<String> boards = workshop.getJsonArray("boards").stream()
        .map(board -> ((JsonObject) board).getString("id")).toList();
    return new TestWorkshop(port, workshop.getString("id"), workshop.getString("code"),
        created.getString("animatorToken"), created.getString("observerToken"), boards);
  }

  /** Joins as a participant and returns the participant's token. */
  public String join(Vertx vertx, String name) {
    return joinAnswer(vertx, name).getString("token");
  }

  /** Joins as a participant and returns the participant's id. */
  public String joinAndGetId(Vertx vertx, String name) {
    return joinAnswer(vertx, name).getJsonObject("participant").getString("id");
  }

  private JsonObject joinAnswer(Vertx vertx, String name) {
    return joinAnswer(vertx, name, "habitant");
  }

  /** Joins as a participant of this category; the answer holds its token and the participant. */
  public JsonObject joinAnswer(Vertx vertx, String name, String category) {
    return join(vertx, name, category, boardIds.get(0));
  }

  /** Joins the group of a board as a participant: the answer of {@code POST /api/join}, token and participant. */
  public JsonObject joinGroup(Vertx vertx, String name, String board) {
    return join(vertx, name, "habitant", board);
  }

  private JsonObject join(Vertx vertx, String name, String category, String board) {
    HttpResponse<Buffer> joined = post(vertx, port, "/api/join",
        new JsonObject().put("code", code.toLowerCase()).put("name", name).put("category", category)
            .put("board", board));
    if (joined.statusCode() != 200) {
      throw new AssertionError("join failed: " + joined.bodyAsString());
    }
    return joined.bodyAsJsonObject();
  }

  public String board(int index) {
    return boardIds.get(index);
  }

  public static HttpResponse<Buffer> post(Vertx vertx, int port, String path, JsonObject body) {
    WebClient client = WebClient.create(vertx);
    try {
      return client.post(port, "127.0.0.1", path).sendJsonObject(body).await();
    } finally {
      client.close();
    }
  }

  /** A request carrying a token, as the web client sends it. */
  public static HttpResponse<Buffer> postAs(Vertx vertx, int port, String token, String path, JsonObject body) {
    WebClient client = WebClient.create(vertx);
    try {
      return client.post(port, "127.0.0.1", path).putHeader("Authorization", "Bearer " + token).sendJsonObject(body).await();
    } finally {
      client.close();
    }
  }

  public static HttpResponse<Buffer> getAs(Vertx vertx, int port, String token, String path) {
    WebClient client = WebClient.create(vertx);
    try {
      return client.get(port, "127.0.0.1", path).putHeader("Authorization", "Bearer " + token).send().await();
    } finally {
      client.close();
    }
  }

  public static HttpResponse<Buffer> deleteAs(Vertx vertx, int port, String token, String path) {
    WebClient client = WebClient.create(vertx);
    try {
      return client.delete(port, "127.0.0.1", path).putHeader("Authorization", "Bearer " + token).send().await();
    } finally {
      client.close();
    }
  }

  public static HttpResponse<Buffer> postRaw(Vertx vertx, int port, String path, String body) {
    WebClient client = WebClient.create(vertx);
    try {
      return client.post(port, "127.0.0.1", path).sendBuffer(Buffer.buffer(body)).await();
    } finally {
      client.close();
    }
  }

  public static HttpResponse<Buffer> get(Vertx vertx, int port, String path) {
    WebClient client = WebClient.create(vertx);
    try {
      return client.get(port, "127.0.0.1", path).send().await();
    } finally {
      client.close();
    }
  }
}
