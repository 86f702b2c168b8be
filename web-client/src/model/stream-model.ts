import type {
  ChangeCommand,
  ChangeCommandOf,
  HiddenEvent,
  SnapshotOf,
  StreamEventOf,
  StreamHeadEvent,
  StreamId,
  StreamMessageOf,
  SyncReplyOf,
} from '../protocol/messages';
import type { StreamKind } from '../protocol/schema';
import { CommandFailed, type ClientErrorCode } from './errors';
import {
  enqueue,
  loadPending,
  markDuplicate,
  markSent,
  savePending,
  withoutCommand,
  type Fold,
  type PendingEntry,
} from './pending';
import type { KeyValueStorage } from './storage';

/** How one event type changes the state of its stream. */
export type EventReducers<S, E extends { type: string }> = {
  [T in E['type']]: (state: S, event: Extract<E, { type: T }>) => S;
};

/** How one command type is shown before the server confirms it. */
export type CommandPredictions<S, C extends ChangeCommand> = {
  [T in C['type']]: (state: S, command: Extract<C, { type: T }>, queuedAt: number) => S;
};

/** What the engine needs to know of a kind of stream: its element types' reducers. */
export interface StreamType<K extends StreamKind, S> {
  readonly kind: K;
  fromSnapshot(snapshot: SnapshotOf[K]): S;
  readonly events: EventReducers<S, StreamEventOf<K>>;
  /**
   * What the shadow of an event outside this client's audience still tells, if anything: a vote's
   * progress, a barometer's tally, how many notes are private, a note withdrawn.
   */
  readonly shadow?: (state: S, event: HiddenEvent) => S;
  readonly commands: CommandPredictions<S, ChangeCommandOf<K>>;
  readonly fold?: Fold<ChangeCommandOf<K>>;
  /** Refusals that say the command's effect is already there: nothing to tell the user. */
  alreadyDone?(command: ChangeCommandOf<K>, code: ClientErrorCode): boolean;
}

/**
 * `applied`: the state moved. `ignored`: nothing to do. `sync`: the client must send `stream.sync`
 * (with `syncRequest`): a gap, a resync, a head ahead, or a history that is not the server's.
 */
export type StreamOutcome = 'applied' | 'ignored' | 'sync';

/** How many revisions back the client remembers `h`, to notice a history that diverged. */
const RECENT_HASHES = 64;
/** Events that arrive ahead of a gap wait here for the sync that fills it, up to this many. */
const MAX_BUFFERED_EVENTS = 1000;

/** An event of the stream's history: one of its element types, or the shadow of one. */
type RevisionedEvent<K extends StreamKind> = (StreamEventOf<K> & { rev: number; h: string; cmd: string }) | HiddenEvent;

/**
 * The first revision an event accounts for: its own, or for shadows the server merged (a run of
 * revisions this client may not see, and nothing else), the first of the run.
 */
function firstRevOf<K extends StreamKind>(event: RevisionedEvent<K>): number {
  if (event.type !== 'hidden') return event.rev;
  const from = (event as HiddenEvent).from;
  return typeof from === 'number' && Number.isInteger(from) && from > 0 && from < event.rev ? from : event.rev;
}

export interface StreamModelOptions<K extends StreamKind, S> {
  stream: StreamId;
  type: StreamType<K, S>;
  storage: KeyValueStorage;
  /** Where the pending commands are kept; `parvis.pending.<key>`. */
  storageKey: string;
  now?: () => number;
}

/**
 * One stream as this client knows it: the confirmed state at revision `rev` with the `h` of its
 * last revisions, the commands not confirmed yet, and the optimistic view of both. No socket here:
 * a sync client feeds it messages and takes its commands.
 */
export class StreamModel<K extends StreamKind, S> {
  readonly stream: StreamId;
  private readonly type: StreamType<K, S>;
  private readonly storage: KeyValueStorage;
  private readonly storageKey: string;
  private readonly now: () => number;

