import SockJS from 'sockjs-client';
import { boardStream } from '../../src/protocol/addresses';
import type { BoardSnapshot, Command, Note, StreamId } from '../../src/protocol/messages';

/**
 * A bare event-bus bridge client running in Node (sockjs-client over its WebSocket transport),
 * independent of the web client: it asks the server what a board holds, so the tests check
 * the stored state and not only what a page shows.
 */
export class BridgeClient {
  private replies = new Map<string, (body: unknown) => void>();
  private counter = 0;
  /** The bridge closes a socket that stays silent past its ping timeout, as a test that waits may. */
  private readonly pings = setInterval(() => this.socket.send(JSON.stringify({ type: 'ping' })), 5_000);

  private constructor(private readonly socket: WebSocket) {
    socket.onmessage = (message: MessageEvent) => {
      const frame = JSON.parse(String(message.data)) as { type: string; address?: string; body?: unknown };
      const reply = frame.address ? this.replies.get(frame.address) : undefined;
      if (!reply) return;
      this.replies.delete(frame.address!);
      reply(frame.type === 'rec' ? frame.body : { ok: false, error: 'bridge', frame });
    };
  }

  static open(baseUrl: string): Promise<BridgeClient> {
    return new Promise((resolve, reject) => {
      const socket = new SockJS(`${baseUrl}/eventbus`) as unknown as WebSocket;
      const timer = setTimeout(() => reject(new Error('bridge did not open in 10 s')), 10_000);
      socket.onopen = () => {
        clearTimeout(timer);
        resolve(new BridgeClient(socket));
      };
      socket.onclose = () => reject(new Error('bridge closed before it opened'));
    });
  }

  request<Reply = Record<string, unknown>>(token: string, body: Command): Promise<Reply> {
    const replyAddress = `e2e-${++this.counter}`;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.replies.delete(replyAddress);
        reject(new Error(`no reply to ${body.type} in 10 s`));
      }, 10_000);
      this.replies.set(replyAddress, (reply) => {
        clearTimeout(timer);
        resolve(reply as Reply);
      });
      this.socket.send(JSON.stringify({ type: 'send', address: 'parvis.cmd', headers: { token }, body, replyAddress }));
    });
  }

  /** `stream.sync` without `since`: the whole stream as the server stores it, as this token may see it. */
  async streamSnapshot<Snapshot>(token: string, stream: StreamId): Promise<Snapshot & { rev: number; h: string }> {
    const reply = await this.request<{ ok: boolean; rev: number; h: string; snapshot?: Snapshot }>(token, {
      type: 'stream.sync',
      stream,
    });
    if (!reply.ok || !reply.snapshot) throw new Error(`stream.sync failed: ${JSON.stringify(reply)}`);
    return { ...reply.snapshot, rev: reply.rev, h: reply.h };
  }

  snapshot(token: string, board: string): Promise<BoardSnapshot & { rev: number; h: string }> {
    return this.streamSnapshot<BoardSnapshot>(token, boardStream(board));
  }

  async notes(token: string, board: string): Promise<Note[]> {
    return (await this.snapshot(token, board)).notes;
  }

  close(): void {
    clearInterval(this.pings);
    this.socket.onclose = null;
    this.socket.close();
  }
}
