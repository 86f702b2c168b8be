import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { useBrowserSuite } from './support/suite';
import { createWorkshop, joinedContext } from './support/api';
import { LAPTOP, newContext, PHONE } from './support/chromium';
import { addNote, joinThroughUi, notesWithText, waitForBoardReady } from './support/ui';

const baseUrl = inject('parvisUrl');

/** The SockJS transport of each request the page makes to the bridge (`websocket`, `xhr_streaming`, `xhr`...). */
function watchTransports(page: Page): { used: Set<string>; websockets: string[] } {
  const used = new Set<string>();
  const websockets: string[] = [];
  page.on('request', (request) => {
    const match = /\/eventbus\/[^/]+\/[^/]+\/([a-z_]+)(?:\?|$)/.exec(new URL(request.url()).pathname + '?');
    if (match) used.add(match[1]!);
  });
  page.on('websocket', (socket) => websockets.push(socket.url()));
  return { used, websockets };
}

describe('without WebSockets, SockJS falls back to HTTP', () => {
  const suite = useBrowserSuite(baseUrl);

  async function newBrowserContext(options = LAPTOP): Promise<BrowserContext> {
    const context = await newContext(suite.browser, baseUrl, options);
    suite.contexts.push(context);
    return context;
  }

  async function normalPage(code: string, board: string): Promise<Page> {
    const context = await newBrowserContext();
    await joinedContext(baseUrl, context, code, 'Paul', board);
    const page = await context.newPage();
    await page.goto(`/#/b/${board}`);
    await waitForBoardReady(page);
    return page;
  }

  async function workshopWithOneBoard(title: string) {
    const created = await createWorkshop(baseUrl, { title, groups: [{ name: 'Groupe unique', template: 'free' }] });
    return { ...created, board: created.workshop.boards[0]!.id };
  }

  /** Notes go both ways between the page on the fallback and a page on a WebSocket. */
  async function expectLiveBothWays(fallback: Page, normal: Page, token: string, board: string, text: string) {
    await addNote(fallback, text);
    await notesWithText(normal, text).waitFor();
    await addNote(normal, `${text} (réponse)`);
    await notesWithText(fallback, `${text} (réponse)`).waitFor();
    const stored = await suite.bridge.notes(token, board);
    expect(stored.map((note) => note.text).sort()).toEqual([text, `${text} (réponse)`]);
  }

  it('a suite.browser with no WebSocket at all joins and works over xhr-streaming', async () => {
    const { workshop, animatorToken, board } = await workshopWithOneBoard('Atelier sans WebSocket');
    const context = await newBrowserContext(PHONE);
    await context.addInitScript(() => {
      delete (window as { WebSocket?: unknown }).WebSocket;
    });
    const page = await context.newPage();
    const transports = watchTransports(page);
    const normal = await normalPage(workshop.code, board);

    await joinThroughUi(page, workshop.code, 'Lucie', { category: 'elu' });
    expect(await page.evaluate(() => 'WebSocket' in window)).toBe(false);
    await expectLiveBothWays(page, normal, animatorToken, board, 'Une navette vers le marché');

    expect(transports.websockets).toEqual([]);
    expect([...transports.used]).toContain('xhr_streaming');
    expect([...transports.used]).toContain('xhr_send');
  });

  it('behind a proxy that refuses WebSocket upgrades and buffers streams, it works by long polling', async () => {
    const { workshop, animatorToken, board } = await workshopWithOneBoard('Atelier derrière un proxy');
    const context = await newBrowserContext(PHONE);
    // The upgrade is refused; every streaming transport (and the iframe ones) fails.
    await context.routeWebSocket(/\/eventbus\//, (socket) => socket.close({ code: 1006 }));
    await context.route(/\/eventbus\/(iframe.*\.html|[^/]+\/[^/]+\/(xhr_streaming|eventsource|htmlfile))/, (route) =>
      route.abort('connectionreset'),
    );
    const page = await context.newPage();
    const transports = watchTransports(page);
    const normal = await normalPage(workshop.code, board);

    await joinThroughUi(page, workshop.code, 'Hugo', { category: 'acteur' });
    await expectLiveBothWays(page, normal, animatorToken, board, 'Un local pour les jeunes');

    expect([...transports.used]).toContain('xhr');
    expect([...transports.used]).toContain('xhr_send');
  });
});
