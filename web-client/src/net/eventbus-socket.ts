import { randomId } from '../protocol/ids';
import { PROTOCOL_VERSION } from '../protocol/messages';
import { Backoff } from './backoff';
import { BusError, type BusHeaders, type BusSocket, type ConnectionStatus, type MessageHandler } from './bus-socket';
import type { Connectivity } from './connectivity';
import type { Transport, TransportFactory } from './transport';

export interface EventBusSocketOptions {
  url: string;
  openTransport: TransportFactory;
  connectivity: Connectivity;
  backoff?: Backoff;
  /** The server closes sockets that stay silent for 10 s. */
  pingIntervalMs?: number;
  requestTimeoutMs?: number;
}

type OutgoingFrame =
  | { type: 'send'; address: string; headers?: BusHeaders; body: unknown; replyAddress: string }
  | { type: 'register'; address: string; headers: BusHeaders }
  | { type: 'unregister'; address: string }
  | { type: 'ping' };

type IncomingFrame =
  | { type: 'rec'; address: string; body: unknown }
  | { type: 'err'; address?: string; body?: string; failureType?: string; message?: string };

interface PendingRequest {
  resolve(body: unknown): void;
  reject(error: BusError): void;
  timeout: ReturnType<typeof setTimeout>;
}

interface Subscription {
  headers: BusHeaders;
  handlers: Set<MessageHandler>;
}

/** The Vert.x SockJS event-bus bridge protocol, spoken over a transport that may drop at any time. */
export class EventBusSocket implements BusSocket {
  private readonly url: string;
  private readonly openTransport: TransportFactory;
  private readonly connectivity: Connectivity;
  private readonly backoff: Backoff;
  private readonly pingIntervalMs: number;
  private readonly requestTimeoutMs: number;

  private currentStatus: ConnectionStatus = 'disconnected';
  private transport: Transport | null = null;
  /** Tells the events of the current transport from late ones of a transport already dropped. */
  private attempt = 0;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private pingTimer: ReturnType<typeof setInterval> | undefined;
  private closed = false;

  private readonly requests = new Map<string, PendingRequest>();
  private readonly subscriptions = new Map<string, Subscription>();
  private readonly statusListeners = new Set<(status: ConnectionStatus) => void>();
  private readonly bridgeErrorListeners = new Set<(code: string) => void>();
  private readonly stopWatchingConnectivity: () => void;

  constructor(options: EventBusSocketOptions) {
    this.url = options.url;
    this.openTransport = options.openTransport;
    this.connectivity = options.connectivity;
    this.backoff = options.backoff ?? new Backoff();
    this.pingIntervalMs = options.pingIntervalMs ?? 5_000;
    this.requestTimeoutMs = options.requestTimeoutMs ?? 10_000;
    this.stopWatchingConnectivity = this.connectivity.subscribe({
      online: () => {
        if (this.currentStatus !== 'connected') this.restart();
      },
      offline: () => this.disconnect(),
      visible: () => {
        // A phone that slept may hold a dead socket: a ping makes the transport notice.
        if (this.currentStatus === 'connected') this.write({ type: 'ping' });
        else if (this.currentStatus === 'disconnected') this.restart();
      },
    });
    this.connect();
  }

  get status(): ConnectionStatus {
    return this.currentStatus;
  }

  send<Reply>(address: string, body: unknown, headers?: BusHeaders): Promise<Reply> {
    if (this.currentStatus !== 'connected') return Promise.reject(new BusError('disconnected'));
    const replyAddress = randomId();
    return new Promise<Reply>((resolve, reject) => {
      const timeout = setTimeout(() => {
        this.requests.delete(replyAddress);
        reject(new BusError('timeout'));
      }, this.requestTimeoutMs);
      this.requests.set(replyAddress, { resolve: resolve as (body: unknown) => void, reject, timeout });
      this.write({ type: 'send', address, headers, body, replyAddress });
    });
  }

