import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { COMMAND_ADDRESS, boardAddress } from '../protocol/addresses';
import { BoardSyncClient } from './board-sync';
import { FakeBoardServer } from './testing/fake-board-server';
import { FakeConnection, FakeNetwork, flushMicrotasks, type ClientFrame } from './testing/fake-network';
import { BOARD, newModel } from './testing/fixtures';

const commandsSent = (connection: FakeConnection) =>
  connection.sentFrames
    .filter(
      (frame): frame is Extract<ClientFrame, { type: 'send' }> =>
        frame.type === 'send' && frame.address === COMMAND_ADDRESS,
    )
    .map((frame) => frame.body as { type: string; id?: string; since?: number });

const lastCommandSent = (connection: FakeConnection) => commandsSent(connection).slice(-1)[0];

async function deliverEverything(network: FakeNetwork, connection: FakeConnection): Promise<void> {
  while (connection.toServer.length > 0 || connection.toClient.length > 0) {
    while (connection.toServer.length > 0) network.deliverToServer(connection, 'p-me');
    while (connection.toClient.length > 0) connection.deliverToClient();
    await flushMicrotasks();
  }
}

function viewOf(model: ReturnType<typeof newModel>) {
  return model.view.notes.map(({ id, text, color, zone, x, y }) => ({ id, text, color, zone, x, y }));
}

function serverNotes(server: FakeBoardServer) {
  return [...server.notes.values()].map(({ id, text, color, zone, x, y }) => ({ id, text, color, zone, x, y }));
}

