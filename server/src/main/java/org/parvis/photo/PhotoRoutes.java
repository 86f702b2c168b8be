package org.parvis.photo;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import org.parvis.ops.ClientThrottle;
import org.parvis.ops.HttpRefusals;
import org.parvis.stream.StreamId;
import org.parvis.sync.RejectedException;
import org.parvis.sync.Rejection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Photos over HTTP. {@code POST /api/photos} (the body is the picture, the bearer token a
 * participant's or an animator's) answers the photo's id; {@code GET /photos/<workshop>/<photo>}
 * serves it, as the picture it is and never as a page. An {@code <img>} sends no token, so the id,
 * 128 random bits that only the note's audience receives, is what proves the right to see it.
 */
public final class PhotoRoutes {

  /** How long a refused upload's connection stays open after the answer, its input discarded. */
  private static final long REFUSED_UPLOAD_LINGER_MS = 1_000;

  private static final Logger LOG = LoggerFactory.getLogger(PhotoRoutes.class);
  private static final Pattern WORKSHOP_ID = Pattern.compile(StreamId.WORKSHOP_ID_FORM);
  private static final Map<String, Integer> STATUS = Map.of(
      "invalid_token", 401,
      "forbidden", 403,
      "unknown_workshop", 404,
      "photo_too_large", 413,
      "photo_not_image", 415,
      "too_many_requests", 429);
  /** Ids are never reused, so a browser may keep a photo; no shared cache may. */
  private static final String CACHE = "private, max-age=86400, immutable";

  /** Who sends a photo, as its token proves: its workshop, its id, and whether its role adds to notes. */
  public record Uploader(String workshopId, String id, boolean mayAddPhotos) {}

  private final PhotoStore photos;
  private final Function<HttpServerRequest, Future<Uploader>> uploaders;
  private final HttpRefusals refusals;
  private final ClientThrottle perPerson;
  private final long maxBytes;
  private final LongSupplier clock;

  /**
   * {@code uploaders}: the sender of a request, from its bearer token, or a failure rejecting it
   * ({@code invalid_token}). {@code perPerson}: how many photos one person may send, so that no
   * token fills Redis.
   */
  public PhotoRoutes(PhotoStore photos, Function<HttpServerRequest, Future<Uploader>> uploaders, HttpRefusals refusals,
      ClientThrottle perPerson, long maxBytes, LongSupplier clock) {
    this.photos = photos;
    this.uploaders = uploaders;
    this.refusals = refusals;
    this.perPerson = perPerson;
    this.maxBytes = maxBytes;
    this.clock = clock;
  }

  public void mount(Router router) {
    router.post("/api/photos").handler(this::upload);
    router.get("/photos/:workshop/:photo").handler(this::serve);
  }

  private void upload(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    if (declaredLength(request) > maxBytes) {
      refuseUnread(ctx, tooLarge());
      return;
    }
    // The token is checked before a byte of the body is taken in.
    request.pause();
    uploaders.apply(request)
        .compose(uploader -> uploader.mayAddPhotos()
            ? Future.succeededFuture(uploader)
            : Future.failedFuture(new RejectedException(Rejection.of("forbidden", "Observers do not add photos."))))
        .compose(uploader -> {
          long wait = perPerson.secondsToWait(uploader.workshopId() + "/" + uploader.id());
          if (wait == 0) return Future.succeededFuture(uploader);
          ctx.response().putHeader("Retry-After", Long.toString(wait));
          return Future.failedFuture(new RejectedException(Rejection.of("too_many_requests",
              "Too many photos in a short time: wait " + wait + " seconds, then try again.")));
        })
        .onSuccess(uploader -> readBody(ctx, uploader))
        .onFailure(failure -> refuseUnread(ctx, failure instanceof RejectedException rejected
            ? rejected.rejection()
            : Rejection.of("unavailable", "The server cannot reach its storage. Retry in a moment.")));
  }

  /** Takes the body in up to the limit: one byte more and the upload is refused without reading on. */
  private void readBody(RoutingContext ctx, Uploader uploader) {
    HttpServerRequest request = ctx.request();
    Buffer body = Buffer.buffer((int) Math.min(maxBytes, Math.max(declaredLength(request), 16 * 1024)));
    request.handler(chunk -> {
      if (ctx.response().ended()) return;
      if (body.length() + chunk.length() > maxBytes) {
        refuseUnread(ctx, tooLarge());
      } else {
        body.appendBuffer(chunk);
      }
    });
    request.endHandler(end -> {
      if (!ctx.response().ended()) keep(ctx, uploader, body.getBytes());
    });
    request.resume();
  }