  register(address: string, headers: BusHeaders, handler: MessageHandler): () => void {
    let subscription = this.subscriptions.get(address);
    if (!subscription) {
      subscription = { headers, handlers: new Set() };
      this.subscriptions.set(address, subscription);
      if (this.currentStatus === 'connected') this.write({ type: 'register', address, headers });
    }
    const ownHandler: MessageHandler = (body) => handler(body);
    subscription.handlers.add(ownHandler);
    const registered = subscription;
    return () => {
      registered.handlers.delete(ownHandler);
      if (registered.handlers.size > 0 || this.subscriptions.get(address) !== registered) return;
      this.subscriptions.delete(address);
      if (this.currentStatus === 'connected') this.write({ type: 'unregister', address });
    };
  }

  onStatusChange(listener: (status: ConnectionStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  onBridgeError(listener: (code: string) => void): () => void {
    this.bridgeErrorListeners.add(listener);
    return () => this.bridgeErrorListeners.delete(listener);
  }

  restart(): void {
    if (this.closed) return;
    this.dropTransport();
    this.backoff.reset();
    this.connect();
  }

  close(): void {
    this.closed = true;
    this.stopWatchingConnectivity();
    this.disconnect();
  }

  private connect(): void {
    clearTimeout(this.reconnectTimer);
    if (this.closed) return;
    if (!this.connectivity.online) {
      this.setStatus('disconnected');
      return;
    }
    this.setStatus('connecting');
    const attempt = ++this.attempt;
    const isCurrent = () => attempt === this.attempt;
    this.transport = this.openTransport(this.url, {
      open: () => {
        if (isCurrent()) this.handleOpen();
      },
      message: (data) => {
        if (isCurrent()) this.handleFrame(data);
      },
      close: () => {
        if (isCurrent()) this.handleDrop();
      },
    });
  }

  private handleOpen(): void {
    this.backoff.reset();
    for (const [address, { headers }] of this.subscriptions) this.write({ type: 'register', address, headers });
    this.pingTimer = setInterval(() => this.write({ type: 'ping' }), this.pingIntervalMs);
    this.setStatus('connected');
  }

  private handleDrop(): void {
    this.dropTransport();
    this.setStatus('disconnected');
    this.reconnectTimer = setTimeout(() => this.connect(), this.backoff.nextDelay());
  }

  private disconnect(): void {
    clearTimeout(this.reconnectTimer);
    this.dropTransport();
    this.setStatus('disconnected');
  }

  private dropTransport(): void {
    this.attempt++;
    clearInterval(this.pingTimer);
    this.transport?.close();
    this.transport = null;
    for (const [replyAddress, request] of this.requests) {
      this.requests.delete(replyAddress);
      clearTimeout(request.timeout);
      request.reject(new BusError('disconnected'));
    }
  }

  private handleFrame(data: string): void {
    let frame: IncomingFrame;
    try {
      frame = JSON.parse(data) as IncomingFrame;
    } catch {
      return;
    }
    const address = frame.address ?? '';
    const request = this.requests.get(address);
    if (request) {
      this.requests.delete(address);
      clearTimeout(request.timeout);
      if (frame.type === 'rec') request.resolve(frame.body);
      else request.reject(new BusError('reply_failed', frame.message ?? frame.failureType));
      return;
    }
    if (frame.type === 'rec') {
      const { body } = frame;
      this.subscriptions.get(address)?.handlers.forEach((handler) => handler(body));
    } else {
      const code = frame.body ?? 'error';
      this.bridgeErrorListeners.forEach((listener) => listener(code));
    }
  }

  /** Sends and registers say which protocol this page speaks: a page older than the server is told to reload. */
  private write(frame: OutgoingFrame): void {
    const versioned =
      frame.type === 'send' || frame.type === 'register'
        ? { ...frame, headers: { ...frame.headers, protocol: String(PROTOCOL_VERSION) } }
        : frame;
    this.transport?.send(JSON.stringify(versioned));
  }

  private setStatus(status: ConnectionStatus): void {
    if (status === this.currentStatus) return;
    this.currentStatus = status;
    this.statusListeners.forEach((listener) => listener(status));
  }
}
