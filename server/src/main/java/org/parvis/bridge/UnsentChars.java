package org.parvis.bridge;

import io.vertx.core.AsyncResult;
import io.vertx.core.Handler;

/**
 * How far one socket is behind: the characters of its writes not yet taken by the network. Each
 * write adds its length, each completed write takes off the oldest (a socket's writes complete in
 * the order they were made). The counter is the completion handler of every write of its socket,
 * and lengths sit in a ring of ints, so a write allocates nothing here: the fan-out writes one frame
 * to thousands of sockets per event.
 */
final class UnsentChars implements Handler<AsyncResult<Void>> {

  private int[] lengths = new int[8];
  private int head;
  private int count;
  private long chars;

  /** Adds a write of {@code length} unless it would put the socket beyond {@code max}: then false, nothing added. */
  boolean tryAdd(int length, int max) {
    if (chars + length > max) {
      return false;
    }
    if (count == lengths.length) {
      int[] bigger = new int[lengths.length * 2];
      for (int i = 0; i < count; i++) {
        bigger[i] = lengths[(head + i) % lengths.length];
      }
      lengths = bigger;
      head = 0;
    }
    lengths[(head + count) % lengths.length] = length;
    count++;
    chars += length;
    return true;
  }

  /** The oldest write is done (sent, or failed with its socket): its characters are no longer waiting. */
  @Override
  public void handle(AsyncResult<Void> written) {
    if (count == 0) {
      return;
    }
    chars -= lengths[head];
    head = (head + 1) % lengths.length;
    count--;
  }

  long chars() {
    return chars;
  }
}
