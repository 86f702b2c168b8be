import type {
  Board,
  BoardChangeCommand,
  Command,
  ErrorReply,
  Note,
  RevisionedBoardEvent,
  ServerErrorCode,
} from '../../protocol/messages';

/**
 * The rules of docs/protocol.md the client depends on, for one board, in memory: each command id
 * applied at most once, revisions without gaps, a bounded event log, sync by events or snapshot.
 */
export class FakeBoardServer {
  rev = 0;
  readonly notes = new Map<string, Note>();
  /** Every command applied, in order. */
  readonly history: BoardChangeCommand[] = [];
  private readonly log: RevisionedBoardEvent[] = [];
  private readonly appliedRevisions = new Map<string, number>();
  private locked = false;

  constructor(
    readonly board: Board,
    private readonly keptEvents = 1000,
  ) {}

  /** Answers a command; `events` are what the server publishes on the board address. */
  handle(command: Command, by: string): { reply: unknown; events: RevisionedBoardEvent[] } {
    switch (command.type) {
      case 'board.sync':
        return { reply: this.sync(command.since), events: [] };
      case 'note.create':
      case 'note.update':
      case 'note.delete':
      case 'board.lock':
        return this.change(command, by);
      default:
        return { reply: refusal('unknown_command'), events: [] };
    }
  }

  private sync(since: number | undefined) {
    const oldestKept = this.log[0]?.rev ?? this.rev + 1;
    if (since !== undefined && since + 1 >= oldestKept) {
      return { ok: true, rev: this.rev, events: this.log.filter((event) => event.rev > since) };
    }
    const board = { ...this.board, locked: this.locked };
    return { ok: true, rev: this.rev, snapshot: { board, notes: [...this.notes.values()] } };
  }

  private change(command: BoardChangeCommand, by: string) {
    const firstRevision = this.appliedRevisions.get(command.id);
    if (firstRevision !== undefined) return { reply: { ok: true, rev: firstRevision, duplicate: true }, events: [] };
    const refused = this.check(command, by);
    if (refused) return { reply: refusal(refused), events: [] };

    const envelope = { board: this.board.id, rev: this.rev + 1, cmd: command.id, by, at: this.rev + 1 };
    const event = this.apply(command, envelope, by);
    this.rev = event.rev;
    this.appliedRevisions.set(command.id, event.rev);
    this.history.push(command);
    this.log.push(event);
    if (this.log.length > this.keptEvents) this.log.shift();
    return { reply: { ok: true, rev: event.rev }, events: [event] };
  }

  private check(command: BoardChangeCommand, by: string): ServerErrorCode | null {
    if (command.type === 'board.lock') return by === 'animator' ? null : 'forbidden';
    if (this.locked && by !== 'animator') return 'board_locked';
    if (command.type === 'note.create') return this.notes.has(command.note.id) ? 'note_exists' : null;
    return this.notes.has(command.noteId) ? null : 'unknown_note';
  }

  private apply(
    command: BoardChangeCommand,
    envelope: Omit<RevisionedBoardEvent, 'type'>,
    by: string,
  ): RevisionedBoardEvent {
    switch (command.type) {
      case 'note.create': {
        const note: Note = {
          ...command.note,
          author: by,
          authorName: by,
          createdAt: envelope.at,
          updatedAt: envelope.at,
        };
        this.notes.set(note.id, note);
        return { type: 'note.created', ...envelope, note };
      }
      case 'note.update': {
        const note = this.notes.get(command.noteId) as Note;
        this.notes.set(note.id, { ...note, ...command.fields, updatedAt: envelope.at });
        return { type: 'note.updated', ...envelope, noteId: note.id, fields: command.fields };
      }
      case 'note.delete':
        this.notes.delete(command.noteId);
        return { type: 'note.deleted', ...envelope, noteId: command.noteId };
      case 'board.lock':
        this.locked = command.locked;
        return { type: 'board.locked', ...envelope, locked: command.locked };
    }
  }
}

function refusal(error: ServerErrorCode): ErrorReply {
  return { ok: false, error, message: error };
}