describe('BoardSyncClient', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('registers, syncs by snapshot, then sends pending commands', async () => {
    const server = new FakeBoardServer(BOARD);
    const network = new FakeNetwork(server);
    const connection = network.connect(new FakeConnection('a'));
    const model = newModel();
    model.createNote({ text: 'hors ligne', color: 'yellow', zone: 'z1', x: 0, y: 0 });
    new BoardSyncClient(connection, model, 'token-a').start();

    expect(connection.sentFrames[0]).toEqual({
      type: 'register',
      address: boardAddress(BOARD.id),
      headers: { token: 'token-a' },
    });
    expect(commandsSent(connection)).toEqual([{ type: 'board.sync', board: BOARD.id }]);
    await deliverEverything(network, connection);

    expect(commandsSent(connection).map((command) => command.type)).toEqual(['board.sync', 'note.create']);
    expect(model.pendingCount).toBe(0);
    expect(viewOf(model)).toEqual(serverNotes(server));
  });

  it('survives a drop mid-request: re-registers, syncs from its revision, resends with the same id', async () => {
    const server = new FakeBoardServer(BOARD);
    const network = new FakeNetwork(server);
    const connection = network.connect(new FakeConnection('a'));
    const model = newModel();
    new BoardSyncClient(connection, model, 'token-a').start();
    await deliverEverything(network, connection);

    const noteId = model.createNote({ text: 'première', color: 'yellow', zone: 'z1', x: 0, y: 0 });
    await flushMicrotasks();
    const create = lastCommandSent(connection)!;
    expect(create.type).toBe('note.create');
    model.updateNote(noteId, { text: 'première, corrigée' });

    // The server applies the create, but the connection drops before its reply and event arrive.
    network.deliverToServer(connection, 'p-me');
    connection.drop();
    await flushMicrotasks();
    expect(model.pendingCount).toBe(2);
    expect(viewOf(model)[0]?.text).toBe('première, corrigée');

    const framesBefore = connection.sentFrames.length;
    connection.reconnect();
    await flushMicrotasks();
    const afterReconnect = connection.sentFrames.slice(framesBefore);
    expect(afterReconnect[0]).toMatchObject({ type: 'register', address: boardAddress(BOARD.id) });
    expect(afterReconnect[1]).toMatchObject({ type: 'send', body: { type: 'board.sync', since: 0 } });

    await deliverEverything(network, connection);
    const resent = lastCommandSent(connection)!;
    expect(resent.type).toBe('note.update');
    expect(commandsSent(connection).filter((command) => command.id === create.id)).toHaveLength(1);
    expect(model.pendingCount).toBe(0);
    expect(viewOf(model)).toEqual(serverNotes(server));
    expect(model.revision).toBe(server.rev);
  });

  it('resends a command whose reply was lost with the same id, and the server applies it once', async () => {
    const server = new FakeBoardServer(BOARD, 0); // no event log kept: every sync is a snapshot
    const network = new FakeNetwork(server);
    const connection = network.connect(new FakeConnection('a'));
    const model = newModel();
    new BoardSyncClient(connection, model, 'token-a').start();
    await deliverEverything(network, connection);

    model.createNote({ text: 'une seule fois', color: 'yellow', zone: 'z1', x: 0, y: 0 });
    await flushMicrotasks();
    network.deliverToServer(connection, 'p-me');
    connection.drop();
    connection.reconnect();
    await flushMicrotasks();
    await deliverEverything(network, connection);

    const creates = commandsSent(connection).filter((command) => command.type === 'note.create');
    expect(creates).toHaveLength(2);
    expect(creates[0]?.id).toBe(creates[1]?.id);
    expect(server.notes.size).toBe(1);
    expect(model.pendingCount).toBe(0);
    expect(viewOf(model)).toEqual(serverNotes(server));
  });

  it('syncs when an event reveals a gap, and when the server asks for a resync', async () => {
    const server = new FakeBoardServer(BOARD);
    const network = new FakeNetwork(server);
    const connection = network.connect(new FakeConnection('a'));
    const model = newModel();
    new BoardSyncClient(connection, model, 'token-a').start();
    await deliverEverything(network, connection);

    server.handle(
      {
        type: 'note.create',
        id: 'c-x',
        board: BOARD.id,
        note: { id: 'n1', text: 'a', color: 'blue', zone: 'z1', x: 0, y: 0 },
      },
      'p-x',
    );
    const { events } = server.handle(
      { type: 'note.update', id: 'c-y', board: BOARD.id, noteId: 'n1', fields: { text: 'b' } },
      'p-x',
    );
    connection.toClient.push({ address: boardAddress(BOARD.id), body: events[0] });
    connection.deliverToClient();
    await flushMicrotasks();
    expect(lastCommandSent(connection)).toEqual({ type: 'board.sync', board: BOARD.id, since: 0 });
    await deliverEverything(network, connection);
    expect(viewOf(model)).toEqual(serverNotes(server));

    connection.toClient.push({ address: boardAddress(BOARD.id), body: { type: 'board.resync', board: BOARD.id } });
    connection.deliverToClient();
    await flushMicrotasks();
    expect(lastCommandSent(connection)).toEqual({ type: 'board.sync', board: BOARD.id, since: 2 });
  });

  it('retries a rate-limited command later with the same id, and tells the user', async () => {
    const connection = new FakeConnection('a');
    const model = newModel();
    const errors = vi.fn();
    model.onError(errors);
    new BoardSyncClient(connection, model, 'token-a').start();
    const reply = (body: unknown) => {
      const request = connection.toServer.shift() as Extract<ClientFrame, { type: 'send' }>;
      connection.toClient.push({ address: request.replyAddress, body });
      connection.deliverToClient();
    };
    connection.toServer.shift(); // the register frame
    reply({ ok: true, rev: 0, snapshot: { board: BOARD, notes: [] } });
    await flushMicrotasks();

    model.createNote({ text: 'vite', color: 'yellow', zone: 'z1', x: 0, y: 0 });
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
    new BoardSyncClient(connection, model, 'token-a').start();
    const reply = (body: unknown) => {
      const request = connection.toServer.shift() as Extract<ClientFrame, { type: 'send' }>;
      connection.toClient.push({ address: request.replyAddress, body });
      connection.deliverToClient();
    };
    connection.toServer.shift();
    reply({ ok: true, rev: 0, snapshot: { board: BOARD, notes: [] } });
    await flushMicrotasks();
    model.createNote({ text: 'perdue', color: 'yellow', zone: 'z1', x: 0, y: 0 });
    await flushMicrotasks();
    reply({ ok: true, rev: 1 });
    await flushMicrotasks();

    await vi.advanceTimersByTimeAsync(3_000);
    expect(lastCommandSent(connection)).toEqual({ type: 'board.sync', board: BOARD.id, since: 0 });
  });
});
