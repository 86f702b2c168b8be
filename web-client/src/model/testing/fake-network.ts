import {
  BusError,
  type BusHeaders,
  type BusSocket,
  type ConnectionStatus,
  type MessageHandler,
} from '../../net/bus-socket';
import { COMMAND_ADDRESS, streamAddress } from '../../protocol/addresses';
import type { Command, StreamId } from '../../protocol/messages';
import { identityOf, sees, type FakeEngine, type Published } from './fake-engine';

export type ClientFrame =
  | { type: 'send'; address: string; body: unknown; headers?: BusHeaders; replyAddress: string }
  | { type: 'register'; address: string; headers: BusHeaders };

type ServerFrame = { address: string; body: unknown };

/**
 * A BusSocket whose frames wait in two ordered queues, one each way, until the test delivers them;
 * dropping the connection loses whatever is still queued, as a real network would.
 */
export class FakeConnection implements BusSocket {
  status: ConnectionStatus = 'connected';
  readonly toServer: ClientFrame[] = [];
  readonly toClient: ServerFrame[] = [];
  /** Every frame this client ever sent, for assertions. */
  readonly sentFrames: ClientFrame[] = [];
  private nextReply = 0;
  private readonly requests = new Map<string, { resolve(body: unknown): void; reject(error: BusError): void }>();
  private readonly subscriptions = new Map<string, { headers: BusHeaders; handlers: Set<MessageHandler> }>();
  private readonly statusListeners = new Set<(status: ConnectionStatus) => void>();

  constructor(readonly name: string) {}

  send<Reply>(address: string, body: unknown, headers?: BusHeaders): Promise<Reply> {
    if (this.status !== 'connected') return Promise.reject(new BusError('disconnected'));
    const replyAddress = `${this.name}.reply.${this.nextReply++}`;
    return new Promise<Reply>((resolve, reject) => {
      this.requests.set(replyAddress, { resolve: resolve as (body: unknown) => void, reject });
      this.write({ type: 'send', address, body, headers, replyAddress });
    });
  }

  register(address: string, headers: BusHeaders, handler: MessageHandler): () => void {
    const subscription = this.subscriptions.get(address) ?? { headers, handlers: new Set<MessageHandler>() };
    if (!this.subscriptions.has(address)) {
      this.subscriptions.set(address, subscription);
      if (this.status === 'connected') this.write({ type: 'register', address, headers });
    }
    subscription.handlers.add(handler);
    return () => subscription.handlers.delete(handler);
  }

  onStatusChange(listener: (status: ConnectionStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  onBridgeError(): () => void {
    return () => undefined;
  }

  restart(): void {
    this.drop();
    this.reconnect();
  }

  close(): void {
    this.drop();
  }

  drop(): void {
    if (this.status === 'disconnected') return;
    this.toServer.length = 0;
    this.toClient.length = 0;
    for (const request of this.requests.values()) request.reject(new BusError('disconnected'));
    this.requests.clear();
    this.setStatus('disconnected');
  }

  reconnect(): void {
    if (this.status === 'connected') return;
    this.status = 'connected';
    for (const [address, { headers }] of this.subscriptions) this.write({ type: 'register', address, headers });
    this.setStatus('connected');
  }

  deliverToClient(): void {
    const frame = this.toClient.shift();
    if (!frame) return;
    const request = this.requests.get(frame.address);
    if (request) {
      this.requests.delete(frame.address);
      request.resolve(frame.body);
    } else {
      this.subscriptions.get(frame.address)?.handlers.forEach((handler) => handler(frame.body));
    }
  }

  private write(frame: ClientFrame): void {
    this.toServer.push(frame);
    this.sentFrames.push(frame);
  }

  private setStatus(status: ConnectionStatus): void {
    this.status = status;
    this.statusListeners.forEach((listener) => listener(status));
  }
}

/** What the other side receives: a copy, as JSON carries it, sharing nothing with the sender's objects. */
function onTheWire(body: unknown): unknown {
  return JSON.parse(JSON.stringify(body));
}

/** Connects FakeConnections to one FakeEngine; the server only sees what is delivered. */
export class FakeNetwork {
  private readonly registered = new Map<FakeConnection, Set<string>>();

  constructor(
    readonly server: FakeEngine,
    /** The real server may publish an event before or after it replies to the command. */
    private readonly replyBeforeEvents: () => boolean = () => true,
  ) {}

  connect(connection: FakeConnection): FakeConnection {
    connection.onStatusChange((status) => {
      if (status === 'disconnected') this.registered.delete(connection);
    });
    return connection;
  }

  /** Delivers the connection's oldest frame to the server, sent by `by` (see identityOf). */
  deliverToServer(connection: FakeConnection, by: string): void {
    const frame = connection.toServer.shift();
    if (!frame) return;
    if (frame.type === 'register') {
      const addresses = this.registered.get(connection) ?? new Set<string>();
      addresses.add(frame.address);
      this.registered.set(connection, addresses);
      return;
    }
    if (frame.address !== COMMAND_ADDRESS) return;
    const { reply, published } = this.server.handle(onTheWire(frame.body) as Command, identityOf(by));
    const replyFirst = this.replyBeforeEvents();
    if (replyFirst) connection.toClient.push({ address: frame.replyAddress, body: onTheWire(reply) });
    this.publish(published);
    if (!replyFirst) connection.toClient.push({ address: frame.replyAddress, body: onTheWire(reply) });
  }

  /** Sends each event to the followers of its stream: itself to its audience, its shadow to the others. */
  publish(published: readonly Published[]): void {
    for (const { stream, audience, event, shadow } of published) {
      this.broadcast(stream, (listener) => (sees(identityOf(listener.name), audience) ? event : shadow));
    }
  }

  /** What a node sends on its own: `stream.resync`, `stream.head`. */
  broadcast(stream: StreamId, body: (listener: FakeConnection) => unknown): void {
    const address = streamAddress(stream);
    for (const [listener, addresses] of this.registered) {
      if (addresses.has(address)) listener.toClient.push({ address, body: onTheWire(body(listener)) });
    }
  }
}

export async function flushMicrotasks(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}
