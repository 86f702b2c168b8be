export interface TransportEvents {
  open(): void;
  message(data: string): void;
  close(): void;
}

/** One connection attempt: a SockJS session in the browser, a fake in tests. */
export interface Transport {
  send(data: string): void;
  /** Closes without calling `events.close`. */
  close(): void;
}

export type TransportFactory = (url: string, events: TransportEvents) => Transport;
