import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { COMMAND_ADDRESS, workshopAddress, workshopStream } from '../protocol/addresses';
import { FakeEngine } from './testing/fake-engine';
import { FakeConnection, FakeNetwork, flushMicrotasks, type ClientFrame } from './testing/fake-network';
import { BOARD, WORKSHOP, sequentialIds } from './testing/fixtures';
import { workshopStreamType } from './workshop-reducer';
import { WorkshopSession } from './workshop-session';

const STREAM = workshopStream(WORKSHOP.id);

function answerNext(connection: FakeConnection, body: unknown): { type: string } {
  const frame = connection.toServer.shift() as Extract<ClientFrame, { type: 'send' }>;
  connection.toClient.push({ address: frame.replyAddress, body });
  connection.deliverToClient();
  return frame.body as { type: string };
}

async function deliverEverything(network: FakeNetwork, connection: FakeConnection): Promise<void> {
  while (connection.toServer.length > 0 || connection.toClient.length > 0) {
    while (connection.toServer.length > 0) network.deliverToServer(connection, connection.name);
    while (connection.toClient.length > 0) connection.deliverToClient();
    await flushMicrotasks();
  }
}

function open(network: FakeNetwork, name: string) {
  const connection = network.connect(new FakeConnection(name));
  const session = new WorkshopSession(connection, `token-${name}`, { newId: sequentialIds(`${name}-`) });
  session.start();
  return { connection, session };
}

/** Clients that have read the workshop and synced its stream. */
async function openAll<Names extends string[]>(
  network: FakeNetwork,
  ...names: Names
): Promise<{ [I in keyof Names]: ReturnType<typeof open> }> {
  const clients = names.map((name) => open(network, name));
  for (const client of clients) await deliverEverything(network, client.connection);
  return clients as { [I in keyof Names]: ReturnType<typeof open> };
}

const sent = (connection: FakeConnection) =>
  connection.sentFrames.map((frame) =>
    frame.type === 'register' ? `register ${frame.address}` : `send ${(frame.body as { type: string }).type}`,
  );

