#!/usr/bin/env node
/**
 * How fast a phone on a weak 4G link gets from the QR code to a usable board.
 *
 * Usage (from web-client/, after `mvn -q -B install -DskipTests` built the jar; run by hand, not
 * by the test suite):
 *
 *     node scripts/measure-load.mjs [--runs=3] [--jar=PATH] [--url=http://host:port]
 *
 *   --jar   the server jar to start (default: $PARVIS_JAR, else ../server/target/parvis.jar); the
 *           script starts it on a free loopback port with a temporary data folder (and so its
 *           own embedded Redis), and stops it at the end.
 *   --url   measure a server that is already running instead (nothing is started).
 *   --runs  runs per profile (default 3); the figures are medians.
 *
 * Each run uses a fresh browser context (empty cache, no stored token), opens `#/j/CODE` of a new
 * workshop in Debian's Chromium (/usr/bin/chromium, never downloaded) at 360×640, and measures,
 * with timestamps taken inside the page (performance.now(), from navigation start):
 *
 *   - join screen usable: the join-code input is visible and enabled;
 *   - code looked up: the name field is shown (the QR link looks the code up by itself);
 *   - join → board usable: from the tap on "Rejoindre l'atelier" to the board with the
 *     "+ Ajouter une note" button enabled and the status banner saying "connected".
 *
 * Profiles: "slow 4G" is Lighthouse's mobile throttling (150 ms RTT × 3.75 = 562.5 ms latency,
 * 1.6 Mbit/s × 0.9 down, 750 kbit/s × 0.9 up) applied with CDP Network.emulateNetworkConditions,
 * plus Emulation.setCPUThrottlingRate 4×; "unthrottled" is the same page on loopback, as a
 * baseline. It also reports the JavaScript the page loads: bytes on the wire (the server gzips)
 * and the gzip size of the same files. DevTools throttling delays HTTP requests and the WebSocket
 * handshake but not the frames of an open WebSocket, so under "slow 4G" the script relays the
 * bridge's WebSocket (Playwright's routeWebSocket) and holds every frame for half the round-trip
 * time in each direction: a request over the bridge then costs one RTT, as on the real link
 * (bandwidth is not applied to frames, which are a few hundred bytes).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

const SLOW_4G = {
  name: 'slow 4G + 4× CPU',
  network: {
    offline: false,
    latency: 150 * 3.75,
    downloadThroughput: (1.6 * 1024 * 1024 * 0.9) / 8,
    uploadThroughput: (750 * 1024 * 0.9) / 8,
  },
  cpu: 4,
};
const UNTHROTTLED = { name: 'unthrottled', network: null, cpu: 1 };

const options = Object.fromEntries(
  process.argv.slice(2).map((argument) => {
    const [key, value = 'true'] = argument.replace(/^--/, '').split('=');
    return [key, value];
  }),
);
const runs = Number(options.runs ?? 3);

function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

async function startServer() {
  const jar = resolve(options.jar ?? process.env.PARVIS_JAR ?? join(here, '../../server/target/parvis.jar'));
  if (!existsSync(jar)) throw new Error(`No server jar at ${jar}: run \`mvn -q -B install -DskipTests\` first.`);
  const dataDir = await mkdtemp(join(tmpdir(), 'parvis-measure-'));
  const port = await freePort();
  const child = spawn('java', ['-jar', jar], {
    env: {
      ...process.env,
      PARVIS_PORT: String(port),
      PARVIS_HOST: '127.0.0.1',
      PARVIS_DATA_DIR: dataDir,
      PARVIS_REDIS_URL: '',
    },
    stdio: 'ignore',
  });
  let exited = false;
  child.once('exit', () => (exited = true));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) throw new Error('the server exited before it was healthy');
    const healthy = await fetch(`${url}/health`).then((response) => response.ok, () => false);
    if (healthy) break;
    if (Date.now() > deadline) throw new Error('the server was not healthy after 60 s');
    await new Promise((wake) => setTimeout(wake, 200));
  }
  return {
    url,
    async stop() {
      if (!exited) {
        child.kill('SIGTERM');
        for (let waited = 0; !exited && waited < 20_000; waited += 100) {
          await new Promise((wake) => setTimeout(wake, 100));
        }
        if (!exited) child.kill('SIGKILL');
      }
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function createWorkshop(url) {
  const response = await fetch(`${url}/api/workshops`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ title: 'Mesure de chargement', groups: [{ name: 'Groupe 1', template: 'pepites' }] }),
  });
  if (!response.ok) throw new Error(`POST /api/workshops: ${response.status}`);
  return (await response.json()).workshop;
}

/** Runs in the page before its own scripts: notes when each milestone is first reached. */
function installProbes() {
  const marks = {};
  window.__parvisMarks = marks;
  const usable = (selector) => {
    const element = document.querySelector(selector);
    if (!element || element.disabled) return false;
    const rect = element.getBoundingClientRect();
    return rect.width > 0 && rect.height > 0;
  };
  const check = () => {
    const now = performance.now();
    if (!marks.joinUsable && usable('[data-testid="join-code-input"]')) marks.joinUsable = now;
    if (!marks.codeLookedUp && usable('[data-testid="join-name-input"]')) marks.codeLookedUp = now;
    if (
      marks.joinClicked &&
      !marks.boardUsable &&
      usable('[data-testid="add-note-button"]') &&
      document.querySelector('[data-testid="status-banner"][data-status="connected"]')
    ) {
      marks.boardUsable = now;
    }
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true });
  document.addEventListener(
    'click',
    (event) => {
      const onJoin = event.target instanceof Element && event.target.closest('[data-testid="join-button"]');
      // The join button first looks the code up; it joins once the name field is there.
      if (onJoin && !marks.joinClicked && document.querySelector('[data-testid="join-name-input"]')) {
        marks.joinClicked = performance.now();
      }
    },
    true,
  );
}

