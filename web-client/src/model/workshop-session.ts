import { Backoff } from '../net/backoff';
import type { BusSocket } from '../net/bus-socket';
import { sendCommand } from '../net/commands';
import { workshopStream } from '../protocol/addresses';
import { randomId } from '../protocol/ids';
import type {
  AnimatorSelf,
  Sequence,
  BoardCommand,
  DeletedNote,
  Participant,
  ReplyTo,
  RetentionDates,
  Role,
  SharedLinks,
  JoinDisplay,
  VoteItem,
  Workshop,
  CommandOf,
  WorkshopCommand,
  WorkshopEvent,
} from '../protocol/messages';
import { EMPTY_AGENDA, type AgendaState, type Timers } from './agenda';
import { ServerClock } from './clock';
import { CommandFailed, errorCodeOf, isTransient, type ClientErrorCode } from './errors';
import { MemoryStorage } from './storage';
import { StreamModel } from './stream-model';
import { StreamSyncClient } from './stream-sync';
import type { VoteState } from './votes';
import { workshopStreamType, type WorkshopStreamState } from './workshop-reducer';

/** What an animator chooses when opening a vote. */
export type VoteSettings = Omit<CommandOf<'vote.open'>, 'type' | 'id' | 'vote'>;

export interface WorkshopState {
  role: Role;
  participant: Participant | null;
  /** Followed on the workshop stream: the plenary's choice and the board locks are always current. */
  workshop: Workshop;
  /**
   * For animators, who joined since the workshop stream was last loaded (its snapshot has no roster
   * yet, unless the server adds one); empty for everyone else.
   */
  participants: readonly Participant[];
  /** The evening's agenda and the sequence in progress. */
  agenda: AgendaState;
  /** The timers that are set, by group, the workshop's under WORKSHOP_TIMER. */
  timers: Timers;
  /** The workshop's votes, in opening order: this person's own dots only, results once closed. */
  votes: readonly VoteState[];
  /** The vote the plenary screen shows instead of boards, if any. */
  plenaryVote: string | null;
  /** Whether the projector shows the previous atelier's recap; undefined when there is none. */
  recapShown?: boolean;
  links?: SharedLinks;
  animator?: AnimatorSelf;
  retention?: RetentionDates;
}

/** What `workshop.get` says: who this token is, and the workshop until its stream is loaded. */
type Identity = Omit<WorkshopState, 'participants' | 'agenda' | 'timers' | 'votes' | 'plenaryVote' | 'recapShown'>;

/** A timer action, as `timer.set` takes it; `group` absent: the workshop's timer. */
export type TimerAction =
  | { action: 'start'; durationMs: number; freezeAtZero: boolean }
  | { action: 'pause' | 'resume' | 'stop' }
  | { action: 'add'; deltaMs: number };

export interface WorkshopSessionOptions {
  newId?: () => string;
  /** How the workshop stream is kept in step; a test may shorten its delays. */
  startSync?: (model: StreamModel<'workshop', WorkshopStreamState>) => { stop(): void };
  clock?: ServerClock;
}

/**
 * What a token may know of its workshop: who it is (`workshop.get`, read again on every
 * connection), and the workshop stream, followed like a board's, with the animator's commands on it.
 */
export class WorkshopSession {
  private identity: Identity | null = null;
  private cachedState: WorkshopState | null | undefined;
  private stream: StreamModel<'workshop', WorkshopStreamState> | null = null;
  private failure: ClientErrorCode | null = null;
  private readonly listeners = new Set<() => void>();
  private readonly remoteEventListeners = new Set<(event: WorkshopEvent) => void>();
  private readonly stops: (() => void)[] = [];
  private readonly retry = new Backoff({ initialMs: 1_000, maxMs: 15_000 });
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly newId: () => string;
  private readonly clock: ServerClock;
  private clockWanted = false;
  private readonly startSync: NonNullable<WorkshopSessionOptions['startSync']>;

  constructor(
    private readonly socket: BusSocket,
    readonly token: string,
    { newId = randomId, startSync, clock = new ServerClock() }: WorkshopSessionOptions = {},
  ) {
    this.newId = newId;
    this.clock = clock;
    this.startSync =
      startSync ??
      ((model) => {
        const sync = new StreamSyncClient(socket, model, token);
        sync.start();
        return sync;
      });
  }

