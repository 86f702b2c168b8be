import { createServer, connect, type Server, type Socket } from 'node:net';

/** A busy server, as a phone sees it: what the proxy holds back arrives this much later. */
export interface SlowProxy {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * A TCP proxy in front of a Parvis node that holds back, by `delayMs`, every request a join sends
 * (`POST /api/join`) and everything a phone sends on the event bus (`/eventbus/...`: the WebSocket
 * handshake, register, sync), in order. Pages, scripts and the code lookup pass at once.
 */
export async function startSlowProxy(target: string, delayMs: number): Promise<SlowProxy> {
  const { hostname, port } = new URL(target);
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(Number(port), hostname);
    sockets.add(client).add(upstream);
    // Decided per request (a kept-alive connection carries several); what follows a request on its
    // connection (its body, a WebSocket's frames, sockjs's xhr_send) is held back as it was.
    let slow = false;
    let released = Promise.resolve();
    client.on('data', (chunk: Buffer) => {
      const request = /^([A-Z]+) (\S+) HTTP\//.exec(chunk.subarray(0, 200).toString('latin1'));
      if (request) {
        const [, method, path = ''] = request;
        slow = path.startsWith('/eventbus/') || (method === 'POST' && path === '/api/join');
      }
      const due = Date.now() + (slow ? delayMs : 0);
      released = released.then(
        () => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, due - Date.now()))),
      );
      void released.then(() => upstream.write(chunk));
    });
    upstream.on('data', (chunk: Buffer) => client.write(chunk));
    const closeBoth = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    for (const socket of [client, upstream]) {
      socket.on('error', closeBoth);
      socket.on('close', closeBoth);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const proxyPort = address && typeof address === 'object' ? address.port : 0;
  return {
    url: `http://127.0.0.1:${proxyPort}`,
    close: () =>
      new Promise<void>((resolve) => {
        sockets.forEach((socket) => socket.destroy());
        server.close(() => resolve());
      }),
  };
}
