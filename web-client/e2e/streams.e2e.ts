import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { BoardModel } from '../src/model/board-model';
import { MemoryStorage } from '../src/model/storage';
import { StreamSyncClient } from '../src/model/stream-sync';
import { seededRandom } from '../src/model/testing/seeded-random';
import { WorkshopSession } from '../src/model/workshop-session';
import type { Connectivity } from '../src/net/connectivity';
import { EventBusSocket } from '../src/net/eventbus-socket';
import { openSockJsTransport } from '../src/net/sockjs-transport';
import { workshopStream } from '../src/protocol/addresses';
import { NOTE_COLORS, type Note, type WorkshopSnapshot } from '../src/protocol/messages';
import { createWorkshop, joinWorkshop } from './support/api';
import { BridgeClient } from './support/bridge';
import { eventually } from './support/wait';

const baseUrl = inject('parvisUrl');

/** Node has no `online` events: the socket reconnects by its own backoff. */
const alwaysOnline: Connectivity = { online: true, subscribe: () => () => undefined };

interface Client {
  name: string;
  token: string;
  storage: MemoryStorage;
  socket: EventBusSocket;
  board: BoardModel;
  session: WorkshopSession;
  stop(): void;
}

const stack = (notes: readonly Note[]) =>
  notes.map(({ id, text, color, zone, x, y, order }) => ({ id, text, color, zone, x, y, order }));

/**
 * The client's models and sync, on the real server and its Lua, through the real SockJS bridge
 * (Node's sockjs-client): a seeded run of note edits, locks and plenary pushes with random
 * disconnects and reloads, after which every client shows what Redis holds, in the same order.
 */
describe('streams against the real server, seeded, with random disconnects', () => {
  let bridge: BridgeClient;
  const sockets: EventBusSocket[] = [];
  beforeAll(async () => {
    bridge = await BridgeClient.open(baseUrl);
  });
  afterAll(() => {
    sockets.forEach((socket) => socket.close());
    bridge?.close();
  });

  it.each([11, 4242])('a board and the workshop stream end equal on every client (seed %i)', async (seed) => {
    const random = seededRandom(seed);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    const created = await createWorkshop(baseUrl, {
      title: `Atelier fuzz ${seed}`,
      groups: [
        { name: 'Mobilités', template: 'pepites' },
        { name: 'Habitat', template: 'free' },
      ],
    });
    const boardInfo = created.workshop.boards[0]!;
    const [ana, bob] = await Promise.all(
      ['Ana', 'Bob'].map((name) => joinWorkshop(baseUrl, created.workshop.code, name, { board: boardInfo.id })),
    );
    const people = [
      { name: 'ana', token: ana!.token, author: { id: ana!.participant.id, name: 'Ana' } },
      { name: 'bob', token: bob!.token, author: { id: bob!.participant.id, name: 'Bob' } },
      { name: 'animator', token: created.animatorToken, author: { id: 'animator', name: 'Animateur' } },
      { name: 'observer', token: created.observerToken, author: { id: '', name: '' } },
    ];

    const open = (person: (typeof people)[number], storage: MemoryStorage, socket: EventBusSocket): Client => {
      const board = new BoardModel({ boardId: boardInfo.id, storage, author: person.author });
      const sync = new StreamSyncClient(socket, board.stream, person.token);
      sync.start();
      const session = new WorkshopSession(socket, person.token);
      session.start();
      return {
        name: person.name,
        token: person.token,
        storage,
        socket,
        board,
        session,
        stop: () => {
          sync.stop();
          session.stop();
        },
      };
    };
    let clients = people.map((person) => {
      const socket = new EventBusSocket({
        url: `${baseUrl}/eventbus`,
        openTransport: openSockJsTransport,
        connectivity: alwaysOnline,
      });
      sockets.push(socket);
      return open(person, new MemoryStorage(), socket);
    });
    const zones = boardInfo.zones.map((zone) => zone.id);
    const ignoreOutcome = () => undefined;

    for (let step = 0; step < 250; step++) {
      const roll = random();
      const client = pick(clients);
      if (roll < 0.6 && client.name !== 'observer') {
        const notes = client.board.view.notes;
        const kind = random();
        if (client.name === 'animator' && kind < 0.15) {
          const locked = client.session.state?.workshop.boards[0]?.locked ?? false;
          client.session.setBoardLocked(boardInfo.id, !locked).catch(ignoreOutcome);
        } else if (client.name === 'animator' && kind < 0.3) {
          const boards = created.workshop.boards.filter(() => random() < 0.5).map((board) => board.id);
          client.session.showPlenary(boards).catch(ignoreOutcome);
        } else if (notes.length === 0 || kind < 0.5) {
          client.board.createNote({
            text: `${client.name} ${step}`,
            color: pick(NOTE_COLORS),
            zone: pick(zones),
            x: Math.floor(random() * 200),
            y: Math.floor(random() * 400),
          });
        } else if (kind < 0.9) {
          client.board.updateNote(pick(notes).id, { text: `${client.name} ${step}`, x: Math.floor(random() * 200) });
        } else {
          client.board.deleteNote(pick(notes).id);
        }
      } else if (roll < 0.7) {
        client.socket.restart();
      } else if (roll < 0.75) {
        // A page reload: the same storage and connection, new models and sync clients.
        client.stop();
        const person = people.find((one) => one.name === client.name)!;
        clients = clients.map((other) => (other === client ? open(person, client.storage, client.socket) : other));
      }
      await new Promise((wake) => setTimeout(wake, Math.floor(random() * 40)));
    }

    const stored = () => bridge.snapshot(created.animatorToken, boardInfo.id);
    const storedWorkshop = () =>
      bridge.streamSnapshot<WorkshopSnapshot>(created.animatorToken, workshopStream(created.workshop.id));
    await eventually(
      async () => {
        const [board, workshop] = await Promise.all([stored(), storedWorkshop()]);
        return clients.map((client) => ({
          client: client.name,
          pending: client.board.pendingCount + (client.session.workshopStream?.pendingCount ?? 0),
          behind:
            client.board.revision !== board.rev || client.session.workshopStream?.revision !== workshop.rev,
        }));
      },
      (states) => states.every((state) => state.pending === 0 && !state.behind),
      { timeoutMs: 45_000, intervalMs: 500, what: 'every client synced with nothing pending' },
    );

    const [board, workshop] = await Promise.all([stored(), storedWorkshop()]);
    expect(board.rev, 'the run changed the board').toBeGreaterThan(10);
    const orders = board.notes.map((note) => note.order);
    expect(orders, 'the server lists notes in stream order').toEqual([...orders].sort((a, b) => a - b));
    for (const client of clients) {
      expect(stack(client.board.view.notes), `${client.name} shows the stored notes, stacked alike`).toEqual(
        stack(board.notes),
      );
      expect(client.session.state?.workshop.plenary, `${client.name} shows the stored plenary`).toEqual(
        workshop.workshop.plenary,
      );
      expect(
        client.session.state?.workshop.boards.map((one) => one.locked),
        `${client.name} shows the stored locks`,
      ).toEqual(workshop.workshop.boards.map((one) => one.locked));
    }
    clients.forEach((client) => client.stop());
  });
});
