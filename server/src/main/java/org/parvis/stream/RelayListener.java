package org.parvis.stream;

/** What the node's relay tells those who keep something per stream: an event came, the subscription came or went. */
public interface RelayListener {

  /** An event of this stream reached this node. */
  void changed(StreamId stream);

  /** The subscription is in place: from now on every event reaches this node. */
  void subscribed();

  /** The subscription is lost: events may be missed until it is back. */
  void unsubscribed();
}
