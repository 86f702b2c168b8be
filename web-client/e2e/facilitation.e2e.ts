import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { createWorkshop } from './support/api';
import { newContext, PROJECTOR, TABLET } from './support/chromium';
import { phoneOnBoard, writeByTouch } from './support/phones';
import { useBrowserSuite } from './support/suite';
import { byTestId, notesWithText, waitForBoardReady, waitForNothingPending } from './support/ui';
import { eventually } from './support/wait';

const baseUrl = inject('parvisUrl');
const SCREENSHOTS = join(dirname(fileURLToPath(import.meta.url)), '../../docs/screenshots');

/** The notes the projector shows now: their texts, the smallest text size, and how many are cut or off-screen. */
function projected(page: Page): Promise<{ texts: string[]; minFont: number; outside: number; scrolls: boolean }> {
  return page.evaluate(() => {
    const texts: string[] = [];
    const sizes: number[] = [];
    let outside = 0;
    for (const board of document.querySelectorAll<HTMLElement>('[data-testid="plenary-board"]')) {
      const box = board.getBoundingClientRect();
      for (const note of board.querySelectorAll<HTMLElement>('[data-testid="note"]')) {
        const rect = note.getBoundingClientRect();
        const inside = (outer: { left: number; top: number; right: number; bottom: number }) =>
          rect.left >= outer.left - 1 && rect.top >= outer.top - 1 && rect.right <= outer.right + 1 && rect.bottom <= outer.bottom + 1;
        if (!inside(box) || !inside({ left: 0, top: 0, right: innerWidth, bottom: innerHeight })) outside++;
        const text = note.querySelector<HTMLElement>('[data-testid="note-text"]');
        if (text) {
          texts.push(text.textContent ?? '');
          sizes.push(parseFloat(getComputedStyle(text).fontSize));
        }
      }
    }
    const root = document.scrollingElement ?? document.documentElement;
    return { texts, minFont: Math.min(...sizes), outside, scrolls: root.scrollHeight > innerHeight + 1 };
  });
}

