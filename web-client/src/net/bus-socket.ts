export type ConnectionStatus = 'connecting' | 'connected' | 'disconnected';

export type BusHeaders = Record<string, string>;

export type MessageHandler = (body: unknown) => void;

/** The event-bus as the rest of the client sees it: requests with replies, and subscriptions. */
export interface BusSocket {
  readonly status: ConnectionStatus;
  /** Resolves with the reply body; rejects with a BusError. */
  send<Reply = unknown>(address: string, body: unknown, headers?: BusHeaders): Promise<Reply>;
  /** The handler stays registered across reconnects until the returned function is called. */
  register(address: string, headers: BusHeaders, handler: MessageHandler): () => void;
  onStatusChange(listener: (status: ConnectionStatus) => void): () => void;
  /** Error frames the bridge could not tie to a request, such as `access_denied`. */
  onBridgeError(listener: (code: string) => void): () => void;
  /** Drops the current connection, if any, and connects again at once. */
  restart(): void;
  close(): void;
}

/**
 * `disconnected`: the connection dropped or was not open, the request may or may not have been
 * applied. `timeout`: no reply in time. `reply_failed`: the bridge answered the request with an
 * event-bus failure (no handler, server-side timeout).
 */
export type BusErrorCode = 'disconnected' | 'timeout' | 'reply_failed';

export class BusError extends Error {
  constructor(
    readonly code: BusErrorCode,
    message: string = code,
  ) {
    super(message);
    this.name = 'BusError';
  }
}
