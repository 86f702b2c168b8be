package org.parvis.bench;

/** How one client reaches the bridge: the raw WebSocket, or SockJS xhr_streaming + xhr_send. */
interface Transport {

  interface Listener {
    void onOpen();

    /** One bridge frame (a JSON object as text). */
    void onMessage(String text);

    /** The transport is gone; {@code kind} is a short error class for the report. */
    void onClosed(String kind, String detail);
  }

  /** Called on the client's event loop. */
  void open(Listener listener);

  /** Called on the client's event loop. */
  void send(String frame);

  void close();

  String kind();
}
