package org.parvis.photo;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.Optional;
import org.parvis.store.LuaScript;
import org.parvis.stream.StreamKeys;

/**
 * Photos in Redis, one hash per photo under its workshop's hash tag
 * ({@code parvis:{w:<id>}:photo:<photoId>}: type, bytes, by, at, and the note once one shows it),
 * so every node serves it and deleting the workshop deletes it. A photo no note has taken within
 * {@link #UNCLAIMED_SECONDS} expires by itself; the note functions take it (photo.lua).
 */
public final class PhotoStore {

  /** The helpers the note apply functions share; it goes before them in the apply script. */
  public static final LuaScript.Part NOTE_FUNCTIONS = new LuaScript.Part(PhotoStore.class, "photo.lua");

  /** An upload whose note never came (the phone went away): gone after a day. */
  public static final long UNCLAIMED_SECONDS = 24 * 3600;

  /** Stores only into a workshop that still exists: a deletion during a slow upload leaves nothing behind. */
  private static final String STORE = """
      if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
      redis.call('HSET', KEYS[2], 'type', ARGV[1], 'bytes', ARGV[2], 'by', ARGV[3], 'at', ARGV[4])
      redis.call('EXPIRE', KEYS[2], ARGV[5])
      return 1
      """;

  /** A stored photo as it is served. */
  public record StoredPhoto(String mediaType, Buffer bytes) {}

  private final Redis redis;

  public PhotoStore(Redis redis) {
    this.redis = redis;
  }

  public static String key(String workshopId, String photoId) {
    return StreamKeys.prefix(workshopId) + "photo:" + photoId;
  }

  /** False when the workshop is gone. */
  public Future<Boolean> store(String workshopId, String photoId, PhotoContent.CleanPhoto photo, String by, long at) {
    return redis.send(Request.cmd(Command.EVAL).arg(STORE).arg(2)
            .arg(StreamKeys.workshop(workshopId)).arg(key(workshopId, photoId))
            .arg(photo.mediaType()).arg(Buffer.buffer(photo.bytes())).arg(by).arg(at).arg(UNCLAIMED_SECONDS))
        .map(stored -> stored.toInteger() == 1);
  }

  public Future<Optional<StoredPhoto>> read(String workshopId, String photoId) {
    return redis.send(Request.cmd(Command.HMGET).arg(key(workshopId, photoId)).arg("type").arg("bytes"))
        .map(fields -> {
          Response type = fields == null ? null : fields.get(0);
          Response bytes = fields == null ? null : fields.get(1);
          return type == null || bytes == null
              ? Optional.<StoredPhoto>empty()
              : Optional.of(new StoredPhoto(type.toString(), bytes.toBuffer()));
        });
  }
}
