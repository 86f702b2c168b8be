package org.parvis.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parvis.stream.StreamId;

class SnapshotCacheTest {

  private final AtomicLong now = new AtomicLong();
  private final SnapshotCache cache = new SnapshotCache(1_000_000_000L, now::get);
  private final StreamId board = StreamId.board("w1-1");
  private final StreamId other = StreamId.board("w1-2");

  @BeforeEach
  void subscribed() {
    cache.subscribed();
  }

  private static JsonObject snapshot(long rev) {
    return new JsonObject().put("stream", "board:w1-1").put("rev", rev).put("snapshot", new JsonObject().put("notes", "[]"));
  }

  @Test
  void aSnapshotTheSameForEveryReaderIsSharedUntilAnEventOfItsStream() {
    cache.offer(board, cache.generation(board), true, snapshot(7));
    assertThat(cache.get(board).getLong("rev")).isEqualTo(7);

    cache.changed(other);
    assertThat(cache.get(board)).isNotNull();
    cache.changed(board);
    assertThat(cache.get(board)).isNull();
  }

  @Test
  void aSnapshotWithWhatOnlySomeReadersMaySeeIsNeverKept() {
    cache.offer(board, cache.generation(board), false, snapshot(7));
    assertThat(cache.get(board)).isNull();
  }

  @Test
  void aReadDuringWhichAnEventCameIsNotKept() {
    long before = cache.generation(board);
    cache.changed(board);
    cache.offer(board, before, true, snapshot(7));
    assertThat(cache.get(board)).isNull();
  }

  @Test
  void nothingIsKeptOrServedWhileTheSubscriptionIsLost() {
    cache.offer(board, cache.generation(board), true, snapshot(7));
    long before = cache.generation(board);
    cache.unsubscribed();
    assertThat(cache.get(board)).isNull();
    cache.offer(board, cache.generation(board), true, snapshot(8));
    assertThat(cache.get(board)).isNull();
    cache.subscribed();
    cache.offer(board, before, true, snapshot(8));
    assertThat(cache.get(board)).as("read before the subscription came back").isNull();
  }

  @Test
  void aSnapshotServesForItsWindowOnly() {
    cache.offer(board, cache.generation(board), true, snapshot(7));
    now.addAndGet(1_500_000_000L);
    assertThat(cache.get(board)).isNull();
  }

  @Test
  void eachReaderGetsItsOwnReplyToAddFieldsTo() {
    JsonObject read = snapshot(7);
    cache.offer(board, cache.generation(board), true, read);
    read.put("ok", true);
    JsonObject first = cache.get(board);
    first.put("mine", 1);
    assertThat(cache.get(board).containsKey("mine")).isFalse();
    assertThat(cache.get(board).containsKey("ok")).isFalse();
  }
}
