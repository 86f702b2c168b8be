import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { workshopAddress } from '../protocol/addresses';
import type { Workshop } from '../protocol/messages';
import { FakeConnection, flushMicrotasks, type ClientFrame } from './testing/fake-network';
import { BOARD } from './testing/fixtures';
import { WorkshopSession } from './workshop-session';

const WORKSHOP: Workshop = {
  id: 'w1',
  title: 'Atelier 1',
  date: null,
  code: 'K7P2QX',
  boards: [BOARD],
  plenary: { boards: [] },
};

function answerNext(connection: FakeConnection, body: unknown): { type: string } {
  const frame = connection.toServer.shift() as Extract<ClientFrame, { type: 'send' }>;
  connection.toClient.push({ address: frame.replyAddress, body });
  connection.deliverToClient();
  return frame.body as { type: string };
}

describe('WorkshopSession', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('reads the workshop, then follows its plenary on the workshop address', async () => {
    const connection = new FakeConnection('a');
    const session = new WorkshopSession(connection, 'token-a');
    session.start();
    expect(answerNext(connection, { ok: true, role: 'animator', participant: null, workshop: WORKSHOP })).toEqual({
      type: 'workshop.get',
    });
    await flushMicrotasks();
    expect(session.state?.role).toBe('animator');
    expect(connection.toServer.shift()).toEqual({
      type: 'register',
      address: workshopAddress('w1'),
      headers: { token: 'token-a' },
    });

    connection.toClient.push({
      address: workshopAddress('w1'),
      body: { type: 'plenary.changed', workshop: 'w1', plenary: { boards: [BOARD.id] } },
    });
    connection.deliverToClient();
    expect(session.state?.workshop.plenary.boards).toEqual([BOARD.id]);
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

  it('reads the workshop again after a reconnection, without registering twice', async () => {
    const connection = new FakeConnection('a');
    const session = new WorkshopSession(connection, 'token-a');
    session.start();
    answerNext(connection, { ok: true, role: 'observer', participant: null, workshop: WORKSHOP });
    await flushMicrotasks();
    connection.drop();
    connection.reconnect();
    const renamed = { ...WORKSHOP, title: 'Atelier 1 bis' };
    connection.toServer.shift(); // the register frame sent again by the socket
    answerNext(connection, { ok: true, role: 'observer', participant: null, workshop: renamed });
    await flushMicrotasks();
    expect(session.state?.workshop.title).toBe('Atelier 1 bis');
    expect(connection.sentFrames.filter((frame) => frame.type === 'register')).toHaveLength(2);
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

  it('pushes the plenary choice and locks a board, keeping its state in step', async () => {
    const connection = new FakeConnection('a');
    const session = new WorkshopSession(connection, 'token-a');
    session.start();
    answerNext(connection, { ok: true, role: 'animator', participant: null, workshop: WORKSHOP });
    await flushMicrotasks();
    connection.toServer.shift();

    const shown = session.showPlenary([BOARD.id]);
    expect(answerNext(connection, { ok: true, plenary: { boards: [BOARD.id] } })).toEqual({
      type: 'plenary.show',
      boards: [BOARD.id],
    });
    await shown;
    expect(session.state?.workshop.plenary.boards).toEqual([BOARD.id]);

    const locked = session.setBoardLocked(BOARD.id, true);
    expect(answerNext(connection, { ok: true, rev: 4 })).toMatchObject({
      type: 'board.lock',
      board: BOARD.id,
      locked: true,
    });
    await locked;
    expect(session.state?.workshop.boards[0]?.locked).toBe(true);

    const refused = session.setBoardLocked(BOARD.id, false);
    answerNext(connection, { ok: false, error: 'forbidden', message: 'no' });
    await expect(refused).rejects.toMatchObject({ code: 'forbidden' });
  });
});
