import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Backoff } from './backoff';
import { BusError } from './bus-socket';
import type { Connectivity, ConnectivityListener } from './connectivity';
import { PROTOCOL_VERSION } from '../protocol/messages';
import { EventBusSocket } from './eventbus-socket';
import type { TransportEvents } from './transport';

class FakeTransport {
  readonly sent: Record<string, unknown>[] = [];
  closed = false;
  constructor(
    readonly url: string,
    readonly events: TransportEvents,
    readonly openedAt: number,
  ) {}
  send(data: string) {
    this.sent.push(JSON.parse(data) as Record<string, unknown>);
  }
  close() {
    this.closed = true;
  }
  receive(frame: unknown) {
    this.events.message(JSON.stringify(frame));
  }
}

class FakeConnectivity implements Connectivity {
  online = true;
  listener: ConnectivityListener | null = null;
  subscribe(listener: ConnectivityListener) {
    this.listener = listener;
    return () => {
      this.listener = null;
    };
  }
}

function setUp({ random = () => 1 } = {}) {
  const transports: FakeTransport[] = [];
  const connectivity = new FakeConnectivity();
  const socket = new EventBusSocket({
    url: '/eventbus',
    connectivity,
    backoff: new Backoff({ initialMs: 500, maxMs: 15_000, random }),
    openTransport: (url, events) => {
      const transport = new FakeTransport(url, events, Date.now());
      transports.push(transport);
      return transport;
    },
  });
  const latest = () => transports[transports.length - 1]!;
  return { socket, transports, connectivity, latest };
}

describe('EventBusSocket frames', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('sends requests as bridge frames and resolves them with the reply sent to their reply address', async () => {
    const { socket, latest } = setUp();
    latest().events.open();
    expect(socket.status).toBe('connected');

    const reply = socket.send('parvis.cmd', { type: 'workshop.get' }, { token: 'T' });
    const frame = latest().sent[0]!;
    expect(frame).toMatchObject({
      type: 'send',
      address: 'parvis.cmd',
      headers: { token: 'T', protocol: String(PROTOCOL_VERSION) },
      body: { type: 'workshop.get' },
    });
    expect(String(frame.replyAddress).length).toBeLessThanOrEqual(36);

    latest().receive({ type: 'rec', address: frame.replyAddress, body: { ok: true } });
    await expect(reply).resolves.toEqual({ ok: true });
  });

  it('pings every 5 seconds while connected', async () => {
    const { latest } = setUp();
    latest().events.open();
    await vi.advanceTimersByTimeAsync(15_000);
    expect(latest().sent.filter((frame) => frame.type === 'ping')).toHaveLength(3);
  });

  it('delivers messages to the handlers of their address and unregisters the last one', () => {
    const { socket, latest } = setUp();
    latest().events.open();
    const first = vi.fn();
    const second = vi.fn();
    const stopFirst = socket.register('parvis.board.w-1', { token: 'T' }, first);
    const stopSecond = socket.register('parvis.board.w-1', { token: 'T' }, second);
    expect(latest().sent).toEqual([{ type: 'register', address: 'parvis.board.w-1', headers: { token: 'T', protocol: String(PROTOCOL_VERSION) } }]);

    latest().receive({ type: 'rec', address: 'parvis.board.w-1', body: { rev: 1 } });
    expect(first).toHaveBeenCalledWith({ rev: 1 });
    expect(second).toHaveBeenCalledWith({ rev: 1 });

    stopFirst();
    stopSecond();
    expect(latest().sent.slice(-1)[0]).toEqual({ type: 'unregister', address: 'parvis.board.w-1' });
  });

  it('rejects a request the bridge answers with an error frame, and reports unaddressed errors', async () => {
    const { socket, latest } = setUp();
    latest().events.open();
    const bridgeErrors = vi.fn();
    socket.onBridgeError(bridgeErrors);
    const reply = socket.send('parvis.cmd', {});
    const { replyAddress } = latest().sent[0]!;
    latest().receive({
      type: 'err',
      address: replyAddress,
      failureCode: -1,
      failureType: 'NO_HANDLERS',
      message: 'none',
    });
    await expect(reply).rejects.toMatchObject({ code: 'reply_failed' });

    latest().receive({ type: 'err', body: 'access_denied' });
    expect(bridgeErrors).toHaveBeenCalledWith('access_denied');
  });

  it('times a request out after 10 seconds', async () => {
    const { socket, latest } = setUp();
    latest().events.open();
    const reply = socket.send('parvis.cmd', {});
    const outcome = expect(reply).rejects.toEqual(new BusError('timeout'));
    await vi.advanceTimersByTimeAsync(10_000);
    await outcome;
  });

  it('rejects requests in flight when the connection drops, and refuses new ones until it is back', async () => {
    const { socket, latest } = setUp();
    latest().events.open();
    const reply = socket.send('parvis.cmd', {});
    latest().events.close();
    await expect(reply).rejects.toMatchObject({ code: 'disconnected' });
    await expect(socket.send('parvis.cmd', {})).rejects.toMatchObject({ code: 'disconnected' });
    expect(socket.status).toBe('disconnected');
  });

  it('registers every handler again on a new connection, before it reports being connected', () => {
    const { socket, latest } = setUp();
    const handler = vi.fn();
    socket.register('parvis.board.w-1', { token: 'T' }, handler);
    socket.register('parvis.workshop.w', { token: 'T' }, handler);
    latest().events.open();
    latest().events.close();

    const registersWhenConnected: unknown[] = [];
    socket.onStatusChange((status) => {
      if (status === 'connected') registersWhenConnected.push(...latest().sent);
    });
    socket.restart();
    latest().events.open();
    expect(registersWhenConnected).toEqual([
      { type: 'register', address: 'parvis.board.w-1', headers: { token: 'T', protocol: String(PROTOCOL_VERSION) } },
      { type: 'register', address: 'parvis.workshop.w', headers: { token: 'T', protocol: String(PROTOCOL_VERSION) } },
    ]);
    latest().receive({ type: 'rec', address: 'parvis.board.w-1', body: 'after' });
    expect(handler).toHaveBeenCalledWith('after');
  });

  it('ignores what a dropped transport says late', () => {
    const { socket, transports, latest } = setUp();
    latest().events.open();
    socket.restart();
    const handler = vi.fn();
    socket.register('a', {}, handler);
    transports[0]!.receive({ type: 'rec', address: 'a', body: 1 });
    transports[0]!.events.close();
    expect(handler).not.toHaveBeenCalled();
    expect(socket.status).toBe('connecting');
    expect(transports[0]!.closed).toBe(true);
  });
});

