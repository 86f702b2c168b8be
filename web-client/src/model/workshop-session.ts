import { Backoff } from '../net/backoff';
import type { BusSocket } from '../net/bus-socket';
import { sendCommand } from '../net/commands';
import { workshopAddress } from '../protocol/addresses';
import { randomId } from '../protocol/ids';
import type {
  AnimatorSelf,
  Command,
  Participant,
  Plenary,
  ReplyTo,
  Role,
  SharedLinks,
  Workshop,
  WorkshopEvent,
} from '../protocol/messages';
import { CommandFailed, errorCodeOf, isTransient, type ClientErrorCode } from './errors';

export interface WorkshopState {
  role: Role;
  participant: Participant | null;
  workshop: Workshop;
  links?: SharedLinks;
  animator?: AnimatorSelf;
}

export function applyWorkshopEvent(state: WorkshopState, event: WorkshopEvent): WorkshopState {
  switch (event.type) {
    case 'plenary.changed':
      return withPlenary(state, event.plenary);
    case 'participant.joined':
      return state;
  }
}

function withPlenary(state: WorkshopState, plenary: Plenary): WorkshopState {
  return { ...state, workshop: { ...state.workshop, plenary } };
}

function withBoardLocked(state: WorkshopState, boardId: string, locked: boolean): WorkshopState {
  const boards = state.workshop.boards.map((board) => (board.id === boardId ? { ...board, locked } : board));
  return { ...state, workshop: { ...state.workshop, boards } };
}

/**
 * What a token may know of its workshop (`workshop.get`, fetched again on every connection) and
 * its live workshop events, plus the animator's direct commands.
 */
export class WorkshopSession {
  private current: WorkshopState | null = null;
  private failure: ClientErrorCode | null = null;
  private readonly listeners = new Set<() => void>();
  private readonly stops: (() => void)[] = [];
  private registeredWorkshop: string | null = null;
  private readonly retry = new Backoff({ initialMs: 1_000, maxMs: 15_000 });
  private retryTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly socket: BusSocket,
    readonly token: string,
  ) {}

  get state(): WorkshopState | null {
    return this.current;
  }

  /** Why the workshop could not be read, when it could not. */
  get error(): ClientErrorCode | null {
    return this.failure;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  start(): void {
    this.stops.push(
      this.socket.onStatusChange((status) => {
        if (status === 'connected') void this.fetch();
      }),
    );
    if (this.socket.status === 'connected') void this.fetch();
  }

  stop(): void {
    clearTimeout(this.retryTimer);
    this.stops.forEach((stop) => stop());
  }

  async showPlenary(boards: string[]): Promise<void> {
    const reply = await this.command({ type: 'plenary.show', boards });
    if (!reply.ok) throw new CommandFailed(reply.error);
    this.update((state) => withPlenary(state, reply.plenary));
  }

  async setBoardLocked(boardId: string, locked: boolean): Promise<void> {
    const reply = await this.command({ type: 'board.lock', id: randomId(), board: boardId, locked });
    if (!reply.ok) throw new CommandFailed(reply.error);
    this.update((state) => withBoardLocked(state, boardId, locked));
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
    const { role, participant, workshop, links, animator } = reply;
    this.current = { role, participant, workshop, links, animator };
    this.failure = null;
    this.listenToWorkshop(reply.workshop.id);
    this.notify();
  }

  /** A lost connection fetches again when it comes back; a passing trouble after a delay. */
  private fetchFailed(code: ClientErrorCode): void {
    if (code === 'disconnected') return;
    if (isTransient(code)) this.retryTimer = setTimeout(() => void this.fetch(), this.retry.nextDelay());
    else this.fail(code);
  }

  private listenToWorkshop(workshopId: string): void {
    if (this.registeredWorkshop === workshopId) return;
    this.registeredWorkshop = workshopId;
    this.stops.push(
      this.socket.register(workshopAddress(workshopId), { token: this.token }, (body) =>
        this.update((state) => applyWorkshopEvent(state, body as WorkshopEvent)),
      ),
    );
  }

  private async command<C extends Command>(command: C): Promise<ReplyTo<C>> {
    try {
      return await sendCommand(this.socket, this.token, command);
    } catch (error) {
      throw new CommandFailed(errorCodeOf(error));
    }
  }

  private update(change: (state: WorkshopState) => WorkshopState): void {
    if (!this.current) return;
    this.current = change(this.current);
    this.notify();
  }

  private fail(code: ClientErrorCode): void {
    this.failure = code;
    this.notify();
  }

  private notify(): void {
    this.listeners.forEach((listener) => listener());
  }
}
