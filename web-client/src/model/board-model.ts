import { randomId } from '../protocol/ids';
import type { BoardChangeCommand, NoteDraft, NoteFields, RevisionedBoardEvent, SyncReply } from '../protocol/messages';
import { applyEvent, emptyBoardState, eventFit, stateOfSnapshot, type BoardState } from './board-state';
import type { ClientErrorCode } from './errors';
import { optimisticView, type BoardView, type LocalAuthor } from './optimistic';
import {
  enqueue,
  forgetAcknowledgementsAbove,
  loadPending,
  markAcknowledged,
  markSent,
  nextToSend,
  savePending,
  settledAt,
  withoutCommand,
  type PendingEntry,
} from './pending';
import type { KeyValueStorage } from './storage';

export type EventOutcome = 'applied' | 'stale' | 'gap';

export interface BoardModelOptions {
  boardId: string;
  storage: KeyValueStorage;
  author: LocalAuthor;
  newId?: () => string;
  now?: () => number;
}

/**
 * Refusals that say the command's effect is already there: a create sent again after its reply was
 * lost, a delete of a note already gone. Nothing to roll back, nothing to tell.
 */
function alreadyDone(command: BoardChangeCommand | undefined, code: ClientErrorCode): boolean {
  return (
    (command?.type === 'note.create' && code === 'note_exists') ||
    (command?.type === 'note.delete' && code === 'unknown_note')
  );
}

/** Events that arrive ahead of a gap wait here for the sync that fills it, up to this many. */
const MAX_BUFFERED_EVENTS = 1000;

/**
 * One board as this client knows it: the confirmed state, the commands not confirmed yet, and the
 * optimistic view of both. No socket here: a sync client feeds it events and takes its commands.
 */
export class BoardModel {
  readonly boardId: string;
  private readonly storage: KeyValueStorage;
  private readonly author: LocalAuthor;
  private readonly newId: () => string;
  private readonly now: () => number;

  private confirmed: BoardState = emptyBoardState;
  private pending: PendingEntry[];
  private readonly eventsAhead = new Map<number, RevisionedBoardEvent>();
  private cachedView: BoardView | null = null;
  private remoteEventsToAnnounce: RevisionedBoardEvent[] = [];
  /**
   * Set when events could not bring the state to the server's revision, or when the server is
   * behind us (it lost events): only a snapshot can be trusted then.
   */
  private snapshotNeeded = false;

  private readonly changeListeners = new Set<() => void>();
  private readonly remoteEventListeners = new Set<(event: RevisionedBoardEvent) => void>();
  private readonly errorListeners = new Set<(code: ClientErrorCode) => void>();

  constructor({ boardId, storage, author, newId = randomId, now = Date.now }: BoardModelOptions) {
    this.boardId = boardId;
    this.storage = storage;
    this.author = author;
    this.newId = newId;
    this.now = now;
    this.pending = loadPending(storage, boardId);
  }

  get revision(): number {
    return this.confirmed.rev;
  }

  /** The `since` of the next `board.sync`: none asks for a snapshot. */
  get syncSince(): number | undefined {
    return this.confirmed.board === null || this.snapshotNeeded ? undefined : this.confirmed.rev;
  }

  get pendingCount(): number {
    return this.pending.length;
  }

  get pendingCommands(): readonly BoardChangeCommand[] {
    return this.pending.map((entry) => entry.command);
  }

  get view(): BoardView {
    this.cachedView ??= optimisticView(this.confirmed, this.pending, this.author);
    return this.cachedView;
  }

