import { Backoff } from '../net/backoff';
import { BusError, type BusSocket, type ConnectionStatus } from '../net/bus-socket';
import { sendCommand } from '../net/commands';
import { streamAddress } from '../protocol/addresses';
import type { ChangeCommandOf, CommandOf, StreamMessageOf, SyncReplyOf } from '../protocol/messages';
import type { StreamKind } from '../protocol/schema';
import { errorCodeOf, isTransient, type ClientErrorCode } from './errors';
import type { StreamModel, StreamOutcome } from './stream-model';

export interface StreamSyncOptions {
  retry?: Backoff;
  /** How long an acknowledged revision may stay ahead of the events received before a sync. */
  missingEventDelayMs?: number;
}

/**
 * Keeps a StreamModel in step with the server over a BusSocket. It registers to the stream's
 * address before it reads (so nothing published in between is missed), then one request at a
 * time, in order: after each (re)connection a `stream.sync`, then the pending commands, oldest
 * first, with the ids they were made with.
 */
export class StreamSyncClient<K extends StreamKind, S> {
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
    private readonly model: StreamModel<K, S>,
    private readonly token: string,
    { retry = new Backoff({ initialMs: 1_000, maxMs: 15_000 }), missingEventDelayMs = 3_000 }: StreamSyncOptions = {},
  ) {
    this.retry = retry;
    this.missingEventDelayMs = missingEventDelayMs;
  }

  start(): void {
    this.stops.push(
      this.socket.register(streamAddress(this.model.stream), { token: this.token }, (body) =>
        this.follow(this.model.receive(body as StreamMessageOf<K>)),
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
    this.syncRefused = false;
    this.model.resendAll();
    this.requestSync();
  }

  private follow(outcome: StreamOutcome): void {
    if (outcome === 'sync') this.requestSync();
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
    const command: CommandOf<'stream.sync'> = { type: 'stream.sync', stream: this.model.stream, ...this.model.beginSync() };
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
      this.follow(this.model.receiveSync(reply as SyncReplyOf<K>));
    } catch (error) {
      this.handleFailure(error);
    }
  }

  private async sendChange(command: ChangeCommandOf<K>): Promise<void> {
    try {
      const reply = await sendCommand(this.socket, this.token, command);
      if (!reply.ok) {
        this.handleRefusal(reply.error, () => this.model.refuse(command.id, reply.error), command.id);
        return;
      }
      this.retry.reset();
      this.follow(this.model.acknowledge(command.id, reply.rev, reply.duplicate === true));
      if (this.model.revision < reply.rev) this.expectEventsUpTo(reply.rev);
    } catch (error) {
      this.model.sendAgain(command.id);
      this.handleFailure(error);
    }
  }

  private handleRefusal(code: ClientErrorCode, refuseForGood: () => void, commandId?: string): void {
    if (!isTransient(code)) {
      refuseForGood();
      return;
    }
    if (commandId !== undefined) this.model.sendAgain(commandId);
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
