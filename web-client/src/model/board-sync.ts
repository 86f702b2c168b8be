import { Backoff } from '../net/backoff';
import { BusError, type BusSocket, type ConnectionStatus } from '../net/bus-socket';
import { sendCommand } from '../net/commands';
import { boardAddress } from '../protocol/addresses';
import type { BoardChangeCommand, BoardEvent, BoardSyncCommand } from '../protocol/messages';
import type { BoardModel } from './board-model';
import { errorCodeOf, isTransient, type ClientErrorCode } from './errors';

export interface BoardSyncOptions {
  retry?: Backoff;
  /** How long an acknowledged revision may stay ahead of the events received before a sync. */
  missingEventDelayMs?: number;
}

/**
 * Keeps a BoardModel in step with the server over a BusSocket. One request at a time, in order:
 * after each (re)connection a `board.sync`, then the pending commands, oldest first, with the ids
 * they were made with.
 */
export class BoardSyncClient {
  private readonly retry: Backoff;
  private readonly missingEventDelayMs: number;
  private readonly stops: (() => void)[] = [];

  private needsSync = true;
  /** A sync refused for good (bad token, unknown board): no point asking again on this connection. */
  private syncRefused = false;
  private busy = false;
  private stopped = false;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private missingEventTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly socket: BusSocket,
    private readonly model: BoardModel,
    private readonly token: string,
    { retry = new Backoff({ initialMs: 1_000, maxMs: 15_000 }), missingEventDelayMs = 3_000 }: BoardSyncOptions = {},
  ) {
    this.retry = retry;
    this.missingEventDelayMs = missingEventDelayMs;
  }

  start(): void {
    this.stops.push(
      this.socket.register(boardAddress(this.model.boardId), { token: this.token }, (body) =>
        this.handleEvent(body as BoardEvent),
      ),
      this.socket.onStatusChange((status) => this.handleStatus(status)),
      this.model.subscribe(() => this.pump()),
    );
    this.pump();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    clearTimeout(this.missingEventTimer);
    this.stops.forEach((stop) => stop());
  }

  private handleStatus(status: ConnectionStatus): void {
    if (status !== 'connected') return;
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.retry.reset();
    this.needsSync = true;
    this.syncRefused = false;
    this.pump();
  }

  private handleEvent(event: BoardEvent): void {
    if (event.type === 'board.resync' || this.model.receiveEvent(event) === 'gap') this.requestSync();
  }

  private requestSync(): void {
    this.needsSync = true;
    this.pump();
  }

  private pump(): void {
    if (this.stopped || this.busy || this.retryTimer || this.socket.status !== 'connected') return;
    if (this.needsSync) {
      if (!this.syncRefused) this.runExclusively(() => this.sync());
      return;
    }
    const command = this.model.takeNextCommand();
    if (command) this.runExclusively(() => this.sendChange(command));
  }

  private runExclusively(request: () => Promise<void>): void {
    this.busy = true;
    void request().finally(() => {
      this.busy = false;
      this.pump();
    });
  }

  private async sync(): Promise<void> {
    const command: BoardSyncCommand = { type: 'board.sync', board: this.model.boardId };
    const since = this.model.syncSince;
    if (since !== undefined) command.since = since;
    try {
      const reply = await sendCommand(this.socket, this.token, command);
      if (!reply.ok) {
        this.handleRefusal(reply.error, () => {
          this.syncRefused = true;
          this.model.reportError(reply.error);
        });
        return;
      }
      this.needsSync = false;
      this.retry.reset();
      if (this.model.receiveSync(reply) === 'gap') this.needsSync = true;
    } catch (error) {
      this.handleFailure(error);
    }
  }

  private async sendChange(command: BoardChangeCommand): Promise<void> {
    try {
      const reply = await sendCommand(this.socket, this.token, command);
      if (!reply.ok) {
        this.handleRefusal(reply.error, () => this.model.refuse(command.id, reply.error));
        return;
      }
      this.retry.reset();
      this.model.acknowledge(command.id, reply.rev);
      if (this.model.revision < reply.rev) this.expectEventsUpTo(reply.rev);
    } catch (error) {
      this.handleFailure(error);
    }
  }

  private handleRefusal(code: ClientErrorCode, refuseForGood: () => void): void {
    if (!isTransient(code)) {
      refuseForGood();
      return;
    }
    this.model.reportError(code);
    this.retryLater();
  }

  /** A dropped connection waits for the next one; anything else is tried again after a delay. */
  private handleFailure(error: unknown): void {
    if (error instanceof BusError && error.code === 'disconnected') return;
    if (errorCodeOf(error) === 'unknown') console.error(error);
    this.retryLater();
  }

  private retryLater(): void {
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.pump();
    }, this.retry.nextDelay());
  }

  /** The server has reached `rev`; if its events do not follow (a lost pub/sub message), sync. */
  private expectEventsUpTo(rev: number): void {
    clearTimeout(this.missingEventTimer);
    this.missingEventTimer = setTimeout(() => {
      if (this.model.revision < rev) this.requestSync();
    }, this.missingEventDelayMs);
  }
}