  private confirmed: S | null = null;
  private rev = 0;
  private readonly hashes = new Map<number, string>();
  /** The revision of the last snapshot, as long as no divergence was seen since. */
  private snapshotRev: number | null = null;
  /** The history is not the server's (or is missing): only a snapshot can be trusted. */
  private snapshotNeeded = false;
  private pending: PendingEntry<ChangeCommandOf<K>>[];
  /** Commands sent since the last reconnection or snapshot: not sent again until the next one. */
  private readonly sentSinceResend = new Set<string>();
  private readonly eventsAhead = new Map<number, RevisionedEvent<K>>();
  /** Revisions of the events ahead that arrived before the current sync request was sent. */
  private readonly aheadBeforeSync = new Set<number>();
  private cachedView: S | null | undefined;
  private remoteEventsToAnnounce: StreamEventOf<K>[] = [];
  private readonly settlements = new Map<string, { resolve(): void; reject(error: CommandFailed): void }>();

  private readonly changeListeners = new Set<() => void>();
  private readonly remoteEventListeners = new Set<(event: StreamEventOf<K>) => void>();
  private readonly errorListeners = new Set<(code: ClientErrorCode) => void>();

  constructor({ stream, type, storage, storageKey, now = Date.now }: StreamModelOptions<K, S>) {
    this.stream = stream;
    this.type = type;
    this.storage = storage;
    this.storageKey = storageKey;
    this.now = now;
    this.pending = loadPending(
      storage,
      storageKey,
      (command): command is ChangeCommandOf<K> => Object.prototype.hasOwnProperty.call(type.commands, command.type),
    );
  }

  get revision(): number {
    return this.rev;
  }

  /** The `since` and `h` of the next `stream.sync`; none asks for a snapshot. */
  get syncRequest(): { since?: number; h?: string } {
    const h = this.hashes.get(this.rev);
    return this.confirmed === null || this.snapshotNeeded || h === undefined ? {} : { since: this.rev, h };
  }

  /** The sync client sends `stream.sync` now: its reply will supersede every event held until now. */
  beginSync(): { since?: number; h?: string } {
    this.eventsAhead.forEach((_, rev) => this.aheadBeforeSync.add(rev));
    return this.syncRequest;
  }

  /** What the server has confirmed; null until the first snapshot. */
  get state(): S | null {
    return this.confirmed;
  }

  /** The confirmed state with the pending commands replayed on top. */
  get view(): S | null {
    if (this.cachedView === undefined) {
      const confirmed = this.confirmed;
      this.cachedView =
        confirmed === null ? null : this.pending.reduce<S>((state, entry) => this.predict(state, entry), confirmed);
    }
    return this.cachedView;
  }

  get pendingCount(): number {
    return this.pending.length;
  }

  get pendingCommands(): readonly ChangeCommandOf<K>[] {
    return this.pending.map((entry) => entry.command);
  }

