import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { COMMAND_ADDRESS, boardAddress, boardStream } from '../protocol/addresses';
import type { BoardModel } from './board-model';
import { StreamSyncClient } from './stream-sync';
import { FakeEngine } from './testing/fake-engine';
import { FakeConnection, FakeNetwork, flushMicrotasks, type ClientFrame } from './testing/fake-network';
import { BOARD, STREAM, WORKSHOP, newModel } from './testing/fixtures';

const commandsSent = (connection: FakeConnection) =>
  connection.sentFrames
    .filter(
      (frame): frame is Extract<ClientFrame, { type: 'send' }> =>
        frame.type === 'send' && frame.address === COMMAND_ADDRESS,
    )
    .map((frame) => frame.body as { type: string; id?: string; since?: number; h?: string });

const lastCommandSent = (connection: FakeConnection) => commandsSent(connection).slice(-1)[0];

async function deliverEverything(network: FakeNetwork, connection: FakeConnection, by = 'p-me'): Promise<void> {
  while (connection.toServer.length > 0 || connection.toClient.length > 0) {
    while (connection.toServer.length > 0) network.deliverToServer(connection, by);
    while (connection.toClient.length > 0) connection.deliverToClient();
    await flushMicrotasks();
  }
}

const shown = (model: BoardModel) => model.view.notes.map(({ id, text, order }) => ({ id, text, order }));
const stored = (server: FakeEngine) => server.notesOf(BOARD.id).map(({ id, text, order }) => ({ id, text, order }));

function setUp(keptEvents?: number) {
  const server = new FakeEngine(WORKSHOP, keptEvents);
  const network = new FakeNetwork(server);
  const connection = network.connect(new FakeConnection('p-me'));
  const model = newModel();
  const sync = new StreamSyncClient(connection, model.stream, 'token-a');
  return { server, network, connection, model, sync };
}

const draft = (text: string) => ({ text, color: 'yellow' as const, zone: 'z1', x: 0, y: 0 });

