package org.parvis.setup;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.function.Supplier;

/**
 * Set-up work (an HTTP join, a stream.sync) runs at most {@code limit} at a time on this node; the
 * rest waits its turn, first come first served. Edits never pass through it: however many people
 * arrive at once, at most {@code limit} set-up requests stand in the Redis queue ahead of an edit.
 * The set-up of people already connected (their session, their syncs) goes before new arrivals'
 * HTTP joins ({@link #arrive}): in a roomful arriving at once, each person who has joined gets in
 * (its board shown) without waiting for everyone who knocked after it. Each waiting piece of work
 * starts on the event loop it was asked from.
 */
public final class SetupGate {

  private final int limit;
  private final Queue<Runnable> connected = new ArrayDeque<>();
  private final Queue<Runnable> arriving = new ArrayDeque<>();
  private int running;

  public SetupGate(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("a set-up gate lets at least one through");
    }
    this.limit = limit;
  }

  /** Runs {@code work} (the set-up of someone already connected) now if fewer than the limit run, else once it is its turn. */
  public <T> Future<T> run(Supplier<Future<T>> work) {
    return enter(connected, work);
  }

  /** As {@link #run}, for a new arrival (an HTTP join): it waits behind those already connected. */
  public <T> Future<T> arrive(Supplier<Future<T>> work) {
    return enter(arriving, work);
  }

  private <T> Future<T> enter(Queue<Runnable> queue, Supplier<Future<T>> work) {
    Promise<T> done = Promise.promise();
    Context caller = Vertx.currentContext();
    Runnable start = () -> {
      Future<T> started;
      try {
        started = work.get();
      } catch (RuntimeException failure) {
        started = Future.failedFuture(failure);
      }
      started.onComplete(result -> {
        release();
        done.handle(result);
      });
    };
    boolean now;
    synchronized (this) {
      now = running < limit;
      if (now) {
        running++;
      } else {
        queue.add(caller == null ? start : () -> caller.runOnContext(none -> start.run()));
      }
    }
    if (now) {
      start.run();
    }
    return done.future();
  }

  /** How many wait for their turn (for tests and metrics). */
  public synchronized int waiting() {
    return connected.size() + arriving.size();
  }

  private void release() {
    Runnable next;
    synchronized (this) {
      next = connected.isEmpty() ? arriving.poll() : connected.poll();
      if (next == null) {
        running--;
      }
    }
    // The permit passes to the next in line as it is; it starts on its own event loop.
    if (next != null) {
      next.run();
    }
  }
}
