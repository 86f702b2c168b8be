package org.parvis.sync;

import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.parvis.stream.RelayListener;
import org.parvis.stream.StreamId;

/**
 * A stream's latest snapshot on this node, shared by everyone who joins within a short window
 * instead of one Redis read each. Only a snapshot that is the same for every reader is kept (read.lua
 * says so: no private, hidden or anonymous note, no barometer answers), so a cached one can never
 * hand one reader what only another may see. It is dropped by a change to its stream this node
 * applies (before the change is acknowledged: whoever made it and syncs next reads it), by the first
 * event of its stream this node relays, by a lost subscription (events may have been missed), and
 * after {@code maxAgeNanos}.
 *
 * <p>Why an event relayed after a reader's register is enough: a reader follows the stream before
 * it syncs, so an event newer than the snapshot either reached the relay before the sync (and
 * dropped the entry: the reader gets a fresh read) or reaches it later, and is pushed to the reader.
 */
public final class SnapshotCache implements RelayListener {

  /** A snapshot as answered to stream.sync ({@code rev}, {@code h}, {@code snapshot}), read at a generation. */
  public record Entry(JsonObject answer, long generation, long storedAtNanos) {}

  private static final int MAX_STREAMS = 10_000;
  private static final int MAX_GENERATIONS = 100_000;

  private final long maxAgeNanos;
  private final LongSupplier nanoClock;
  private final Map<StreamId, Entry> entries = new ConcurrentHashMap<>();
  private final Map<StreamId, Long> generations = new ConcurrentHashMap<>();
  private final AtomicLong epoch = new AtomicLong();
  private volatile boolean subscribed;

  public SnapshotCache(long maxAgeNanos, LongSupplier nanoClock) {
    this.maxAgeNanos = maxAgeNanos;
    this.nanoClock = nanoClock;
  }

  /** Where a read of this stream starts: a read that ends at another generation is not kept. */
  public long generation(StreamId stream) {
    return epoch.get() * 1_000_000_007L + generations.getOrDefault(stream, 0L);
  }

  /** The snapshot still valid for this stream, if any. */
  public JsonObject get(StreamId stream) {
    Entry entry = entries.get(stream);
    if (entry == null || !subscribed) {
      return null;
    }
    if (nanoClock.getAsLong() - entry.storedAtNanos() > maxAgeNanos || entry.generation() != generation(stream)) {
      entries.remove(stream, entry);
      return null;
    }
    // A reply gets fields added to it: each reader its own top level, the snapshot itself shared and never changed.
    return new JsonObject(new LinkedHashMap<>(entry.answer().getMap()));
  }

  /** Keeps a snapshot read from {@code generation} on, if nothing changed the stream since and it is the same for every reader. */
  public void offer(StreamId stream, long generation, boolean sameForEveryReader, JsonObject answer) {
    if (!sameForEveryReader || !subscribed || generation != generation(stream)) {
      return;
    }
    if (entries.size() >= MAX_STREAMS) {
      entries.clear();
    }
    // Its own top level: the reply it was read for gets fields added to it on its way out.
    Entry entry = new Entry(new JsonObject(new LinkedHashMap<>(answer.getMap())), generation, nanoClock.getAsLong());
    entries.put(stream, entry);
    // An event relayed while this was put has bumped the generation: undo it then.
    if (generation != generation(stream)) {
      entries.remove(stream, entry);
    }
  }

  /** An event of this stream reached the node: its snapshot is old. */
  @Override
  public void changed(StreamId stream) {
    if (generations.size() >= MAX_GENERATIONS) {
      // Forgetting the counters is safe once the epoch moves: no read started before can be kept.
      epoch.incrementAndGet();
      generations.clear();
      entries.clear();
    }
    generations.merge(stream, 1L, Long::sum);
    entries.remove(stream);
  }

  /** The node's subscription is (again) in place: snapshots may be kept. */
  @Override
  public void subscribed() {
    epoch.incrementAndGet();
    subscribed = true;
  }

  /** The node's subscription is lost: events may be missed, nothing is kept or served until it is back. */
  @Override
  public void unsubscribed() {
    subscribed = false;
    epoch.incrementAndGet();
    entries.clear();
  }
}
