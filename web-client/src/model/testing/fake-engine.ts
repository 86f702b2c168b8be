import { boardStream, workshopStream } from '../../protocol/addresses';
import type {
  Board,
  ChangeCommand,
  Command,
  ErrorReply,
  EventOf,
  HiddenEvent,
  Note,
  Participant,
  Role,
  ServerErrorCode,
  StreamId,
  Workshop,
  WorkshopCommand,
} from '../../protocol/messages';
import type { EventType } from '../../protocol/schema';

/** Who sent a command or follows a stream, as the server's guard would have proved it. */
export interface Identity {
  by: string;
  role: Role;
}

/** The identity of a test client by its name: `animator...`, `observer...`, else a participant. */
export function identityOf(by: string): Identity {
  if (by.startsWith('animator')) return { by, role: 'animator' };
  return { by, role: by.startsWith('observer') ? 'observer' : 'participant' };
}

type AnyEvent = { [T in EventType]: EventOf<T> }[EventType];
type StreamEvent = Extract<AnyEvent, { cmd: string }>;
type EventBody = { [E in StreamEvent as E['type']]: { type: E['type'] } & Omit<E, 'type' | 'stream' | 'rev' | 'h' | 'cmd' | 'by' | 'at'> }[StreamEvent['type']];

/** `all`, `animators` or `p:<participantId>`, several joined by `|`. */
export type Audience = string;

export interface Published {
  stream: StreamId;
  audience: Audience;
  event: StreamEvent;
  shadow: HiddenEvent;
}

interface StreamData {
  rev: number;
  /** The chain hash at each revision still in the log, and at the oldest one kept. */
  readonly hashes: Map<number, string>;
  readonly log: Published[];
  readonly applied: Map<string, number>;
}

interface EngineState {
  workshop: Workshop;
  participants: Participant[];
  notes: Map<string, Map<string, Note>>;
  streams: Map<StreamId, StreamData>;
  /** Every command applied, in order, for assertions. */
  history: { command: ChangeCommand; by: string }[];
}

/** 16 hex characters of two FNV-1a hashes: the shape of the server's chain hash, not its value. */
function chainHash(previous: string, cmd: string, rev: number): string {
  const text = `${previous}:${cmd}:${rev}`;
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    a = Math.imul(a ^ text.charCodeAt(i), 0x01000193) >>> 0;
    b = Math.imul(b ^ text.charCodeAt(i), 0x811c9dc5) >>> 0;
  }
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
}

export function sees(identity: Identity, audience: Audience): boolean {
  return audience
    .split('|')
    .some((one) => one === 'all' || (one === 'animators' && identity.role === 'animator') || one === `p:${identity.by}`);
}

/**
 * The engine of the contract, for one workshop, in memory: streams with gap-free revisions and a
 * chain hash, each command id applied at most once per stream, a bounded log, sync by events or
 * snapshot filtered by audience, and storage that can lose its last writes.
 */
export class FakeEngine {
  private state: EngineState;
  /** The whole state after each applied command: what an older copy of the storage would hold. */
  private readonly checkpoints: EngineState[] = [];
  private streamsCreated = 0;

  constructor(
    workshop: Workshop,
    private readonly keptEvents = 1000,
  ) {
    this.state = {
      workshop: structuredClone(workshop),
      participants: [],
      notes: new Map(workshop.boards.map((board) => [board.id, new Map()])),
      streams: new Map(),
      history: [],
    };
    this.createStream(workshopStream(workshop.id));
    workshop.boards.forEach((board) => this.createStream(boardStream(board.id)));
  }

  get workshop(): Workshop {
    return this.state.workshop;
  }

  get participants(): readonly Participant[] {
    return this.state.participants;
  }

  get history(): readonly { command: ChangeCommand; by: string }[] {
    return this.state.history;
  }

  /** Notes of a board in stream order. */
  notesOf(boardId: string): Note[] {
    return [...(this.state.notes.get(boardId)?.values() ?? [])].sort((a, b) => a.order - b.order);
  }

  revisionOf(stream: StreamId): number {
    return this.stream(stream).rev;
  }

  headOf(stream: StreamId): EventOf<'stream.head'> {
    const data = this.stream(stream);
    return { type: 'stream.head', stream, rev: data.rev, h: data.hashes.get(data.rev) as string };
  }