  get state(): WorkshopState | null {
    if (this.cachedState === undefined) {
      const followed = this.stream?.view;
      this.cachedState = this.identity && {
        ...this.identity,
        workshop: followed?.workshop ?? this.identity.workshop,
        participant: this.identity.participant && { ...this.identity.participant, ...followed?.own },
        participants: followed?.participants ?? [],
        agenda: followed?.agenda ?? EMPTY_AGENDA,
        timers: followed?.timers ?? {},
        votes: followed?.votes ?? [],
        plenaryVote: followed?.plenaryVote ?? null,
        recapShown: followed?.recapShown,
      };
    }
    return this.cachedState;
  }

  /** The workshop stream, once the workshop is known. */
  get workshopStream(): StreamModel<'workshop', WorkshopStreamState> | null {
    return this.stream;
  }

  /** Why the workshop could not be read, when it could not. */
  get error(): ClientErrorCode | null {
    return this.failure;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Live workshop events caused by someone else, such as a board locked by the animator. */
  onRemoteEvent(listener: (event: WorkshopEvent) => void): () => void {
    this.remoteEventListeners.add(listener);
    return () => this.remoteEventListeners.delete(listener);
  }

  start(): void {
    this.stops.push(
      this.socket.onStatusChange((status) => {
        if (status === 'connected') this.connected();
      }),
    );
    if (this.socket.status === 'connected') this.connected();
  }

  stop(): void {
    clearTimeout(this.retryTimer);
    this.stops.forEach((stop) => stop());
  }

  /** Resolves once the plenary shows these boards; rejects with CommandFailed if refused. */
  showPlenary(boards: string[]): Promise<void> {
    return this.command({ type: 'plenary.show', id: this.newId(), boards });
  }

  setBoardLocked(board: string, locked: boolean): Promise<void> {
    return this.command({ type: 'board.lock', id: this.newId(), board, locked });
  }

  /** The whole agenda, replaced (the lead animator's). */
  setAgenda(sequences: Sequence[]): Promise<void> {
    return this.command({ type: 'agenda.set', id: this.newId(), sequences });
  }

  /** `next`, `end`, or a sequence id. */
  goToSequence(to: string): Promise<void> {
    return this.command({ type: 'sequence.go', id: this.newId(), to });
  }

  setTimer(change: TimerAction, group?: string): Promise<void> {
    return this.command({ type: 'timer.set', id: this.newId(), ...change, ...(group ? { group } : {}) });
  }

  /**
   * The server's time as best known. The first call starts sampling the server's clock, then again
   * on every connection: only screens that show a timer ask the server for its time.
   */
  serverNow(): number {
    if (!this.clockWanted) {
      this.clockWanted = true;
      if (this.socket.status === 'connected') this.sampleClock();
    }
    return this.clock.now();
  }

  private connected(): void {
    void this.fetch();
    if (this.clockWanted) this.sampleClock();
  }

  private sampleClock(): void {
    this.clock.reset();
    void this.clock.sample(async () => {
      const reply = await sendCommand(this.socket, this.token, { type: 'clock.get' });
      if (!reply.ok) throw new CommandFailed(reply.error);
      return reply.time;
    });
  }

  /** How the projector shows the join code and its QR code. */
  setJoinDisplay(mode: JoinDisplay): Promise<void> {
    return this.command({ type: 'join.display', id: this.newId(), mode });
  }

  /** An animator shows or hides the previous atelier's recap on the projector. */
  setRecapShown(shown: boolean): Promise<void> {
    return this.command({ type: 'recap.display', id: this.newId(), shown });
  }

  /** The lead animator moves a participant to another group. */
  moveParticipant(participant: string, board: string): Promise<void> {
    return this.command({ type: 'participant.move', id: this.newId(), participant, board });
  }

  /** The lead animator closes (or opens) the group menu. */
  setGroupsLocked(locked: boolean): Promise<void> {
    return this.command({ type: 'groups.lock', id: this.newId(), locked });
  }

  /** "Bring everyone here": the animator's group's participants open this board. */
  bringHere(board: string): Promise<void> {
    return this.command({ type: 'group.follow', id: this.newId(), board });
  }

  /** A participant's "j'ai fini". */
  setDone(done: boolean): Promise<void> {
    return this.command({ type: 'participant.done', id: this.newId(), done });
  }

  /** Opens a dot vote; resolves with its id once the server has fixed its notes. */
  async openVote(settings: VoteSettings): Promise<string> {
    const vote = this.newId();
    await this.command({ type: 'vote.open', id: this.newId(), vote, ...settings });
    return vote;
  }

  /** One dot more (or, `takeBack`, one less) on a note; shown at once, rolled back if refused. */
  moveDot(vote: string, item: VoteItem, takeBack = false): Promise<void> {
    const { board, noteId } = item;
    return this.command({ type: takeBack ? 'vote.retract' : 'vote.cast', id: this.newId(), vote, board, noteId });
  }

  /** Closes the vote: everyone sees its results. */
  closeVote(vote: string): Promise<void> {
    return this.command({ type: 'vote.close', id: this.newId(), vote });
  }

  /** Atelier 3: a sub-group board per action ranked in the first `keep` of a closed vote. */
  deepenActions(vote: string, keep: number): Promise<void> {
    return this.command({ type: 'atelier.deepen', id: this.newId(), vote, keep });
  }

  /** The lead animator's thematic axes (1 to 6): a board each. */
  setAxes(axes: string[]): Promise<void> {
    return this.command({ type: 'axes.set', id: this.newId(), axes });
  }

  /** A participant joins the group of an axis. */
  chooseAxis(board: string): Promise<void> {
    return this.command({ type: 'axis.choose', id: this.newId(), board });
  }

  /** `mode`: `open`, or `private` (notes wait for a reveal); `anyoneEdits`: everyone edits every note. */
  configureBoard(board: string, mode: string, anyoneEdits: boolean): Promise<void> {
    return this.command({ type: 'board.configure', id: this.newId(), board, mode, anyoneEdits });
  }

  /** Every private note of a board to everyone, without their authors when `anonymous`. */
  revealBoard(board: string, anonymous: boolean): Promise<void> {
    return this.sendOnce({ type: 'board.reveal', id: this.newId(), board, anonymous });
  }

  /** A deleted note back on its board, from the trash. */
  restoreNote(board: string, noteId: string): Promise<void> {
    return this.sendOnce({ type: 'note.restore', id: this.newId(), board, noteId });
  }

  /**
   * A board command from the console, which follows no board: sent once, not kept pending. Both
   * are safe to try again by hand (a second reveal finds nothing private, a second restore nothing to restore).
   */
  private async sendOnce(command: BoardCommand): Promise<void> {
    const reply = await sendCommand(this.socket, this.token, command);
    if (!reply.ok) throw new CommandFailed(reply.error);
  }

  /** The notes deleted from a board, newest first, for an animator to restore. */
  async trash(board: string): Promise<DeletedNote[]> {
    const reply = await sendCommand(this.socket, this.token, { type: 'board.trash', board });
    if (!reply.ok) throw new CommandFailed(reply.error);
    return reply.deleted;
  }

  private command(command: WorkshopCommand): Promise<void> {
    if (!this.stream) return Promise.reject(new CommandFailed('disconnected'));
    this.stream.queue(command);
    return this.stream.whenSettled(command.id);
  }

  private async fetch(): Promise<void> {
    clearTimeout(this.retryTimer);
    let reply: ReplyTo<{ type: 'workshop.get' }>;
    try {
      reply = await sendCommand(this.socket, this.token, { type: 'workshop.get' });
    } catch (error) {
      this.fetchFailed(errorCodeOf(error));
      return;
    }
    if (!reply.ok) {
      this.fetchFailed(reply.error);
      return;
    }
    this.retry.reset();
    const { role, participant, workshop, links, animator, retention } = reply;
    this.identity = { role, participant, workshop, links, animator, retention };
    this.failure = null;
    this.follow(reply.workshop.id);
    this.notify();
  }

  /** A lost connection fetches again when it comes back; a passing trouble after a delay. */
  private fetchFailed(code: ClientErrorCode): void {
    if (code === 'disconnected') return;
    if (isTransient(code)) this.retryTimer = setTimeout(() => void this.fetch(), this.retry.nextDelay());
    else this.fail(code);
  }

  /**
   * The animator's workshop commands are kept in memory only: a read-only tab of the same browser
   * must never find them in storage and send them with its own token.
   */
  private follow(workshopId: string): void {
    if (this.stream) return;
    const stream = new StreamModel({
      stream: workshopStream(workshopId),
      type: workshopStreamType,
      storage: new MemoryStorage(),
      storageKey: workshopStream(workshopId),
    });
    this.stream = stream;
    const sync = this.startSync(stream);
    this.stops.push(
      stream.subscribe(() => this.notify()),
      stream.onRemoteEvent((event) => this.remoteEventListeners.forEach((listener) => listener(event))),
      () => sync.stop(),
    );
  }

  private fail(code: ClientErrorCode): void {
    this.failure = code;
    this.notify();
  }

  private notify(): void {
    this.cachedState = undefined;
    this.listeners.forEach((listener) => listener());
  }
}
