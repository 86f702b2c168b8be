import { randomUUID } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import type { Cluster } from '../src/protocol/messages';
import { createWorkshop, joinedContext } from './support/api';
import { newContext, PHONE_740, PROJECTOR } from './support/chromium';
import { seedNotes } from './support/seed';
import { useBrowserSuite } from './support/suite';
import { centerOf, touchDrag } from './support/touch';
import { byTestId, notesWithText, waitForBoardReady, waitForNothingPending } from './support/ui';
import { eventually } from './support/wait';

const baseUrl = inject('parvisUrl');
const SCREENSHOTS = join(dirname(fileURLToPath(import.meta.url)), '../../docs/screenshots');

describe('clusters on phones and on the projector', () => {
  const suite = useBrowserSuite(baseUrl);

  async function phone(code: string, name: string, board: string): Promise<{ context: BrowserContext; page: Page; token: string }> {
    const context = await newContext(suite.browser, baseUrl, PHONE_740);
    suite.contexts.push(context);
    const joined = await joinedContext(baseUrl, context, code, name, board);
    const page = await context.newPage();
    await page.goto(`/#/b/${board}`);
    await waitForBoardReady(page);
    return { context, page, token: joined.token };
  }

  it('a finger drags a note onto another: a cluster every screen shows, renamed on one phone, dissolved on another', async () => {
    const { workshop, animatorToken, observerToken } = await createWorkshop(baseUrl, {
      title: 'Atelier 2 — Mobilités',
      groups: [{ name: 'Mobilités', template: 'free' }],
    });
    const board = workshop.boards[0]!.id;
    const alice = await phone(workshop.code, 'Alice', board);
    await seedNotes(suite.bridge, alice.token, board, [
      { text: 'Un bus le samedi', zone: 'z1', y: 12 },
      { text: 'Du covoiturage vers la gare', zone: 'z1', y: 260 },
    ]);
    const bruno = await phone(workshop.code, 'Bruno', board);

    const projectorContext = await newContext(suite.browser, baseUrl, PROJECTOR);
    suite.contexts.push(projectorContext);
    const projector = await projectorContext.newPage();
    await projector.goto(`/#/o/${observerToken}`);
    await byTestId(projector, 'plenary-code').waitFor();
    const shown = await suite.bridge.request<{ ok: boolean }>(animatorToken, {
      type: 'plenary.show',
      id: randomUUID().replace(/-/g, ''),
      boards: [board],
    });
    expect(shown.ok).toBe(true);
    await notesWithText(projector, 'Un bus le samedi').waitFor();

    // Alice's finger drags her first note onto her second, through the DevTools protocol's touch events.
    const bus = notesWithText(alice.page, 'Un bus le samedi');
    const covoiturage = notesWithText(alice.page, 'Du covoiturage vers la gare');
    await covoiturage.waitFor();
    await touchDrag(alice.context, alice.page, await centerOf(bus), await centerOf(covoiturage), 16);
    await waitForNothingPending(alice.page);

    const stored = await eventually(
      async () => (await suite.bridge.snapshot(animatorToken, board)).clusters ?? [],
      (clusters: Cluster[]) => clusters.length === 1,
      { what: 'the cluster stored by the server' },
    );
    expect(stored[0]!.notes).toHaveLength(2);
    expect(stored[0]!.title).toBe('');

    const aliceFrame = byTestId(alice.page, 'cluster');
    await aliceFrame.waitFor();
    expect(await byTestId(aliceFrame, 'cluster-count').textContent()).toContain('2 notes');
    const brunoFrame = byTestId(bruno.page, 'cluster');
    await brunoFrame.waitFor();
    expect(await byTestId(brunoFrame, 'cluster-title').textContent()).toContain('Groupe sans titre');
    const projected = projector.locator('[data-testid="note-cluster"]', { hasText: 'Groupe sans titre · 2 notes' });
    await eventually(() => projected.count(), (count) => count === 2, { what: 'both notes labelled on the projector' });

    // Alice names it with taps (Playwright's touchscreen, which waits until the button is still).
    await byTestId(aliceFrame, 'cluster-rename').tap();
    await byTestId(aliceFrame, 'cluster-rename-input').fill('Se déplacer sans voiture');
    await byTestId(aliceFrame, 'cluster-rename-save').tap();
    await bruno.page.locator('[data-testid="cluster-title"]', { hasText: 'Se déplacer sans voiture' }).waitFor();
    await projector.locator('[data-testid="note-cluster"]', { hasText: 'Se déplacer sans voiture · 2 notes' }).first().waitFor();
    await alice.page.locator('[data-testid="cluster-title"]', { hasText: 'Se déplacer sans voiture' }).waitFor();
    await waitForNothingPending(alice.page);
    await alice.page.screenshot({ path: join(SCREENSHOTS, 'cluster-phone.png'), animations: 'disabled', caret: 'hide' });

    // Bruno dissolves it: the notes stay, the frame and the labels go everywhere.
    await byTestId(brunoFrame, 'cluster-dissolve').tap();
    await byTestId(alice.page, 'cluster').waitFor({ state: 'detached' });
    await eventually(
      () => projector.locator('[data-testid="note-cluster"]:not(:empty)').count(),
      (count) => count === 0,
      { what: 'no cluster label left on the projector' },
    );
    expect(await projector.locator('[data-testid="note"]').count()).toBe(2);
    expect((await suite.bridge.snapshot(animatorToken, board)).clusters).toEqual([]);
  });
});