/** Minutes and seconds a banner shows, in seconds; null without a timer. */
async function secondsShown(page: Page): Promise<number | null> {
  const match = /^(\d+):(\d\d)$/.exec((await byTestId(page, 'agenda-remaining').textContent()) ?? '');
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

describe('an evening run by its animator (issue 10): agenda, timer, private writing, scribe mode, reveal, group after group', () => {
  const suite = useBrowserSuite(baseUrl);

  async function context(options: BrowserContextOptions): Promise<BrowserContext> {
    const created = await newContext(suite.browser, baseUrl, options);
    suite.contexts.push(created);
    return created;
  }



  it('the tablet runs the sequence and its timer, two phones write privately, the animator notes for a speaker, reveals, and presents the two groups in turn', async () => {
    const { workshop, animatorToken, observerToken } = await createWorkshop(baseUrl, {
      title: 'Atelier 2 — Tendances',
      groups: [
        { name: 'Habitat', template: 'free' },
        { name: 'Mobilités', template: 'free' },
      ],
    });
    const [habitat, mobilites] = workshop.boards.map((board) => board.id) as [string, string];

    // The console on a tablet: the evening's agenda from its template, the sub-group sequence started.
    const tablet = await (await context(TABLET)).newPage();
    await tablet.goto(`/#/a/${animatorToken}`);
    await byTestId(tablet, 'agenda-details').locator('summary').click();
    await byTestId(tablet, 'agenda-template').click();
    await byTestId(tablet, 'agenda-save').click();
    await byTestId(tablet, 'sequence-next').getByText('Commencer', { exact: false }).click();
    await byTestId(tablet, 'sequence-next').getByText('Séquence suivante : Travail en sous-groupes').click();
    await byTestId(tablet, 'timer-minutes').fill('12');
    await byTestId(tablet, 'timer-start').click();
    await tablet.locator(`.board-moderation[data-board-id="${habitat}"] [data-testid="private-toggle"]`).click();
    await tablet.locator(`.board-moderation[data-board-id="${habitat}"] [data-testid="private-toggle"][aria-pressed="true"]`).waitFor();

    const projector = await (await context(PROJECTOR)).newPage();
    await projector.goto(`/#/o/${observerToken}`);

    const sylvie = await phoneOnBoard(suite, baseUrl, workshop.code, 'Sylvie', habitat);
    const marc = await phoneOnBoard(suite, baseUrl, workshop.code, 'Marc', habitat);
    for (const page of [sylvie.page, marc.page]) {
      await byTestId(page, 'agenda-sequence').getByText('Travail en sous-groupes').waitFor();
      await byTestId(page, 'private-banner').waitFor();
    }
    const [onTablet, onPhone] = await eventually(
      async () => [await secondsShown(tablet), await secondsShown(sylvie.page)],
      (both) => both.every((seconds) => seconds !== null && seconds > 600),
      { what: 'the timer on the tablet and the phone' },
    );
    expect(Math.abs(onTablet! - onPhone!), 'the same second on the tablet and the phone').toBeLessThanOrEqual(1);

    await writeByTouch(sylvie, 'Des logements vacants au-dessus des commerces');
    await writeByTouch(marc, 'Les jeunes couples ne trouvent rien à louer');

    // Scribe mode: the animator takes the pen on Habitat for Sylvie, then for Marc, without closing the editor.
    await tablet.goto(`/#/b/${habitat}`);
    await waitForBoardReady(tablet);
    await byTestId(tablet, 'agenda-sequence').getByText('Travail en sous-groupes').waitFor();
    await byTestId(tablet, 'add-note-button').tap();
    const editor = byTestId(tablet, 'note-editor');
    const chips = byTestId(editor, 'speaker-choice');
    await chips.filter({ hasText: 'Sylvie' }).tap();
    await byTestId(editor, 'note-editor-text').fill('Une maison partagée pour les aînés');
    await byTestId(editor, 'note-editor-add').tap();
    await chips.filter({ hasText: 'Marc' }).tap();
    await byTestId(editor, 'note-editor-text').fill('Rénover l’ancienne école');
    await byTestId(editor, 'note-editor-add').tap();
    expect(await editor.isVisible(), 'two notes, the editor still open').toBe(true);
    await byTestId(editor, 'note-editor-cancel').tap();
    await waitForNothingPending(tablet);
    await notesWithText(tablet, 'Une maison partagée pour les aînés')
      .locator('.note-author', { hasText: 'Sylvie (noté par' })
      .waitFor();

    // Still private: each phone has its own notes, the one written for it included, and a count of the others'.
    await notesWithText(sylvie.page, 'Une maison partagée pour les aînés').waitFor();
    await sylvie.page.waitForFunction(() => document.querySelector('[data-testid="private-count"]')?.getAttribute('data-count') === '2');
    expect(await sylvie.page.locator('[data-testid="note"]').count(), 'Sylvie: her two notes only').toBe(2);
    expect(await sylvie.page.locator('body').textContent()).not.toContain('Rénover l’ancienne école');
    expect(await marc.page.locator('body').textContent()).not.toContain('Des logements vacants');

    // Group after group on the projector: Habitat first, nothing of its private notes yet.
    await byTestId(tablet, 'back-to-dashboard').tap();
    await byTestId(tablet, 'plenary-next').click();
    await tablet.locator('[data-testid="plenary-step"]', { hasText: 'Groupe 1 sur 2 : Habitat' }).waitFor();
    await projector.locator(`[data-testid="plenary-board"][data-board-id="${habitat}"]`).waitFor();
    expect(await projector.locator('[data-testid="note"]').count(), 'the projector shows no private note').toBe(0);

    await tablet.locator(`.board-moderation[data-board-id="${habitat}"] [data-testid="reveal"]`).click();
    const all = [
      'Des logements vacants au-dessus des commerces',
      'Les jeunes couples ne trouvent rien à louer',
      'Une maison partagée pour les aînés',
      'Rénover l’ancienne école',
    ];
    for (const page of [sylvie.page, marc.page, projector]) {
      for (const text of all) await notesWithText(page, text).waitFor();
    }
    const shown = await eventually(() => projected(projector), (layout) => layout.texts.length === all.length, {
      what: 'the revealed board laid out on the projector',
    });
    console.log(`the revealed board at 1920×1080: note text ${shown.minFont} px`);
    expect(shown.texts.sort()).toEqual([...all].sort());
    expect(shown.minFont).toBeGreaterThanOrEqual(28);
    expect(shown).toMatchObject({ outside: 0, scrolls: false });
    await byTestId(projector, 'agenda-sequence').getByText('Travail en sous-groupes').waitFor();
    const digits = (await byTestId(projector, 'agenda-remaining').boundingBox())!;
    const banner = (await byTestId(projector, 'agenda-banner').boundingBox())!;
    expect(digits.x + digits.width, 'the timer inside its banner').toBeLessThanOrEqual(banner.x + banner.width + 1);
    await projector.screenshot({ path: join(SCREENSHOTS, 'plenary-group-1080p.png'), animations: 'disabled', caret: 'hide' });

    await byTestId(tablet, 'plenary-next').click();
    await tablet.locator('[data-testid="plenary-step"]', { hasText: 'Groupe 2 sur 2 : Mobilités' }).waitFor();
    await projector.locator(`[data-testid="plenary-board"][data-board-id="${mobilites}"]`).waitFor();
    await projector.locator(`[data-testid="plenary-board"][data-board-id="${habitat}"]`).waitFor({ state: 'detached' });
  });
});
