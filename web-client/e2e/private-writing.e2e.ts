import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { createWorkshop } from './support/api';
import { LAPTOP, newContext, PROJECTOR } from './support/chromium';
import { phoneOnBoard, writeByTouch } from './support/phones';
import { useBrowserSuite } from './support/suite';
import { centerOf, touchTap } from './support/touch';
import { byTestId, notesWithText } from './support/ui';

const baseUrl = inject('parvisUrl');
const SCREENSHOTS = join(dirname(fileURLToPath(import.meta.url)), '../../docs/screenshots');

describe('private writing, then the reveal (two phones, the animator, the projector)', () => {
  const suite = useBrowserSuite(baseUrl);

  async function context(options: Parameters<typeof newContext>[2]): Promise<BrowserContext> {
    const created = await newContext(suite.browser, baseUrl, options);
    suite.contexts.push(created);
    return created;
  }



  const othersCount = (page: Page) => byTestId(page, 'private-count').getAttribute('data-count');

  it('each phone sees its own notes and a count of the others’, the projector nothing, until the animator reveals', async () => {
    const { workshop, animatorToken, observerToken } = await createWorkshop(baseUrl, {
      title: 'Atelier 2 — Tendances',
      groups: [{ name: 'Cadre de vie', template: 'free' }],
    });
    const board = workshop.boards[0]!.id;

    const console = await (await context(LAPTOP)).newPage();
    await console.goto(`/#/a/${animatorToken}`);
    await byTestId(console, 'private-toggle').click();
    await byTestId(console, 'private-badge').waitFor();
    const pushed = await suite.bridge.request<{ ok: boolean }>(animatorToken, {
      type: 'plenary.show',
      id: `show-${board}`,
      boards: [board],
    });
    expect(pushed.ok).toBe(true);
    const projector = await (await context(PROJECTOR)).newPage();
    await projector.goto(`/#/o/${observerToken}`);
    await byTestId(projector, 'plenary-board').waitFor();

    const sylvie = await phoneOnBoard(suite, baseUrl, workshop.code, 'Sylvie', board);
    const marc = await phoneOnBoard(suite, baseUrl, workshop.code, 'Marc', board);
    await byTestId(sylvie.page, 'private-banner').waitFor();
    expect(await byTestId(sylvie.page, 'private-banner').textContent()).toContain('Écriture privée : l’animation voit vos notes');

    await writeByTouch(sylvie, 'Une épicerie solidaire');
    await writeByTouch(sylvie, 'Des bancs sur la place');
    await writeByTouch(marc, 'Un bus le samedi');

    // Each sees its own notes, marked private, and how many the others wrote; never their text.
    await sylvie.page.waitForFunction(() => document.querySelector('[data-testid="private-count"]')?.getAttribute('data-count') === '1');
    await marc.page.waitForFunction(() => document.querySelector('[data-testid="private-count"]')?.getAttribute('data-count') === '2');
    expect(await othersCount(sylvie.page)).toBe('1');
    expect(await sylvie.page.locator('[data-testid="note"]').count()).toBe(2);
    expect(await marc.page.locator('[data-testid="note"]').count()).toBe(1);
    expect(await byTestId(notesWithText(marc.page, 'Un bus le samedi'), 'note-marks').textContent()).toBe('privée');
    expect(await byTestId(marc.page, 'private-count').textContent()).toBe('2 notes des autres, montrées à la révélation');
    // The projector shows the board, and nothing of the private notes.
    expect(await projector.locator('[data-testid="note"]').count()).toBe(0);
    expect(await projector.locator('body').textContent()).not.toContain('Un bus le samedi');
    expect(await sylvie.page.locator('body').textContent()).not.toContain('Un bus le samedi');

    mkdirSync(SCREENSHOTS, { recursive: true });
    await sylvie.page.screenshot({
      path: join(SCREENSHOTS, 'private-writing-phone.png'),
      animations: 'disabled',
      caret: 'hide',
      scale: 'css',
    });

    await byTestId(console, 'reveal').click();

    for (const page of [sylvie.page, marc.page, projector]) {
      for (const text of ['Une épicerie solidaire', 'Des bancs sur la place', 'Un bus le samedi']) {
        await notesWithText(page, text).waitFor();
      }
    }
    expect(await othersCount(sylvie.page)).toBe('0');
    expect(await byTestId(notesWithText(marc.page, 'Un bus le samedi'), 'note-marks').textContent()).toBe('');
    expect(await notesWithText(projector, 'Un bus le samedi').textContent()).toContain('Marc');

    // Revealed, Marc's note is Sylvie's to read, not to change: a tap only unfolds it.
    const marcsNote = notesWithText(sylvie.page, 'Un bus le samedi');
    expect(await marcsNote.getAttribute('aria-disabled')).toBe('true');
    await touchTap(sylvie.context, sylvie.page, await centerOf(marcsNote));
    expect(await byTestId(sylvie.page, 'note-editor').isHidden()).toBe(true);
    expect(await notesWithText(sylvie.page, 'Une épicerie solidaire').getAttribute('aria-disabled')).toBe('false');
  });
});
