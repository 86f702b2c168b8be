package org.parvis.photo;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parvis.testing.BridgeClient;
import org.parvis.testing.Commands;
import org.parvis.testing.NodeWithRedis;
import org.parvis.testing.RedisInspector;
import org.parvis.testing.TestWorkshop;

/**
 * Photo notes through the real HTTP API, bridge and Redis: an upload is stored without its
 * metadata and served as a picture; what is not a picture, or too big, is refused and nothing is
 * stored; a photo serves only the workshop it was uploaded to; a private note's photo reaches nobody
 * else; deleting the workshop deletes its photos.
 */
@ExtendWith(VertxExtension.class)
class PhotoIntegrationTest {

  private static final int MAX_BYTES = 64 * 1024;

  @RegisterExtension
  static final NodeWithRedis node = new NodeWithRedis(Map.of("PARVIS_PHOTO_MAX_BYTES", String.valueOf(MAX_BYTES),
      "PARVIS_PHOTOS_PER_HOUR", "3",
      // One test deletes 200 notes in a row.
      "PARVIS_RATE_PER_SECOND", "2000", "PARVIS_RATE_BURST", "2000",
      "PARVIS_SOCKET_FRAMES_PER_SECOND", "2000", "PARVIS_SOCKET_FRAME_BURST", "2000"));