  subscribe(listener: () => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  /** Live events caused by someone else's command, after the change listeners have run. */
  onRemoteEvent(listener: (event: StreamEventOf<K>) => void): () => void {
    this.remoteEventListeners.add(listener);
    return () => this.remoteEventListeners.delete(listener);
  }

  onError(listener: (code: ClientErrorCode) => void): () => void {
    this.errorListeners.add(listener);
    return () => this.errorListeners.delete(listener);
  }

  // ---- Intents ----

  queue(command: ChangeCommandOf<K>): void {
    this.replacePending(enqueue(this.pending, command, this.now(), this.type.fold));
    this.changed();
  }

  /**
   * Resolves once the command's effect is in the confirmed state, rejects with CommandFailed if the
   * server refuses it. Only for this page's life: after a reload the command is still sent.
   */
  whenSettled(commandId: string): Promise<void> {
    if (!this.pending.some((entry) => entry.command.id === commandId)) return Promise.resolve();
    return new Promise((resolve, reject) => this.settlements.set(commandId, { resolve, reject }));
  }

  // ---- What the sync client reports ----

  /** A message from the stream's address. */
  receive(message: StreamMessageOf<K>): StreamOutcome {
    if (message.type === 'stream.resync') return 'sync';
    if (message.type === 'stream.head') return this.checkHead(message as StreamHeadEvent);
    const outcome = this.takeEvent(message as RevisionedEvent<K>, true);
    if (outcome === 'applied') this.changed();
    return outcome;
  }

  /** The answer to `stream.sync`. */
  receiveSync(reply: SyncReplyOf<K>): StreamOutcome {
    const fromDeadHistory = this.dropEventsSupersededBy(reply.rev);
    if ('snapshot' in reply) {
      this.takeSnapshot(reply.rev, reply.h, reply.snapshot);
      this.changed();
      return 'applied';
    }
    if (this.confirmed === null || fromDeadHistory) {
      this.diverged();
      return 'sync';
    }
    for (const event of reply.events) {
      this.takeEvent(event as RevisionedEvent<K>, false);
      if (this.snapshotNeeded) break;
    }
    this.changed();
    if (this.snapshotNeeded || this.rev < reply.rev) return 'sync';
    const known = this.hashes.get(reply.rev);
    if (known !== undefined && known !== reply.h) {
      this.diverged();
      return 'sync';
    }
    return 'applied';
  }

  /** After every reconnection: the pending commands are all sent again, oldest first. */
  resendAll(): void {
    this.sentSinceResend.clear();
  }

  /** The first pending command not sent since the last reconnection or snapshot. */
  takeNextCommand(): ChangeCommandOf<K> | undefined {
    const entry = this.pending.find((candidate) => !this.sentSinceResend.has(candidate.command.id));
    if (!entry) return undefined;
    this.sentSinceResend.add(entry.command.id);
    if (!entry.sent) this.replacePending(markSent(this.pending, entry.command.id));
    return entry.command;
  }

  /** The command could not be sent (a passing trouble): it goes first again. */
  sendAgain(commandId: string): void {
    this.sentSinceResend.delete(commandId);
  }

  /**
   * The server applied the command at `rev`, or had applied it there before (`duplicate`). A plain
   * acknowledgement changes nothing: the command stays pending until its event is applied. A
   * duplicate is dropped when the last snapshot, taken at or after `rev`, contains it.
   */
  acknowledge(commandId: string, rev: number, duplicate: boolean): StreamOutcome {
    if (!duplicate || !this.pending.some((entry) => entry.command.id === commandId)) return 'ignored';
    if (this.snapshotRev !== null && rev <= this.snapshotRev) {
      this.settle(commandId);
      this.changed();
      return 'applied';
    }
    if (rev <= this.rev) {
      // The server has it at a revision this client passed without seeing it: not the same history.
      this.diverged();
      return 'sync';
    }
    this.replacePending(markDuplicate(this.pending, commandId, rev));
    return 'ignored';
  }

  /** The server refused the command: it is dropped, so the view rolls back, and the user is told. */
  refuse(commandId: string, code: ClientErrorCode): void {
    const command = this.pending.find((entry) => entry.command.id === commandId)?.command;
    this.replacePending(withoutCommand(this.pending, commandId));
    this.sentSinceResend.delete(commandId);
    this.settlements.get(commandId)?.reject(new CommandFailed(code));
    this.settlements.delete(commandId);
    this.changed();
    if (!command || !this.type.alreadyDone?.(command, code)) this.reportError(code);
  }

  reportError(code: ClientErrorCode): void {
    this.errorListeners.forEach((listener) => listener(code));
  }

  // ---- Internals ----

  private predict(state: S, entry: PendingEntry<ChangeCommandOf<K>>): S {
    const predict = this.type.commands[entry.command.type as ChangeCommandOf<K>['type']] as (
      state: S,
      command: ChangeCommandOf<K>,
      queuedAt: number,
    ) => S;
    return predict(state, entry.command, entry.queuedAt);
  }

  /**
   * Drops the events held from before the sync request: the reply covers them. One above the
   * reply's revision was published before the server read that revision, by a history since lost:
   * true then.
   */
  private dropEventsSupersededBy(rev: number): boolean {
    let fromDeadHistory = false;
    for (const held of this.aheadBeforeSync) {
      if (held > rev && this.eventsAhead.has(held)) fromDeadHistory = true;
      this.eventsAhead.delete(held);
    }
    this.aheadBeforeSync.clear();
    return fromDeadHistory;
  }

  private takeSnapshot(rev: number, h: string, snapshot: SnapshotOf[K]): void {
    this.confirmed = this.type.fromSnapshot(snapshot);
    this.rev = rev;
    this.hashes.clear();
    this.hashes.set(rev, h);
    this.snapshotRev = rev;
    this.snapshotNeeded = false;
    for (const entry of this.pending) {
      if (entry.duplicateRev !== undefined && entry.duplicateRev <= rev) this.settle(entry.command.id);
    }
    // What the snapshot does not contain is sent again: the server may have lost it.
    this.resendAll();
    this.applyEventsAhead();
  }

  private takeEvent(event: RevisionedEvent<K>, live: boolean): StreamOutcome {
    const first = firstRevOf(event);
    if (this.confirmed === null || first > this.rev + 1) {
      if (this.eventsAhead.size < MAX_BUFFERED_EVENTS) this.eventsAhead.set(first, event);
      this.aheadBeforeSync.delete(first);
      return 'sync';
    }
    if (event.rev <= this.rev) {
      const known = this.hashes.get(event.rev);
      if (known === undefined || known === event.h) return 'ignored';
      this.diverged();
      return 'sync';
    }
    this.applyInOrder(event, live);
    this.applyEventsAhead();
    return 'applied';
  }

  private checkHead(head: StreamHeadEvent): StreamOutcome {
    if (this.confirmed === null) return 'ignored';
    const known = this.hashes.get(head.rev);
    if (known !== undefined && known !== head.h) {
      this.diverged();
      return 'sync';
    }
    return head.rev === this.rev ? 'ignored' : 'sync';
  }

  private applyInOrder(event: RevisionedEvent<K>, live: boolean): void {
    if (event.type === 'hidden') {
      if (this.type.shadow) this.confirmed = this.type.shadow(this.confirmed as S, event as HiddenEvent);
    } else {
      const streamEvent = event as StreamEventOf<K> & { cmd: string };
      const known = Object.prototype.hasOwnProperty.call(this.type.events, streamEvent.type);
      const reduce = known
        ? (this.type.events[streamEvent.type as StreamEventOf<K>['type']] as (state: S, event: StreamEventOf<K>) => S)
        : undefined;
      // An event type this client does not know yet only moves the revision, like a shadow.
      if (reduce) this.confirmed = reduce(this.confirmed as S, streamEvent as StreamEventOf<K>);
      const own = this.pending.some((entry) => entry.command.id === streamEvent.cmd);
      if (own) this.settle(streamEvent.cmd);
      else if (live) this.remoteEventsToAnnounce.push(streamEvent as StreamEventOf<K>);
    }
    this.rev = event.rev;
    this.hashes.set(event.rev, event.h);
    this.hashes.delete(event.rev - RECENT_HASHES);
  }

  /** Applies the held events that now follow on, each keyed by the first revision it covers. */
  private applyEventsAhead(): void {
    let progressed = true;
    while (progressed && this.confirmed !== null) {
      progressed = false;
      for (const [first, event] of this.eventsAhead) {
        if (event.rev <= this.rev) {
          this.eventsAhead.delete(first);
        } else if (first <= this.rev + 1) {
          this.eventsAhead.delete(first);
          this.applyInOrder(event, true);
          progressed = true;
        }
      }
    }
  }

  private diverged(): void {
    this.snapshotNeeded = true;
    this.snapshotRev = null;
    this.eventsAhead.clear();
    this.aheadBeforeSync.clear();
  }

  private settle(commandId: string): void {
    this.replacePending(withoutCommand(this.pending, commandId));
    this.sentSinceResend.delete(commandId);
    this.settlements.get(commandId)?.resolve();
    this.settlements.delete(commandId);
  }

  private replacePending(entries: PendingEntry<ChangeCommandOf<K>>[]): void {
    this.pending = entries;
    savePending(this.storage, this.storageKey, entries);
  }

  private changed(): void {
    this.cachedView = undefined;
    this.changeListeners.forEach((listener) => listener());
    const announced = this.remoteEventsToAnnounce;
    this.remoteEventsToAnnounce = [];
    announced.forEach((event) => this.remoteEventListeners.forEach((listener) => listener(event)));
  }
}