describe('StreamSyncClient on a board stream', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('registers before it reads, syncs by snapshot, then sends pending commands', async () => {
    const { server, network, connection, model, sync } = setUp();
    model.createNote(draft('hors ligne'));
    sync.start();

    expect(connection.sentFrames[0]).toEqual({
      type: 'register',
      address: boardAddress(BOARD.id),
      headers: { token: 'token-a' },
    });
    expect(commandsSent(connection)).toEqual([{ type: 'stream.sync', stream: STREAM }]);
    await deliverEverything(network, connection);

    expect(commandsSent(connection).map((command) => command.type)).toEqual(['stream.sync', 'note.create']);
    expect(model.pendingCount).toBe(0);
    expect(shown(model)).toEqual(stored(server));
  });

  it('survives a drop mid-request: re-registers, syncs from its revision and h, resends with the same id', async () => {
    const { server, network, connection, model, sync } = setUp();
    sync.start();
    await deliverEverything(network, connection);
    const { h: hashAtStart } = server.headOf(STREAM);

    const noteId = model.createNote(draft('première'));
    await flushMicrotasks();
    const create = lastCommandSent(connection)!;
    expect(create.type).toBe('note.create');
    model.updateNote(noteId, { text: 'première, corrigée' });

    // The server applies the create, but the connection drops before its reply and event arrive.
    network.deliverToServer(connection, 'p-me');
    connection.drop();
    await flushMicrotasks();
    expect(model.pendingCount).toBe(2);
    expect(shown(model)[0]?.text).toBe('première, corrigée');

    const framesBefore = connection.sentFrames.length;
    connection.reconnect();
    await flushMicrotasks();
    const afterReconnect = connection.sentFrames.slice(framesBefore);
    expect(afterReconnect[0]).toMatchObject({ type: 'register', address: boardAddress(BOARD.id) });
    expect(afterReconnect[1]).toMatchObject({
      type: 'send',
      body: { type: 'stream.sync', stream: STREAM, since: 0, h: hashAtStart },
    });

    await deliverEverything(network, connection);
    expect(commandsSent(connection).filter((command) => command.id === create.id)).toHaveLength(1);
    expect(lastCommandSent(connection)?.type).toBe('note.update');
    expect(model.pendingCount).toBe(0);
    expect(shown(model)).toEqual(stored(server));
    expect(model.revision).toBe(server.revisionOf(STREAM));
  });

  it('resends an acknowledged command whose event it never saw, and drops it on the duplicate after a snapshot', async () => {
    const { server, network, connection, model, sync } = setUp(0); // no event log kept: every sync is a snapshot
    sync.start();
    await deliverEverything(network, connection);

    model.createNote(draft('une seule fois'));
    await flushMicrotasks();
    network.deliverToServer(connection, 'p-me');
    connection.deliverToClient(); // the reply: acknowledged at revision 1
    await flushMicrotasks();
    expect(model.pendingCount).toBe(1);
    connection.drop(); // the event is lost with the connection
    connection.reconnect();
    await flushMicrotasks();
    await deliverEverything(network, connection);

    const creates = commandsSent(connection).filter((command) => command.type === 'note.create');
    expect(creates).toHaveLength(2);
    expect(creates[0]?.id).toBe(creates[1]?.id);
    expect(server.notesOf(BOARD.id)).toHaveLength(1);
    expect(model.pendingCount).toBe(0);
    expect(shown(model)).toEqual(stored(server));
  });

  it('detects by h that the server lost its last writes: no ghost note, the lost command is sent again', async () => {
    const { server, network, connection, model, sync } = setUp();
    const other = network.connect(new FakeConnection('p-other'));
    sync.start();
    await deliverEverything(network, connection);

    // A note of mine, confirmed by its event (rev 1), then one acknowledged whose event is still on the way (rev 2).
    model.createNote(draft('confirmée puis perdue'));
    await deliverEverything(network, connection);
    expect(model.pendingCount).toBe(0);
    const lostNote = model.createNote(draft('acquittée puis perdue'));
    await flushMicrotasks();
    network.deliverToServer(connection, 'p-me');
    connection.toClient.length = 0;
    connection.drop();

    // Redis restarts from a copy without the last two writes; another participant writes at once.
    server.loseLastWrites(2);
    other.toServer.push({
      type: 'send',
      address: COMMAND_ADDRESS,
      body: { type: 'note.create', id: 'x1', board: BOARD.id, note: { ...draft('après la perte'), id: 'n-after' } },
      replyAddress: 'r',
    });
    network.deliverToServer(other, 'p-other');
    expect(server.revisionOf(STREAM)).toBe(1);

    connection.reconnect();
    await deliverEverything(network, connection);

    expect(commandsSent(connection).find((command) => command.type === 'stream.sync' && command.since === 1)).toBeDefined();
    const texts = shown(model).map((note) => note.text);
    expect(texts).not.toContain('confirmée puis perdue');
    expect(texts).toEqual(['après la perte', 'acquittée puis perdue']);
    expect(server.notesOf(BOARD.id).map((note) => note.id)).toEqual(['n-after', lostNote]);
    expect(shown(model)).toEqual(stored(server));
    expect(model.pendingCount).toBe(0);
  });

  it('detects a lost history from a live event that reuses a revision it has', async () => {
    const { server, network, connection, model, sync } = setUp();
    sync.start();
    await deliverEverything(network, connection);
    model.createNote(draft('perdue'));
    await deliverEverything(network, connection);

    server.loseLastWrites(1);
    const { published } = server.handle(
      { type: 'note.create', id: 'x1', board: BOARD.id, note: { ...draft('la leur'), id: 'n-theirs' } },
      { by: 'p-other', role: 'participant' },
    );
    network.publish(published);
    connection.deliverToClient();
    await flushMicrotasks();
    expect(lastCommandSent(connection)).toEqual({ type: 'stream.sync', stream: STREAM });
    await deliverEverything(network, connection);
    expect(shown(model)).toEqual(stored(server));
  });

  it('syncs when an event reveals a gap, when the server asks for a resync, and when a head is ahead', async () => {
    const { server, network, connection, model, sync } = setUp();
    sync.start();
    await deliverEverything(network, connection);
    const by = { by: 'p-x', role: 'participant' as const };

    server.handle({ type: 'note.create', id: 'c-x', board: BOARD.id, note: { ...draft('a'), id: 'n1' } }, by);
    const { published } = server.handle(
      { type: 'note.update', id: 'c-y', board: BOARD.id, noteId: 'n1', fields: { text: 'b' } },
      by,
    );
    network.publish(published);
    connection.deliverToClient();
    await flushMicrotasks();
    expect(lastCommandSent(connection)).toMatchObject({ type: 'stream.sync', stream: STREAM, since: 0 });
    await deliverEverything(network, connection);
    expect(shown(model)).toEqual(stored(server));

    network.broadcast(STREAM, () => ({ type: 'stream.resync', stream: STREAM }));
    connection.deliverToClient();
    await flushMicrotasks();
    expect(lastCommandSent(connection)).toMatchObject({ type: 'stream.sync', since: 2 });
    await deliverEverything(network, connection);

    server.handle({ type: 'note.delete', id: 'c-z', board: BOARD.id, noteId: 'n1' }, by);
    network.broadcast(STREAM, () => server.headOf(STREAM));
    connection.deliverToClient();
    await flushMicrotasks();
    expect(lastCommandSent(connection)).toMatchObject({ type: 'stream.sync', since: 2 });
    await deliverEverything(network, connection);
    expect(model.revision).toBe(3);
    expect(shown(model)).toEqual([]);
  });

  it('retries a rate-limited command later with the same id, and tells the user', async () => {
    const connection = new FakeConnection('a');
    const model = newModel();
    const errors = vi.fn();
    model.onError(errors);
    new StreamSyncClient(connection, model.stream, 'token-a').start();
    const reply = (body: unknown) => {
      const request = connection.toServer.shift() as Extract<ClientFrame, { type: 'send' }>;
      connection.toClient.push({ address: request.replyAddress, body });
      connection.deliverToClient();
    };
    connection.toServer.shift(); // the register frame
    reply({ ok: true, stream: STREAM, rev: 0, h: 'h0', snapshot: { board: BOARD, notes: [] } });
    await flushMicrotasks();

    model.createNote(draft('vite'));
    await flushMicrotasks();
    reply({ ok: false, error: 'rate_limited', message: 'slow down' });
    await flushMicrotasks();
    expect(errors).toHaveBeenCalledWith('rate_limited');
    expect(connection.toServer).toHaveLength(0);

    await vi.advanceTimersByTimeAsync(1_000);
    const creates = commandsSent(connection).filter((command) => command.type === 'note.create');
    expect(creates).toHaveLength(2);
    expect(creates[1]?.id).toBe(creates[0]?.id);
  });

  it('syncs when an acknowledged revision is not followed by its event', async () => {
    const connection = new FakeConnection('a');
    const model = newModel();
    new StreamSyncClient(connection, model.stream, 'token-a').start();
    const reply = (body: unknown) => {
      const request = connection.toServer.shift() as Extract<ClientFrame, { type: 'send' }>;
      connection.toClient.push({ address: request.replyAddress, body });
      connection.deliverToClient();
    };
    connection.toServer.shift();
    reply({ ok: true, stream: STREAM, rev: 0, h: 'h0', snapshot: { board: BOARD, notes: [] } });
    await flushMicrotasks();
    model.createNote(draft('perdue'));
    await flushMicrotasks();
    reply({ ok: true, stream: STREAM, rev: 1 });
    await flushMicrotasks();

    await vi.advanceTimersByTimeAsync(3_000);
    expect(lastCommandSent(connection)).toEqual({ type: 'stream.sync', stream: boardStream(BOARD.id), since: 0, h: 'h0' });
  });
});