  handle(command: Command, identity: Identity): { reply: unknown; published: Published[] } {
    switch (command.type) {
      case 'stream.sync':
        return { reply: this.sync(command.stream, identity, command.since, command.h), published: [] };
      case 'workshop.get':
        return {
          reply: { ok: true, role: identity.role, participant: this.participantOf(identity), workshop: this.state.workshop },
          published: [],
        };
      case 'clock.get':
        return { reply: { ok: true, time: 1_000 }, published: [] };
      case 'sequence.snapshot':
        return { reply: { ok: true, snapshots: [] }, published: [] };
      case 'board.trash':
        return { reply: refusal('forbidden'), published: [] };
      default:
        return this.change(command, identity);
    }
  }

  /** A participant joins: an event only animators see. */
  join(participant: Participant): Published[] {
    this.state.participants.push(participant);
    const published = this.publish(workshopStream(this.state.workshop.id), `join-${participant.id}`, participant.id, 'animators', {
      type: 'participant.joined',
      participant,
    });
    this.checkpoints.push(structuredClone(this.state));
    return [published];
  }

  /** The storage restarts from a copy older by this many applied commands (an AOF without its last second). */
  loseLastWrites(count: number): void {
    const kept = this.checkpoints.length - 1 - count;
    if (kept < 0) throw new Error('not that many writes to lose');
    this.checkpoints.length = kept + 1;
    this.state = structuredClone(this.checkpoints[kept] as EngineState);
  }

  private participantOf(identity: Identity): Participant | null {
    return this.state.participants.find((participant) => participant.id === identity.by) ?? null;
  }

  private createStream(stream: StreamId): void {
    const data: StreamData = { rev: 0, hashes: new Map(), log: [], applied: new Map() };
    data.hashes.set(0, chainHash('created', stream, ++this.streamsCreated));
    this.state.streams.set(stream, data);
    this.checkpoints.length = 0;
    this.checkpoints.push(structuredClone(this.state));
  }

  private stream(stream: StreamId): StreamData {
    const data = this.state.streams.get(stream);
    if (!data) throw new Error(`no stream ${stream}`);
    return data;
  }

  private sync(stream: StreamId, identity: Identity, since?: number, h?: string) {
    const data = this.state.streams.get(stream);
    if (!data) return refusal('unknown_board');
    const head = { ok: true, stream, rev: data.rev, h: data.hashes.get(data.rev) };
    if (since !== undefined && since <= data.rev && data.hashes.get(since) === h) {
      const events = data.log
        .filter((entry) => entry.event.rev > since)
        .map((entry) => (sees(identity, entry.audience) ? entry.event : entry.shadow));
      return { ...head, events };
    }
    return { ...head, snapshot: this.snapshot(stream) };
  }

  private snapshot(stream: StreamId) {
    const { workshop } = this.state;
    // As the engine does today: no roster in the snapshot, whoever asks.
    if (stream === workshopStream(workshop.id)) return { workshop };
    const boardId = stream.slice('board:'.length);
    return { board: this.boardOf(boardId), notes: this.notesOf(boardId) };
  }

  private boardOf(boardId: string): Board {
    return this.state.workshop.boards.find((board) => board.id === boardId) as Board;
  }

  private change(any: ChangeCommand, identity: Identity): { reply: unknown; published: Published[] } {
    if (!isModelled(any)) return { reply: refusal('unknown_command'), published: [] };
    const command = any;
    const stream = isWorkshopCommand(command) ? workshopStream(this.state.workshop.id) : boardStream(command.board);
    const data = this.state.streams.get(stream);
    if (!data) return { reply: refusal('unknown_board'), published: [] };
    const firstRevision = data.applied.get(command.id);
    if (firstRevision !== undefined) {
      return { reply: { ok: true, stream, rev: firstRevision, duplicate: true }, published: [] };
    }
    const refused = this.check(command, identity);
    if (refused) return { reply: refusal(refused), published: [] };

    const body = this.apply(command, identity, data.rev + 1);
    const published = this.publish(stream, command.id, identity.by, 'all', body);
    data.applied.set(command.id, published.event.rev);
    this.state.history.push({ command, by: identity.by });
    this.checkpoints.push(structuredClone(this.state));
    return { reply: { ok: true, stream, rev: published.event.rev }, published: [published] };
  }