  @Test
  void aPhotoIsStoredWithoutItsGpsServedAsAPictureAndTakenByOneNoteOnly(Vertx vertx) throws Exception {
    TestWorkshop workshop = TestWorkshop.create(vertx, node.port(), "Photos", "Cadre de vie");
    String token = workshop.join(vertx, "Sylvie");
    byte[] plain = PhotoContentTest.picture("jpg");
    byte[] withGps = PhotoContentTest.insertAfter(plain, 2, PhotoContentTest.jpegSegment(0xE1, PhotoContentTest.exifWithGps()));

    HttpResponse<Buffer> uploaded = upload(vertx, token, withGps, "text/plain");

    assertThat(uploaded.statusCode()).isEqualTo(201);
    JsonObject answer = uploaded.bodyAsJsonObject();
    String photo = answer.getString("photo");
    assertThat(photo).matches(PhotoId.FORM);
    assertThat(answer.getString("type")).as("by content, not by the declared type").isEqualTo("image/jpeg");
    assertThat(answer.getString("url")).isEqualTo("/photos/" + workshop.id() + "/" + photo);
    HttpResponse<Buffer> served = TestWorkshop.get(vertx, node.port(), answer.getString("url"));
    assertThat(served.statusCode()).isEqualTo(200);
    assertThat(served.getHeader("Content-Type")).isEqualTo("image/jpeg");
    assertThat(served.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(served.getHeader("Content-Disposition")).isEqualTo("inline");
    assertThat(served.body().getBytes()).as("the picture without its EXIF block").isEqualTo(plain);

    String board = workshop.board(0);
    try (RedisInspector redis = new RedisInspector(vertx, node.redisUrl());
         BridgeClient sylvie = BridgeClient.connectSockJs(vertx, node.port(), token);
         BridgeClient other = BridgeClient.connect(vertx, node.port(), workshop.join(vertx, "Paul"))) {
      String key = PhotoStore.key(workshop.id(), photo);
      assertThat(ttl(redis, key)).as("an upload no note took yet expires").isPositive();
      assertThat(sylvie.command(noteWithPhoto(board, "n1", photo)).getBoolean("ok")).isTrue();
      assertThat(ttl(redis, key)).as("taken by a note, it stays").isEqualTo(-1);
      JsonObject seen = other.command(Commands.sync("board:" + board)).getJsonObject("snapshot").getJsonArray("notes").getJsonObject(0);
      assertThat(seen.getString("photo")).isEqualTo(photo);

      assertThat(other.command(noteWithPhoto(board, "n2", photo)).getString("error")).as("another note").isEqualTo("unknown_photo");
      assertThat(other.command(noteWithPhoto(board, "n3", PhotoId.fresh())).getString("error")).as("never uploaded").isEqualTo("unknown_photo");
      assertThat(other.command(Commands.sync("board:" + board)).getJsonObject("snapshot").getJsonArray("notes")).hasSize(1);

      String second = upload(vertx, token, plain, "image/jpeg").bodyAsJsonObject().getString("photo");
      assertThat(sylvie.command(Commands.updateNote(board, "n1", new JsonObject().put("photo", second))).getBoolean("ok")).isTrue();
      assertThat(redis.allKeys()).as("the replaced photo is deleted").doesNotContain(key).contains(PhotoStore.key(workshop.id(), second));
      assertThat(sylvie.command(Commands.updateNote(board, "n1", new JsonObject().put("photo", ""))).getBoolean("ok")).isTrue();
      assertThat(photoKeys(redis, workshop.id())).as("a photo taken off its note is deleted").isEmpty();
      assertThat(TestWorkshop.get(vertx, node.port(), "/photos/" + workshop.id() + "/" + second).statusCode()).isEqualTo(404);
    }
  }

  @Test
  void aFileThatIsNotAPictureIsRefusedWhateverItsTypeAndNothingIsStored(Vertx vertx) throws Exception {
    TestWorkshop workshop = TestWorkshop.create(vertx, node.port(), "Pas une photo", "A");
    String token = workshop.join(vertx, "Sylvie");

    HttpResponse<Buffer> refused = upload(vertx, token,
        "<html><body><script>alert(document.cookie)</script></body></html>".getBytes(), "image/jpeg");

    assertThat(refused.statusCode()).isEqualTo(415);
    assertThat(refused.bodyAsJsonObject().getString("error")).isEqualTo("photo_not_image");
    assertThat(refused.bodyAsJsonObject().getString("field")).isEqualTo("photo");
    try (RedisInspector redis = new RedisInspector(vertx, node.redisUrl())) {
      assertThat(photoKeys(redis, workshop.id())).isEmpty();
    }
  }

  @Test
  void aPhotoTooBigIsRefusedBeforeItIsReadAndNothingIsStored(Vertx vertx) throws Exception {
    TestWorkshop workshop = TestWorkshop.create(vertx, node.port(), "Trop grande", "A");
    String token = workshop.join(vertx, "Sylvie");
    byte[] big = PhotoContentTest.insertAfter(PhotoContentTest.picture("jpg"), 2,
        PhotoContentTest.jpegSegment(0xE1, new byte[60_000]), PhotoContentTest.jpegSegment(0xE1, new byte[10_000]));
    assertThat(big.length).isGreaterThan(MAX_BYTES);

    // Declared too long: answered from the headers, while the client has sent 1 KiB of 10 MiB.
    HttpClient client = vertx.createHttpClient();
    try {
      HttpClientRequest request = client.request(new RequestOptions().setMethod(HttpMethod.POST).setPort(node.port())
          .setHost("127.0.0.1").setURI("/api/photos").putHeader("Authorization", "Bearer " + token)
          .putHeader("Content-Length", String.valueOf(10 * 1024 * 1024))).await();
      request.write(Buffer.buffer(new byte[1024]));
      assertThat(answer(request)).isEqualTo("413 photo_too_large");

      // Sent in chunks without a length: refused when the limit is passed.
      HttpClientRequest chunked = client.request(new RequestOptions().setMethod(HttpMethod.POST).setPort(node.port())
          .setHost("127.0.0.1").setURI("/api/photos").putHeader("Authorization", "Bearer " + token)).await();
      chunked.setChunked(true);
      chunked.write(Buffer.buffer(big));
      assertThat(answer(chunked)).isEqualTo("413 photo_too_large");
    } finally {
      client.close();
    }
    try (RedisInspector redis = new RedisInspector(vertx, node.redisUrl())) {
      assertThat(photoKeys(redis, workshop.id())).isEmpty();
    }
  }

  @Test
  void aPhotoServesOnlyTheWorkshopItWasUploadedTo(Vertx vertx) throws Exception {
    TestWorkshop mine = TestWorkshop.create(vertx, node.port(), "Le nôtre", "A");
    TestWorkshop theirs = TestWorkshop.create(vertx, node.port(), "Un autre", "A");
    String stranger = theirs.join(vertx, "Intrus");
    byte[] jpeg = PhotoContentTest.picture("jpg");

    String theirPhoto = upload(vertx, stranger, jpeg, "image/jpeg").bodyAsJsonObject().getString("photo");

    assertThat(TestWorkshop.get(vertx, node.port(), "/photos/" + mine.id() + "/" + theirPhoto).statusCode())
        .as("another workshop's photo under ours").isEqualTo(404);
    try (BridgeClient member = BridgeClient.connect(vertx, node.port(), mine.join(vertx, "Sylvie"))) {
      assertThat(member.command(noteWithPhoto(mine.board(0), "n1", theirPhoto)).getString("error")).isEqualTo("unknown_photo");
    }
    assertThat(upload(vertx, "not-a-token", jpeg, "image/jpeg").statusCode()).isEqualTo(401);
    HttpResponse<Buffer> observer = upload(vertx, mine.observerToken(), jpeg, "image/jpeg");
    assertThat(observer.statusCode()).isEqualTo(403);
    try (RedisInspector redis = new RedisInspector(vertx, node.redisUrl())) {
      assertThat(photoKeys(redis, mine.id())).isEmpty();
    }
  }

  @Test
  void aPrivateNotesPhotoReachesItsAuthorAndTheAnimatorsOnly(Vertx vertx) throws Exception {
    TestWorkshop workshop = TestWorkshop.create(vertx, node.port(), "Privé", "A");
    String board = workshop.board(0);
    String authorToken = workshop.join(vertx, "Aurélie");
    String photo = upload(vertx, authorToken, PhotoContentTest.picture("png"), "image/png").bodyAsJsonObject().getString("photo");
    try (BridgeClient animator = BridgeClient.connect(vertx, node.port(), workshop.animatorToken());
         BridgeClient author = BridgeClient.connect(vertx, node.port(), authorToken);
         BridgeClient other = BridgeClient.connectSockJs(vertx, node.port(), workshop.join(vertx, "Bruno")).keepRawFrames();
         BridgeClient projector = BridgeClient.connectPolling(vertx, node.port(), workshop.observerToken()).keepRawFrames()) {
      assertThat(animator.command(Commands.configure(board, "private", false)).getBoolean("ok")).isTrue();
      for (BridgeClient client : List.of(animator, other, projector)) client.register(Commands.boardAddress(board));

      assertThat(author.command(noteWithPhoto(board, "secret", photo)).getBoolean("ok")).isTrue();

      assertThat(animator.command(Commands.sync("board:" + board)).getJsonObject("snapshot").encode()).contains(photo);
      for (BridgeClient outsider : List.of(other, projector)) {
        outsider.command(Commands.sync("board:" + board));
        outsider.command(Commands.sync("board:" + board, 0, ""));
        assertThat(outsider.rawFrames()).as("push, catch-up and snapshot").isNotEmpty().noneMatch(frame -> frame.contains(photo));
      }
      animator.command(Commands.reveal(board, false));
      assertThat(other.command(Commands.sync("board:" + board)).getJsonObject("snapshot").encode())
          .as("after the reveal").contains(photo);
    }
  }

  @Test
  void aDeletedNotesPhotoStaysWhileTheNoteMayBeRestoredAndGoesWhenItLeavesTheTrash(Vertx vertx) throws Exception {
    TestWorkshop workshop = TestWorkshop.create(vertx, node.port(), "Corbeille", "A");
    String board = workshop.board(0);
    String token = workshop.join(vertx, "Sylvie");
    String photo = upload(vertx, token, PhotoContentTest.picture("jpg"), "image/jpeg").bodyAsJsonObject().getString("photo");
    try (RedisInspector redis = new RedisInspector(vertx, node.redisUrl());
         BridgeClient sylvie = BridgeClient.connect(vertx, node.port(), token);
         BridgeClient animator = BridgeClient.connect(vertx, node.port(), workshop.animatorToken())) {
      assertThat(sylvie.command(noteWithPhoto(board, "kept", photo)).getBoolean("ok")).isTrue();
      assertThat(sylvie.command(Commands.deleteNote(board, "kept")).getBoolean("ok")).isTrue();
      assertThat(photoKeys(redis, workshop.id())).as("in the trash, restorable").hasSize(1);
      assertThat(animator.command(Commands.restoreNote(board, "kept")).getBoolean("ok")).isTrue();
      assertThat(sylvie.command(Commands.sync("board:" + board)).getJsonObject("snapshot").getJsonArray("notes")
          .getJsonObject(0).getString("photo")).isEqualTo(photo);

      assertThat(sylvie.command(Commands.deleteNote(board, "kept")).getBoolean("ok")).isTrue();
      for (int i = 0; i < 200; i++) {
        sylvie.command(Commands.createNote(board, "n" + i, "Idée " + i));
        assertThat(sylvie.command(Commands.deleteNote(board, "n" + i)).getBoolean("ok")).isTrue();
      }

      assertThat(photoKeys(redis, workshop.id())).as("pushed out of the trash's 200").isEmpty();
    }
  }

  @Test
  void onePersonSendingPhotoAfterPhotoIsToldToWait(Vertx vertx) throws Exception {
    TestWorkshop workshop = TestWorkshop.create(vertx, node.port(), "En rafale", "A");
    String token = workshop.join(vertx, "Sylvie");
    byte[] jpeg = PhotoContentTest.picture("jpg");
    for (int i = 0; i < 3; i++) {
      assertThat(upload(vertx, token, jpeg, "image/jpeg").statusCode()).isEqualTo(201);
    }

    HttpResponse<Buffer> fourth = upload(vertx, token, jpeg, "image/jpeg");

    assertThat(fourth.statusCode()).isEqualTo(429);
    assertThat(fourth.bodyAsJsonObject().getString("error")).isEqualTo("too_many_requests");
    assertThat(Long.parseLong(fourth.getHeader("Retry-After"))).isPositive();
    assertThat(upload(vertx, workshop.join(vertx, "Paul"), jpeg, "image/jpeg").statusCode()).as("another person").isEqualTo(201);
    try (RedisInspector redis = new RedisInspector(vertx, node.redisUrl())) {
      assertThat(photoKeys(redis, workshop.id())).hasSize(4);
    }
  }

  @Test
  void deletingTheWorkshopDeletesItsPhotos(Vertx vertx) throws Exception {
    TestWorkshop workshop = TestWorkshop.create(vertx, node.port(), "À supprimer", "A");
    String token = workshop.join(vertx, "Sylvie");
    String shown = upload(vertx, token, PhotoContentTest.picture("jpg"), "image/jpeg").bodyAsJsonObject().getString("photo");
    upload(vertx, token, PhotoContentTest.picture("png"), "image/png");
    try (BridgeClient sylvie = BridgeClient.connect(vertx, node.port(), token)) {
      assertThat(sylvie.command(noteWithPhoto(workshop.board(0), "n1", shown)).getBoolean("ok")).isTrue();
    }
    try (RedisInspector redis = new RedisInspector(vertx, node.redisUrl())) {
      assertThat(photoKeys(redis, workshop.id())).hasSize(2);

      assertThat(TestWorkshop.deleteAs(vertx, node.port(), workshop.animatorToken(), "/api/workshop").statusCode()).isEqualTo(200);

      assertThat(photoKeys(redis, workshop.id())).isEmpty();
      assertThat(redis.allKeys()).noneMatch(key -> key.contains(workshop.id()));
    }
    assertThat(TestWorkshop.get(vertx, node.port(), "/photos/" + workshop.id() + "/" + shown).statusCode()).isEqualTo(404);
  }

  private static HttpResponse<Buffer> upload(Vertx vertx, String token, byte[] bytes, String contentType) {
    WebClient client = WebClient.create(vertx);
    try {
      return client.post(node.port(), "127.0.0.1", "/api/photos").putHeader("Authorization", "Bearer " + token)
          .putHeader("Content-Type", contentType).sendBuffer(Buffer.buffer(bytes)).await();
    } finally {
      client.close();
    }
  }

  /** The status and error code, read on the event loop as the answer comes (the client has not finished sending). */
  private static String answer(HttpClientRequest request) throws Exception {
    return request.response()
        .compose(response -> response.body().map(body -> response.statusCode() + " " + body.toJsonObject().getString("error")))
        .await(10, TimeUnit.SECONDS);
  }

  private static JsonObject noteWithPhoto(String board, String noteId, String photo) {
    JsonObject command = Commands.createNote(board, noteId, "Le lavoir restauré");
    command.getJsonObject("note").put("photo", photo);
    return command;
  }

  private static long ttl(RedisInspector redis, String key) {
    return redis.send(Request.cmd(Command.TTL).arg(key)).toLong();
  }

  private static Set<String> photoKeys(RedisInspector redis, String workshopId) {
    Set<String> keys = new java.util.HashSet<>(redis.allKeys());
    keys.removeIf(key -> !key.startsWith(PhotoStore.key(workshopId, "")));
    return keys;
  }
}