  subscribe(listener: () => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  /** Live events caused by someone else's command, after the change listeners have run. */
  onRemoteEvent(listener: (event: RevisionedBoardEvent) => void): () => void {
    this.remoteEventListeners.add(listener);
    return () => this.remoteEventListeners.delete(listener);
  }

  onError(listener: (code: ClientErrorCode) => void): () => void {
    this.errorListeners.add(listener);
    return () => this.errorListeners.delete(listener);
  }

  // ---- Intents ----

  createNote(draft: Omit<NoteDraft, 'id'>): string {
    const note = { id: this.newId(), ...draft };
    this.queue({ type: 'note.create', id: this.newId(), board: this.boardId, note });
    return note.id;
  }

  updateNote(noteId: string, fields: NoteFields): void {
    this.queue({ type: 'note.update', id: this.newId(), board: this.boardId, noteId, fields });
  }

  deleteNote(noteId: string): void {
    this.queue({ type: 'note.delete', id: this.newId(), board: this.boardId, noteId });
  }

  // ---- What the sync client reports ----

  /** A live event from the board's address. */
  receiveEvent(event: RevisionedBoardEvent): EventOutcome {
    const outcome = this.takeEvent(event, true);
    if (outcome === 'applied') this.changed();
    return outcome;
  }

  /** The answer to `board.sync`; `gap` if the state is still behind the revision it announced. */
  receiveSync(reply: SyncReply): EventOutcome {
    if ('snapshot' in reply) {
      this.confirmed = stateOfSnapshot(reply.rev, reply.snapshot);
      this.snapshotNeeded = false;
      this.replacePending(forgetAcknowledgementsAbove(this.pending, reply.rev));
      this.applyEventsAhead();
    } else if (reply.rev < this.confirmed.rev) {
      this.snapshotNeeded = true;
      return 'gap';
    } else {
      for (const event of reply.events) this.takeEvent(event, false);
    }
    this.settlePending();
    this.changed();
    if (this.confirmed.rev >= reply.rev) return 'applied';
    this.snapshotNeeded = true;
    return 'gap';
  }

  /** The first command the server has not acknowledged; from now on it never changes. */
  takeNextCommand(): BoardChangeCommand | undefined {
    const entry = nextToSend(this.pending);
    if (!entry) return undefined;
    if (!entry.sent) this.replacePending(markSent(this.pending, entry.command.id));
    return entry.command;
  }

  acknowledge(commandId: string, rev: number): void {
    this.replacePending(markAcknowledged(this.pending, commandId, rev));
    if (this.settlePending()) this.changed();
  }

  /** The server refused the command: it is dropped, so the view rolls back, and the user is told. */
  refuse(commandId: string, code: ClientErrorCode): void {
    const command = this.pending.find((entry) => entry.command.id === commandId)?.command;
    this.replacePending(withoutCommand(this.pending, commandId));
    this.changed();
    if (!alreadyDone(command, code)) this.reportError(code);
  }

  reportError(code: ClientErrorCode): void {
    this.errorListeners.forEach((listener) => listener(code));
  }

  // ---- Internals ----

  private queue(command: BoardChangeCommand): void {
    this.replacePending(enqueue(this.pending, command, this.now()));
    this.changed();
  }

  private takeEvent(event: RevisionedBoardEvent, live: boolean): EventOutcome {
    const fit = eventFit(this.confirmed, event);
    if (fit === 'stale') return 'stale';
    if (fit === 'gap') {
      if (this.eventsAhead.size < MAX_BUFFERED_EVENTS) this.eventsAhead.set(event.rev, event);
      return 'gap';
    }
    this.applyInOrder(event, live);
    this.applyEventsAhead();
    this.settlePending();
    return 'applied';
  }

  private applyInOrder(event: RevisionedBoardEvent, live: boolean): void {
    this.confirmed = applyEvent(this.confirmed, event);
    const own = this.pending.some((entry) => entry.command.id === event.cmd);
    if (own) this.replacePending(withoutCommand(this.pending, event.cmd));
    else if (live) this.remoteEventsToAnnounce.push(event);
  }

  private applyEventsAhead(): void {
    for (const rev of [...this.eventsAhead.keys()]) {
      if (rev <= this.confirmed.rev) this.eventsAhead.delete(rev);
    }
    let next = this.eventsAhead.get(this.confirmed.rev + 1);
    while (next && this.confirmed.board !== null) {
      this.eventsAhead.delete(next.rev);
      this.applyInOrder(next, true);
      next = this.eventsAhead.get(this.confirmed.rev + 1);
    }
  }

  /** True if some pending entries were dropped. */
  private settlePending(): boolean {
    const settled = settledAt(this.pending, this.confirmed.rev);
    if (settled.length === this.pending.length) return false;
    this.replacePending(settled);
    return true;
  }

  private replacePending(entries: PendingEntry[]): void {
    this.pending = entries;
    savePending(this.storage, this.boardId, entries);
  }

  private changed(): void {
    this.cachedView = null;
    this.changeListeners.forEach((listener) => listener());
    const announced = this.remoteEventsToAnnounce;
    this.remoteEventsToAnnounce = [];
    announced.forEach((event) => this.remoteEventListeners.forEach((listener) => listener(event)));
  }
}
