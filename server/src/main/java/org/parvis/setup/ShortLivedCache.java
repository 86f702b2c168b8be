package org.parvis.setup;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * What many people ask for at once, read once: a value is kept for {@code maxAgeNanos}, and those who
 * ask while it is being read wait for that same read (each continues on its own event loop). A
 * failed read is not kept. For what a later, authoritative step checks again (the join script checks
 * the code and that joining is open), so a value a moment old is never trusted for a decision.
 */
public final class ShortLivedCache<K, V> {

  private record Entry<V>(Future<V> value, long readAtNanos) {}

  private static final int MAX_ENTRIES = 10_000;

  private final long maxAgeNanos;
  private final LongSupplier nanoClock;
  private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();

  public ShortLivedCache(long maxAgeNanos, LongSupplier nanoClock) {
    this.maxAgeNanos = maxAgeNanos;
    this.nanoClock = nanoClock;
  }

  /** The value for {@code key}: kept, being read, or read now by {@code read}. */
  public Future<V> get(K key, Supplier<Future<V>> read) {
    long now = nanoClock.getAsLong();
    Entry<V> entry = entries.get(key);
    if (entry == null || now - entry.readAtNanos() > maxAgeNanos || entry.value().failed()) {
      if (entries.size() >= MAX_ENTRIES) {
        entries.clear();
      }
      Promise<V> reading = Promise.promise();
      Entry<V> fresh = new Entry<>(reading.future(), now);
      Entry<V> raced = entry == null ? entries.putIfAbsent(key, fresh)
          : entries.replace(key, entry, fresh) ? null : entries.get(key);
      if (raced == null) {
        read.get().onComplete(done -> {
          if (done.failed()) {
            entries.remove(key, fresh);
          }
          reading.handle(done);
        });
        entry = fresh;
      } else {
        entry = raced;
      }
    }
    return onCallersLoop(entry.value());
  }

  /** Forgets the key's value: the next one to ask reads it again. */
  public void forget(K key) {
    entries.remove(key);
  }

  private static <V> Future<V> onCallersLoop(Future<V> value) {
    Context caller = Vertx.currentContext();
    if (value.isComplete() || caller == null) {
      return value;
    }
    Promise<V> here = Promise.promise();
    value.onComplete(done -> caller.runOnContext(none -> here.handle(done)));
    return here.future();
  }
}