describe('WorkshopSession', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('reads who it is, then registers to the workshop stream before it syncs it', async () => {
    const network = new FakeNetwork(new FakeEngine(WORKSHOP));
    const { connection, session } = open(network, 'p-1');
    await deliverEverything(network, connection);
    expect(sent(connection)).toEqual([
      'send workshop.get',
      `register ${workshopAddress(WORKSHOP.id)}`,
      'send stream.sync',
    ]);
    expect(session.state?.role).toBe('participant');
    expect(session.workshopStream?.revision).toBe(0);
  });

  it('keeps the links the server gives an animator, so another device can show the observer link', async () => {
    const connection = new FakeConnection('a');
    const session = new WorkshopSession(connection, 'token-a');
    session.start();
    const links = { join: '/#/j/K7P2QX', observer: '/#/o/observer-token' };
    answerNext(connection, { ok: true, role: 'animator', participant: null, workshop: WORKSHOP, links });
    await flushMicrotasks();
    expect(session.state?.links).toEqual(links);
  });

  it('shows every screen what the server holds after two animators change the plenary at once', async () => {
    const server = new FakeEngine(WORKSHOP);
    const network = new FakeNetwork(server);
    const [first, second, projector] = await openAll(network, 'animator-1', 'animator-2', 'observer-1');

    const shows = [first.session.showPlenary([BOARD.id]), second.session.showPlenary(['w1-2'])];
    await flushMicrotasks();
    // Both commands reach the server before either client hears back.
    network.deliverToServer(first.connection, 'animator-1');
    network.deliverToServer(second.connection, 'animator-2');
    for (const client of [first, second, projector]) await deliverEverything(network, client.connection);
    await Promise.all(shows);

    expect(server.workshop.plenary.boards).toEqual(['w1-2']);
    for (const { session } of [first, second, projector]) {
      expect(session.state?.workshop.plenary.boards).toEqual(['w1-2']);
      expect(session.workshopStream?.revision).toBe(2);
    }
  });

  it('locks a board: shown at once to the animator, to participants once the event arrives', async () => {
    const server = new FakeEngine(WORKSHOP);
    const network = new FakeNetwork(server);
    const [animator, participant] = await openAll(network, 'animator', 'p-1');
    const lockedOf = (session: WorkshopSession) =>
      session.state?.workshop.boards.find((board) => board.id === BOARD.id)?.locked;

    const locked = animator.session.setBoardLocked(BOARD.id, true);
    expect(lockedOf(animator.session)).toBe(true);
    expect(lockedOf(participant.session)).toBe(false);
    await deliverEverything(network, animator.connection);
    await deliverEverything(network, participant.connection);
    await locked;
    expect(lockedOf(participant.session)).toBe(true);
    expect(animator.session.workshopStream?.pendingCount).toBe(0);
  });

  it('rejects a refused command and rolls its effect back', async () => {
    const network = new FakeNetwork(new FakeEngine(WORKSHOP));
    const [participant] = await openAll(network, 'p-1');
    const refused = participant.session.showPlenary([BOARD.id]);
    await deliverEverything(network, participant.connection);
    await expect(refused).rejects.toMatchObject({ code: 'forbidden' });
    expect(participant.session.state?.workshop.plenary.boards).toEqual([]);
  });

  it('tells animators who joined, and participants only that something happened', async () => {
    const server = new FakeEngine(WORKSHOP);
    const network = new FakeNetwork(server);
    const [animator, participant] = await openAll(network, 'animator', 'p-1');

    network.publish(server.join({ id: 'p-2', name: 'Marc', category: 'habitant', board: BOARD.id }));
    for (const client of [animator, participant]) await deliverEverything(network, client.connection);
    expect(animator.session.state?.participants.map((one) => one.name)).toEqual(['Marc']);
    expect(participant.session.state?.participants).toEqual([]);
    expect(participant.session.workshopStream?.revision).toBe(1);

    // The engine's snapshot carries no roster yet: a late animator knows who joins from then on.
    const [lateAnimator] = await openAll(network, 'animator-late');
    expect(lateAnimator.session.state?.participants).toEqual([]);
  });

  it('takes a participant the animation removed off the roster', () => {
    const marc = { id: 'p-2', name: 'Marc', category: 'habitant' as const, board: BOARD.id };
    const nadia = { ...marc, id: 'p-3', name: 'Nadia' };
    const state = workshopStreamType.fromSnapshot({ workshop: { ...WORKSHOP, participants: [marc, nadia] } });
    const removed = workshopStreamType.events['participant.removed'](state, {
      type: 'participant.removed',
      stream: STREAM,
      rev: 3,
      h: 'h3',
      cmd: 'remove-p-2',
      by: 'animator',
      at: 1,
      participant: 'p-2',
    });
    expect(removed.participants).toEqual([nadia]);
  });

  it('takes the roster of a workshop snapshot that carries one', () => {
    const marc = { id: 'p-2', name: 'Marc', category: 'habitant' as const, board: BOARD.id };
    const state = workshopStreamType.fromSnapshot({ workshop: { ...WORKSHOP, participants: [marc] } });
    expect(state.participants).toEqual([marc]);
    expect(state.workshop).toEqual(WORKSHOP);
  });

  it('recovers a workshop event missed while its connection was down', async () => {
    const server = new FakeEngine(WORKSHOP);
    const network = new FakeNetwork(server);
    const [animator, projector] = await openAll(network, 'animator', 'observer-1');

    projector.connection.drop();
    const shown = animator.session.showPlenary([BOARD.id]);
    await deliverEverything(network, animator.connection);
    await shown;
    expect(projector.session.state?.workshop.plenary.boards).toEqual([]);

    projector.connection.reconnect();
    await deliverEverything(network, projector.connection);
    expect(projector.session.state?.workshop.plenary.boards).toEqual([BOARD.id]);
    const syncs = projector.connection.sentFrames.filter(
      (frame) => frame.type === 'send' && frame.address === COMMAND_ADDRESS && (frame.body as { type: string }).type === 'stream.sync',
    );
    expect((syncs.at(-1) as Extract<ClientFrame, { type: 'send' }>).body).toMatchObject({ stream: STREAM, since: 0 });
  });

  it('reads the workshop again after a reconnection, without registering twice', async () => {
    const network = new FakeNetwork(new FakeEngine(WORKSHOP));
    const { connection } = open(network, 'observer-1');
    await deliverEverything(network, connection);
    connection.drop();
    connection.reconnect();
    await deliverEverything(network, connection);
    expect(connection.sentFrames.filter((frame) => frame.type === 'register')).toHaveLength(2);
    expect(sent(connection).filter((frame) => frame === 'send workshop.get')).toHaveLength(2);
  });

  it('retries a timed-out read after a delay, and reports a refusal', async () => {
    const connection = new FakeConnection('a');
    const session = new WorkshopSession(connection, 'bad');
    session.start();
    answerNext(connection, { ok: false, error: 'unavailable', message: 'redis down' });
    await flushMicrotasks();
    expect(session.error).toBeNull();
    await vi.advanceTimersByTimeAsync(1_000);
    answerNext(connection, { ok: false, error: 'invalid_token', message: 'who?' });
    await flushMicrotasks();
    expect(session.error).toBe('invalid_token');
  });

  it('asks the server its time only once a screen shows a timer, then again after every reconnection', async () => {
    const network = new FakeNetwork(new FakeEngine(WORKSHOP));
    const [{ connection, session }] = await openAll(network, 'p-1');
    expect(sent(connection)).not.toContain('send clock.get');
    session.serverNow();
    await deliverEverything(network, connection);
    expect(sent(connection).filter((frame) => frame === 'send clock.get')).toHaveLength(4);
    connection.restart();
    await deliverEverything(network, connection);
    expect(sent(connection).filter((frame) => frame === 'send clock.get')).toHaveLength(8);
  });
});
