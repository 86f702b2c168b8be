import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** The server jar: `PARVIS_JAR` (Maven sets it), else the one `mvn install` leaves in server/target. */
export function parvisJar(): string {
  return resolve(process.env.PARVIS_JAR ?? join(here, '../../../server/target/parvis.jar'));
}

/** A port nothing listens on right now (the OS picks it; the server binds it a moment later). */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolvePort(address.port);
        else reject(new Error('no port'));
      });
    });
  });
}

export interface RunningParvis {
  readonly baseUrl: string;
  readonly dataDir: string;
  readonly logFile: string;
  stop(): Promise<void>;
}

const HEALTH_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 20_000;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (condition()) return true;
    await new Promise((wake) => setTimeout(wake, 100));
  }
  return condition();
}

function tail(file: string, lines = 40): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** A start-up that failed in a way another port may cure. */
class ServerExited extends Error {}

/**
 * Starts `java -jar parvis.jar` on a free loopback port with a fresh data folder (so it starts its
 * own embedded, append-only Redis there) and resolves once `/health` answers 200. The port is free
 * when chosen but may be taken before the server binds it (other processes on the machine pick
 * ports too): a server that exits, or is not healthy within 30 s, is started again on another port.
 */
export async function startParvis(attempts = 3): Promise<RunningParvis> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce();
    } catch (error) {
      if (!(error instanceof ServerExited) || attempt >= attempts) throw error;
      console.warn(`Parvis did not start (attempt ${attempt} of ${attempts}), trying another port.\n${error.message}`);
    }
  }
}

async function startOnce(): Promise<RunningParvis> {
  const jar = parvisJar();
  if (!existsSync(jar)) {
    throw new Error(`No server jar at ${jar}: build it with \`mvn -q -B install -DskipTests\` or set PARVIS_JAR.`);
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'parvis-e2e-'));
  const logFile = join(dataDir, 'server.log');
  const log = createWriteStream(logFile);
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  // /health names the node: proof that what answers on the port is this server, not another one
  // that took the port first.
  const nodeId = `e2e${randomBytes(4).toString('hex')}`;

  const child: ChildProcess = spawn('java', ['-jar', jar], {
    env: {
      ...process.env,
      PARVIS_PORT: String(port),
      PARVIS_HOST: '127.0.0.1',
      PARVIS_DATA_DIR: dataDir,
      PARVIS_REDIS_URL: '',
      PARVIS_NODE_ID: nodeId,
      // The browser tests create and join many workshops from one address; the throttles have their own tests.
      PARVIS_JOIN_PER_MINUTE: '1000000',
      PARVIS_CREATE_PER_HOUR: '1000000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  // Last resorts if the test process dies without running teardown: never leave a JVM behind.
  const killOnExit = () => {
    if (!exited) child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);
  // Interrupted (Ctrl-C, a CI timeout): SIGTERM lets the server stop its Redis; then die as asked.
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  const onSignal = (signal: NodeJS.Signals) => {
    if (!exited) child.kill('SIGTERM');
    signals.forEach((other) => process.removeListener(other, onSignal));
    process.kill(process.pid, signal);
  };
  signals.forEach((signal) => process.once(signal, onSignal));

  async function killRedisOrphan(): Promise<void> {
    // The server stops its embedded Redis on SIGTERM; a server killed harder leaves it running.
    const pidFile = join(dataDir, 'redis.pid');
    if (!existsSync(pidFile)) return;
    const pid = Number((await readFile(pidFile, 'utf8')).trim());
    if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
    const command = existsSync(`/proc/${pid}/cmdline`) ? readFileSync(`/proc/${pid}/cmdline`, 'utf8') : '';
    if (!command.includes('redis-server')) return;
    process.kill(pid, 'SIGTERM');
    if (!(await waitUntil(() => !isAlive(pid), 10_000))) process.kill(pid, 'SIGKILL');
  }

  async function stop(): Promise<void> {
    process.removeListener('exit', killOnExit);
    signals.forEach((signal) => process.removeListener(signal, onSignal));
    if (!exited && child.pid) {
      child.kill('SIGTERM');
      if (!(await waitUntil(() => exited, STOP_TIMEOUT_MS))) {
        child.kill('SIGKILL');
        await waitUntil(() => exited, 5_000);
      }
    }
    await killRedisOrphan();
    log.end();
    if (!process.env.PARVIS_E2E_KEEP_DATA) await rm(dataDir, { recursive: true, force: true });
  }

  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  for (;;) {
    if (exited) {
      const lastLog = tail(logFile);
      await stop();
      throw new ServerExited(`The server exited before it was healthy:\n${lastLog}`);
    }
    try {
      // Bounded: whatever else holds the port may accept and never answer.
      const response = await fetch(`${baseUrl}/health`, { signal: AbortSignal.timeout(2_000) });
      const health = (await response.json()) as { node?: string };
      if (response.status === 200 && health.node === nodeId) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      // Seen here: a server whose port was taken between freePort() and its bind hangs in its
      // start-up without a word. Stop it and let startParvis() try another port.
      const lastLog = tail(logFile);
      await stop();
      throw new ServerExited(`The server was not healthy after ${HEALTH_TIMEOUT_MS / 1000} s:\n${lastLog}`);
    }
    await new Promise((wake) => setTimeout(wake, 200));
  }
  return { baseUrl, dataDir, logFile, stop };
}
