import type { BrowserContext, Page, WebSocketRoute } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { useBrowserSuite } from './support/suite';
import { createWorkshop, joinedContext } from './support/api';
import { LAPTOP, newContext, PHONE } from './support/chromium';
import { seedNotes } from './support/seed';
import { addNote, byTestId, notesWithText, waitForBoardReady, waitForNothingPending } from './support/ui';
import { eventually } from './support/wait';

const baseUrl = inject('parvisUrl');

/**
 * How "offline" is simulated. `context.setOffline(true)` (CDP `Network.emulateNetworkConditions`
 * offline) makes `navigator.onLine` false, fires `offline` and fails every new request, but it
 * does NOT close a WebSocket already open: frames keep flowing both ways (checked in Chromium 156
 * with the page's `offline` listener swallowed: the socket stayed up for 20 s). What drops the
 * connection in the first test is the client itself, which closes its SockJS session on the
 * `offline` event, as it would on a phone that lost its signal. The second test cuts the
 * connection without telling the browser, with `routeWebSocket` in the middle of the socket.
 */
describe('working through a lost connection', () => {
  const suite = useBrowserSuite(baseUrl);

  async function boardPage(context: BrowserContext, code: string, name: string, board: string): Promise<Page> {
    await joinedContext(baseUrl, context, code, name, board);
    const page = await context.newPage();
    await page.goto(`/#/b/${board}`);
    await waitForBoardReady(page);
    return page;
  }

  async function newBrowserContext(options = LAPTOP): Promise<BrowserContext> {
    const context = await newContext(suite.browser, baseUrl, options);
    suite.contexts.push(context);
    return context;
  }

  const banner = (page: Page) => byTestId(page, 'status-banner');

  it('offline: two notes and an edit wait as "3 en attente", then each reaches the server exactly once', async () => {
    const { workshop, animatorToken } = await createWorkshop(baseUrl, {
      title: 'Atelier hors ligne',
      groups: [{ name: 'Salle des fêtes', template: 'free' }],
    });
    const board = workshop.boards[0]!.id;
    const phoneContext = await newBrowserContext(PHONE);
    const phone = await boardPage(phoneContext, workshop.code, 'Odile', board);
    const other = await boardPage(await newBrowserContext(), workshop.code, 'Paul', board);

    await phoneContext.setOffline(true);
    await phone.locator('[data-testid="status-banner"][data-status="offline"]').waitFor();
    expect(await banner(phone).textContent()).toBe('Connexion perdue');

    // Work goes on: two notes, then the first one rewritten.
    await addNote(phone, 'Le bus scolaire passe trop tôt');
    await addNote(phone, 'Plus de bancs sur la place');
    await notesWithText(phone, 'Le bus scolaire passe trop tôt').click();
    await byTestId(phone, 'note-editor-text').fill('Le bus scolaire passe trop tôt le matin');
    await byTestId(phone, 'note-editor-done').click();
    await notesWithText(phone, 'Le bus scolaire passe trop tôt le matin').waitFor();

    await phone.locator('[data-testid="status-banner"]', { hasText: '3 modifications en attente' }).waitFor();
    expect(await banner(phone).textContent()).toBe('Connexion perdue — 3 modifications en attente');
    expect(await banner(phone).getAttribute('data-status')).toBe('offline');
    expect(await phone.locator('[data-testid="note"].is-pending').count()).toBe(2);
    await expect(notesWithText(phone, 'Plus de bancs sur la place').textContent()).resolves.toContain('en attente');
    // Nothing left the phone: the server has no note.
    expect(await suite.bridge.notes(animatorToken, board)).toEqual([]);

    // Back online: the banner says so, nothing waits any more.
    await phoneContext.setOffline(false);
    await phone.locator('[data-testid="status-banner"][data-status="connected"]').waitFor();
    await waitForNothingPending(phone);
    expect(await banner(phone).textContent()).toBe('Connecté');

    // The other participant sees both notes, the first with its new text.
    await notesWithText(other, 'Le bus scolaire passe trop tôt le matin').waitFor();
    await notesWithText(other, 'Plus de bancs sur la place').waitFor();

    // Exactly once: after a reload (a fresh stream.sync) each text is there once, two notes in all,
    // and the board's revision counts three changes, so no command was applied twice.
    await other.reload();
    await waitForBoardReady(other);
    await notesWithText(other, 'Plus de bancs sur la place').waitFor();
    expect(await notesWithText(other, 'Le bus scolaire passe trop tôt le matin').count()).toBe(1);
    expect(await notesWithText(other, 'Plus de bancs sur la place').count()).toBe(1);
    expect(await other.locator('[data-testid="note"]').count()).toBe(2);
    const stored = await suite.bridge.snapshot(animatorToken, board);
    expect(stored.notes.map((note) => note.text).sort()).toEqual([
      'Le bus scolaire passe trop tôt le matin',
      'Plus de bancs sur la place',
    ]);
    expect(stored.rev).toBe(3);

    // The phone itself, reloaded, has nothing left to send and shows the same two notes.
    await phone.reload();
    await waitForBoardReady(phone);
    await notesWithText(phone, 'Plus de bancs sur la place').waitFor();
    expect(await phone.locator('[data-testid="note"]').count()).toBe(2);
    expect(await phone.locator('[data-testid="note"].is-pending').count()).toBe(0);
    expect((await suite.bridge.snapshot(animatorToken, board)).rev).toBe(3);
  });

  it('a connection cut after a note was sent, its reply lost: the note waits, then exists once', async () => {
    const { workshop, animatorToken } = await createWorkshop(baseUrl, {
      title: 'Atelier coupure',
      groups: [{ name: 'Préau', template: 'free' }],
    });
    const board = workshop.boards[0]!.id;
    const context = await newBrowserContext(PHONE);

    // A man in the middle of the page's WebSocket. "cut": the next note.create goes to the
    // server, then the connection dies before its reply comes back. "dead": no new connection
    // gets through, by WebSocket or by SockJS's HTTP transports, while the suite.browser still says
    // it is online.
    let mode: 'pass' | 'cut' | 'dead' = 'pass';
    const open = new Set<WebSocketRoute>();
    await context.routeWebSocket(/\/eventbus\/.*\/websocket$/, (ws) => {
      if (mode === 'dead') {
        ws.close({ code: 1006 });
        return;
      }
      open.add(ws);
      const server = ws.connectToServer();
      ws.onMessage((message) => {
        if (mode === 'dead') return;
        server.send(message);
        if (mode === 'cut' && String(message).includes('note.create')) {
          mode = 'dead';
          // The command has left: drop the connection before anything comes back.
          for (const route of open) route.close({ code: 1006 });
          open.clear();
        }
      });
      server.onMessage((message) => {
        if (mode !== 'dead') ws.send(message);
      });
      ws.onClose(() => open.delete(ws));
    });
    await context.route('**/eventbus/**', (route) =>
      mode === 'dead' ? route.abort('internetdisconnected') : route.continue(),
    );

    const phone = await boardPage(context, workshop.code, 'Rémi', board);
    mode = 'cut';
    await byTestId(phone, 'add-note-button').click();
    await byTestId(phone, 'note-editor-text').fill('Réouvrir le café associatif');
    await byTestId(phone, 'note-editor-done').click();
    const note = notesWithText(phone, 'Réouvrir le café associatif');
    await note.waitFor();

    // The page lost its connection without any "offline" from the browser; the note waits.
    await phone.locator('[data-testid="status-banner"]', { hasText: '1 modification en attente' }).waitFor();
    expect(await phone.evaluate(() => navigator.onLine)).toBe(true);
    expect(await note.getAttribute('class')).toContain('is-pending');
    // The server did apply it once, though the page could not hear so.
    const during = await eventually(
      () => suite.bridge.snapshot(animatorToken, board),
      (snapshot) => snapshot.notes.length > 0,
      { what: 'the note stored on the server' },
    );
    expect(during.notes.map((stored) => stored.text)).toEqual(['Réouvrir le café associatif']);
    expect(during.rev).toBe(1);

    // The network comes back: the client reconnects on its own (backoff), syncs, and recognises
    // its own command, so the note is not created a second time.
    mode = 'pass';
    await phone.locator('[data-testid="status-banner"][data-status="connected"]').waitFor({ timeout: 30_000 });
    await waitForNothingPending(phone);
    expect(await notesWithText(phone, 'Réouvrir le café associatif').count()).toBe(1);
    const after = await suite.bridge.snapshot(animatorToken, board);
    expect(after.notes).toHaveLength(1);
    expect(after.rev).toBe(1);

    await phone.reload();
    await waitForBoardReady(phone);
    await note.waitFor();
    expect(await phone.locator('[data-testid="note"]').count()).toBe(1);
  });

  it('notes stack as the server ordered them: one written offline above one the server ran first, on every page, after a reload too', async () => {
    const { workshop, animatorToken } = await createWorkshop(baseUrl, {
      title: 'Atelier pile',
      groups: [{ name: 'Place du marché', template: 'free' }],
    });
    const board = workshop.boards[0]!.id;
    const zone = workshop.boards[0]!.zones[0]!.id;
    const phoneContext = await newBrowserContext(PHONE);
    const phone = await boardPage(phoneContext, workshop.code, 'Odile', board);
    const laptop = await boardPage(await newBrowserContext(), workshop.code, 'Paul', board);
    // The texts of a page's notes bottom to top: later cards of a column are drawn over earlier ones.
    const stackOf = (page: Page) => page.locator('[data-testid="note"] [data-testid="note-text"]').allTextContents();

    // Odile writes while offline: her note is drawn on top of everything she has.
    await phoneContext.setOffline(true);
    await phone.locator('[data-testid="status-banner"][data-status="offline"]').waitFor();
    await addNote(phone, 'La mienne, écrite hors ligne');
    // Meanwhile another note reaches the server first, at the same place.
    await seedNotes(suite.bridge, animatorToken, board, [{ text: 'La leur, arrivée avant', zone, x: 12, y: 12 }]);
    await notesWithText(laptop, 'La leur, arrivée avant').waitFor();

    await phoneContext.setOffline(false);
    await waitForNothingPending(phone);
    await notesWithText(laptop, 'La mienne, écrite hors ligne').waitFor();

    const stored = (await suite.bridge.snapshot(animatorToken, board)).notes.map((note) => note.text);
    expect(stored).toEqual(['La leur, arrivée avant', 'La mienne, écrite hors ligne']);
    expect(await stackOf(phone), 'the writer stacks hers above the one the server ran first').toEqual(stored);
    expect(await stackOf(laptop)).toEqual(stored);
    await phone.reload();
    await waitForBoardReady(phone);
    await notesWithText(phone, 'La mienne, écrite hors ligne').waitFor();
    expect(await stackOf(phone), 'a snapshot stacks them alike').toEqual(stored);
  });
});