async function measureOnce(browser, url, profile) {
  const workshop = await createWorkshop(url);
  const context = await browser.newContext({
    viewport: { width: 360, height: 640 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'fr-FR',
  });
  if (profile.network) {
    // DevTools throttling delays the WebSocket handshake but not the frames after it (checked in
    // Chromium 156: a bridge request took 17 ms under 562.5 ms latency). Relay the socket and hold
    // each frame half the round trip in each direction, so replies over the bridge cost one RTT.
    const oneWay = profile.network.latency / 2;
    await context.routeWebSocket(/\/eventbus\/.*websocket$/, (ws) => {
      const server = ws.connectToServer();
      ws.onMessage((message) => setTimeout(() => server.send(message), oneWay));
      server.onMessage((message) => setTimeout(() => ws.send(message), oneWay));
    });
  }
  const page = await context.newPage();
  await page.addInitScript(installProbes);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  if (profile.network) await cdp.send('Network.emulateNetworkConditions', profile.network);
  if (profile.cpu > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: profile.cpu });

  const scripts = new Map();
  cdp.on('Network.responseReceived', ({ requestId, type, response }) => {
    if (type !== 'Script') return;
    const encoding = response.headers['content-encoding'] ?? response.headers['Content-Encoding'] ?? 'none';
    scripts.set(requestId, { url: response.url, encoding, bytes: 0 });
  });
  cdp.on('Network.loadingFinished', ({ requestId, encodedDataLength }) => {
    const script = scripts.get(requestId);
    if (script) script.bytes = encodedDataLength;
  });

  await page.goto(`${url}/#/j/${workshop.code}`, { waitUntil: 'commit', timeout: 120_000 });
  await page.waitForFunction(() => window.__parvisMarks?.codeLookedUp, null, { timeout: 120_000, polling: 100 });
  await page.locator('[data-testid="join-name-input"]').fill('Mesure');
  await page.locator('[data-testid="join-button"]').click();
  await page.waitForFunction(() => window.__parvisMarks?.boardUsable, null, { timeout: 120_000, polling: 100 });
  const marks = await page.evaluate(() => window.__parvisMarks);
  const js = [...scripts.values()];
  const jsSources = await Promise.all(
    js.map((script) => fetch(script.url).then((response) => response.arrayBuffer()).then((body) => Buffer.from(body))),
  );
  await context.close();
  return {
    joinUsable: marks.joinUsable,
    codeLookedUp: marks.codeLookedUp,
    joinToBoard: marks.boardUsable - marks.joinClicked,
    jsWire: js.reduce((sum, script) => sum + script.bytes, 0),
    jsGzip: jsSources.reduce((sum, body) => sum + gzipSync(body, { level: 9 }).length, 0),
    jsRaw: jsSources.reduce((sum, body) => sum + body.length, 0),
    jsFiles: js.map((script) => `${new URL(script.url).pathname} (${script.encoding})`),
  };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const ms = (value) => `${Math.round(value)} ms`;
const kb = (value) => `${(value / 1024).toFixed(1)} KiB`;

async function main() {
  if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: apt-get install -y chromium`);
  const server = options.url ? { url: options.url.replace(/\/$/, ''), stop: async () => {} } : await startServer();
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
  try {
    const results = {};
    for (const profile of [SLOW_4G, UNTHROTTLED]) {
      results[profile.name] = [];
      for (let run = 1; run <= runs; run++) {
        const result = await measureOnce(browser, server.url, profile);
        results[profile.name].push(result);
        console.log(
          `${profile.name}, run ${run}: join screen usable ${ms(result.joinUsable)}, ` +
            `code looked up ${ms(result.codeLookedUp)}, join → board usable ${ms(result.joinToBoard)}`,
        );
      }
    }
    const first = results[SLOW_4G.name][0];
    console.log(`\nJavaScript: ${first.jsFiles.join(', ')}`);
    console.log(
      `  on the wire ${kb(first.jsWire)} (${first.jsWire} B), ` +
        `gzip -9 of the same files ${kb(first.jsGzip)}, raw ${kb(first.jsRaw)}`,
    );
    const summary = {};
    for (const key of ['joinUsable', 'codeLookedUp', 'joinToBoard']) {
      const slow = median(results[SLOW_4G.name].map((result) => result[key]));
      const fast = median(results[UNTHROTTLED.name].map((result) => result[key]));
      summary[key] = { slow, fast, ratio: slow / fast };
    }
    console.log(`\nMedians over ${runs} runs        ${SLOW_4G.name.padEnd(18)} ${UNTHROTTLED.name.padEnd(12)} ratio`);
    const label = {
      joinUsable: 'join screen usable',
      codeLookedUp: 'code looked up',
      joinToBoard: 'join → board usable',
    };
    for (const [key, { slow, fast, ratio }] of Object.entries(summary)) {
      console.log(`  ${label[key].padEnd(28)} ${ms(slow).padEnd(18)} ${ms(fast).padEnd(12)} ×${ratio.toFixed(1)}`);
    }
  } finally {
    await browser.close();
    await server.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