  private publish(stream: StreamId, cmd: string, by: string, audience: Audience, body: EventBody): Published {
    const data = this.stream(stream);
    const rev = data.rev + 1;
    const h = chainHash(data.hashes.get(data.rev) as string, cmd, rev);
    const at = 1_000 + rev;
    const published = {
      stream,
      audience,
      event: { ...body, stream, rev, h, cmd, by, at } as StreamEvent,
      shadow: { type: 'hidden' as const, stream, rev, h, at },
    };
    data.rev = rev;
    data.hashes.set(rev, h);
    data.log.push(published);
    if (data.log.length > this.keptEvents) {
      const dropped = data.log.shift() as Published;
      data.hashes.delete(dropped.event.rev - 1);
    }
    return published;
  }

  private check(command: ModelledCommand, identity: Identity): ServerErrorCode | null {
    if (identity.role === 'observer') return 'forbidden';
    if (isWorkshopCommand(command)) {
      return identity.role === 'animator' ? null : 'forbidden';
    }
    // Private writing and moderation are the real server's, tested through its bridge.
    if (command.type !== 'note.create' && command.type !== 'note.update' && command.type !== 'note.delete') return 'forbidden';
    const board = this.boardOf(command.board);
    if (!board) return 'unknown_board';
    if (board.locked && identity.role !== 'animator') return 'board_locked';
    const notes = this.state.notes.get(command.board) as Map<string, Note>;
    if (command.type === 'note.create') return notes.has(command.note.id) ? 'note_exists' : null;
    return notes.has(command.noteId) ? null : 'unknown_note';
  }

  private apply(command: ModelledCommand, identity: Identity, rev: number): EventBody {
    const at = 1_000 + rev;
    switch (command.type) {
      case 'note.create': {
        const note: Note = {
          ...command.note,
          author: identity.by,
          authorName: identity.by,
          createdAt: at,
          updatedAt: at,
          order: rev,
        };
        this.state.notes.get(command.board)?.set(note.id, note);
        return { type: 'note.created', note };
      }
      case 'note.update': {
        const notes = this.state.notes.get(command.board) as Map<string, Note>;
        const note = notes.get(command.noteId) as Note;
        notes.set(note.id, { ...note, ...command.fields, updatedAt: at });
        return { type: 'note.updated', noteId: note.id, fields: command.fields };
      }
      case 'note.delete':
        this.state.notes.get(command.board)?.delete(command.noteId);
        return { type: 'note.deleted', noteId: command.noteId };
      case 'board.lock':
        this.state.workshop.boards = this.state.workshop.boards.map((board) =>
          board.id === command.board ? { ...board, locked: command.locked } : board,
        );
        return { type: 'board.locked', board: command.board, locked: command.locked };
      case 'plenary.show':
        this.state.workshop.plenary = { boards: command.boards };
        return { type: 'plenary.changed', plenary: { boards: command.boards } };
      // The agenda and timers, as far as a workshop stream's revisions go: the fuzz is about notes.
      case 'agenda.set':
        return { type: 'agenda.changed', sequences: command.sequences };
      case 'sequence.go':
        return { type: 'sequence.changed', current: command.to, startedAt: at };
      case 'timer.set':
        return { type: 'timer.changed' };
    }
  }
}

function isWorkshopCommand(command: ModelledCommand): command is Extract<ModelledCommand, WorkshopCommand> {
  return (
    command.type === 'board.lock' ||
    command.type === 'plenary.show' ||
    command.type === 'agenda.set' ||
    command.type === 'sequence.go' ||
    command.type === 'timer.set'
  );
}
/** The commands this engine models: the notes, the board lock, the plenary, the agenda and timers. */
const MODELLED = [
  'note.create',
  'note.update',
  'note.delete',
  'board.lock',
  'plenary.show',
  'agenda.set',
  'sequence.go',
  'timer.set',
] as const;
type ModelledCommand = Extract<ChangeCommand, { type: (typeof MODELLED)[number] }>;
const isModelled = (command: ChangeCommand): command is ModelledCommand =>
  (MODELLED as readonly string[]).includes(command.type);

function refusal(error: ServerErrorCode): ErrorReply {
  return { ok: false, error, message: error };
}