  private void keep(RoutingContext ctx, Uploader uploader, byte[] bytes) {
    String photoId = PhotoId.fresh();
    // Reading a picture's structure is CPU work: off the event loop.
    ctx.vertx().executeBlocking(() -> PhotoContent.clean(bytes), false)
        .compose(verdict -> verdict.isAllowed()
            ? photos.store(uploader.workshopId(), photoId, verdict.value(), uploader.id(), clock.getAsLong())
                .compose(stored -> stored
                    ? Future.succeededFuture(verdict.value())
                    : Future.failedFuture(new RejectedException(Rejection.of("unknown_workshop", "This workshop is gone."))))
            : Future.failedFuture(new RejectedException(verdict.rejection())))
        .onSuccess(photo -> ctx.response().setStatusCode(201)
            .putHeader("Content-Type", "application/json; charset=utf-8")
            .putHeader("Cache-Control", "no-store")
            .end(new JsonObject()
                .put("photo", photoId)
                .put("url", PhotoId.path(uploader.workshopId(), photoId))
                .put("type", photo.mediaType())
                .put("bytes", photo.bytes().length)
                .encode()))
        .onFailure(failure -> {
          if (failure instanceof RejectedException rejected) {
            refusals.refuse(ctx, STATUS.getOrDefault(rejected.rejection().code(), 400), rejected.rejection());
          } else {
            LOG.warn("Photo upload failed: {}", failure.toString());
            refusals.refuse(ctx, 503, Rejection.of("unavailable", "The server cannot reach its storage. Retry in a moment."));
          }
        });
  }

  private void serve(RoutingContext ctx) {
    String workshopId = ctx.pathParam("workshop");
    String photoId = ctx.pathParam("photo");
    if (!WORKSHOP_ID.matcher(workshopId).matches() || !PhotoId.isValid(photoId)) {
      notFound(ctx);
      return;
    }
    photos.read(workshopId, photoId).onComplete(read -> {
      if (read.failed()) {
        ctx.response().setStatusCode(503).putHeader("Cache-Control", "no-store").end();
      } else if (read.result().isEmpty()) {
        notFound(ctx);
      } else {
        PhotoStore.StoredPhoto photo = read.result().get();
        ctx.response()
            .putHeader("Content-Type", photo.mediaType())
            .putHeader("X-Content-Type-Options", "nosniff")
            .putHeader("Content-Disposition", "inline")
            // Even opened on its own, the answer is a picture in a sandbox that runs nothing.
            .putHeader("Content-Security-Policy", "default-src 'none'; sandbox")
            .putHeader("Cache-Control", CACHE)
            .end(photo.bytes());
      }
    });
  }

  private static void notFound(RoutingContext ctx) {
    ctx.response().setStatusCode(404).putHeader("Cache-Control", "no-store").end();
  }

  /**
   * Answers without storing the rest of the body, and closes the connection a moment after the
   * answer, so a client still sending learns at once and the server keeps nothing more. The moment
   * matters: a connection closed while the client's bytes still arrive is reset, and a reset may
   * destroy the answer before the client has read it (a test saw an empty 413); meanwhile what
   * arrives is discarded.
   */
  private void refuseUnread(RoutingContext ctx, Rejection rejection) {
    HttpServerRequest request = ctx.request();
    request.handler(discarded -> {});
    request.resume();
    ctx.response().endHandler(written -> {
      if (request.version() == HttpVersion.HTTP_2) ctx.response().reset();
      else ctx.vertx().setTimer(REFUSED_UPLOAD_LINGER_MS, lingered -> request.connection().close());
    });
    refusals.refuse(ctx, STATUS.getOrDefault(rejection.code(), 503), rejection);
  }

  private Rejection tooLarge() {
    return new Rejection("photo_too_large", "A photo is at most " + maxBytes + " bytes.", "photo");
  }

  private static long declaredLength(HttpServerRequest request) {
    try {
      String length = request.getHeader("Content-Length");
      return length == null ? -1 : Long.parseLong(length.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