describe('EventBusSocket reconnection', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('backs off exponentially up to 15 seconds, and starts again from 0.5 s after a success', async () => {
    const { latest } = setUp({ random: () => 1 });
    const failAndWait = async () => {
      latest().events.close();
      const closedAt = Date.now();
      await vi.advanceTimersToNextTimerAsync();
      return latest().openedAt - closedAt;
    };
    const delays: number[] = [];
    for (let failures = 0; failures < 7; failures++) delays.push(await failAndWait());
    expect(delays).toEqual([500, 1_000, 2_000, 4_000, 8_000, 15_000, 15_000]);

    latest().events.open();
    expect(await failAndWait()).toBe(500);
  });

  it('adds jitter: each delay lies between half and all of its step', () => {
    const low = new Backoff({ initialMs: 500, maxMs: 15_000, random: () => 0 });
    const high = new Backoff({ initialMs: 500, maxMs: 15_000, random: () => 1 });
    const lows = Array.from({ length: 7 }, () => low.nextDelay());
    const highs = Array.from({ length: 7 }, () => high.nextDelay());
    expect(lows).toEqual([250, 500, 1_000, 2_000, 4_000, 7_500, 7_500]);
    expect(highs).toEqual([500, 1_000, 2_000, 4_000, 8_000, 15_000, 15_000]);
  });

  it('stops trying while the browser is offline and reconnects at once when it is back online', async () => {
    const { socket, transports, connectivity, latest } = setUp();
    latest().events.open();
    connectivity.online = false;
    connectivity.listener!.offline();
    expect(socket.status).toBe('disconnected');
    expect(latest().closed).toBe(true);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(transports).toHaveLength(1);

    connectivity.online = true;
    connectivity.listener!.online();
    expect(transports).toHaveLength(2);
    expect(socket.status).toBe('connecting');
  });

  it('reconnects at once when the page becomes visible again, without waiting for the backoff', () => {
    const { transports, connectivity, latest } = setUp();
    for (let failures = 0; failures < 5; failures++) latest().events.close();
    expect(transports).toHaveLength(1);
    connectivity.listener!.visible();
    expect(transports).toHaveLength(2);
  });

  it('pings at once when the page becomes visible while connected', () => {
    const { connectivity, latest } = setUp();
    latest().events.open();
    connectivity.listener!.visible();
    expect(latest().sent).toEqual([{ type: 'ping' }]);
  });

  it('stops for good when closed', async () => {
    const { socket, transports, connectivity, latest } = setUp();
    latest().events.open();
    socket.close();
    expect(connectivity.listener).toBeNull();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(transports).toHaveLength(1);
    expect(socket.status).toBe('disconnected');
  });
});
