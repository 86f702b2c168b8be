import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { createWorkshop, joinedContext } from './support/api';
import { LAPTOP, newContext, PHONE_740, PROJECTOR } from './support/chromium';
import { describeViolations, runAxe, seriousOrCritical } from './support/axe';
import { seedNotes } from './support/seed';
import { useBrowserSuite } from './support/suite';
import { centerOf, targetSizes, touchTap } from './support/touch';
import { byTestId } from './support/ui';

const baseUrl = inject('parvisUrl');
const SCREENSHOTS = join(dirname(fileURLToPath(import.meta.url)), '../../docs/screenshots');

const ACTIONS = [
  'Un minibus le samedi matin vers le marché',
  'Rouvrir le café du bourg en café associatif',
  'Un jardin partagé derrière l’école',
  'Une fête des voisins dans chaque hameau',
];
const [MINIBUS, CAFE, JARDIN, FETE] = ACTIONS as [string, string, string, string];

interface Phone {
  context: BrowserContext;
  page: Page;
}

/** The ballot line of one action on a phone. */
const itemOf = (page: Page, text: string) => byTestId(page, 'vote-item').filter({ hasText: text });

/** A finger on the + (or −) of one action, then the dot shows at once. */
async function tapDot({ context, page }: Phone, text: string, button: 'vote-add' | 'vote-remove' = 'vote-add') {
  const item = itemOf(page, text);
  const before = Number(await item.getAttribute('data-mine'));
  const target = byTestId(item, button);
  await target.scrollIntoViewIfNeeded();
  await touchTap(context, page, await centerOf(target));
  await item.and(page.locator(`[data-mine="${before + (button === 'vote-add' ? 1 : -1)}"]`)).waitFor();
}

async function expectAccessible(where: string, page: Page): Promise<void> {
  const serious = seriousOrCritical(await runAxe(page));
  expect(serious, describeViolations(where, serious)).toEqual([]);
}

describe('atelier 3: a dot vote on the actions (phones 360×740, projector 1920×1080)', () => {
  const suite = useBrowserSuite(baseUrl);

  /** A workshop of one free board holding the four actions, written by the animator. */
  async function workshopWithActions(title: string, group: string) {
    const created = await createWorkshop(baseUrl, { title, groups: [{ name: group, template: 'free' }] });
    const { workshop } = created;
    const board = workshop.boards[0]!;
    await seedNotes(
      suite.bridge,
      created.animatorToken,
      board.id,
      ACTIONS.map((text) => ({ text, zone: board.zones[0]!.id })),
    );
    return { created, workshop, board };
  }

  it('the animator opens a vote of 3 dots, phones place and take back dots, the projector ranks the actions with ties', async () => {
    const { created, workshop, board } = await workshopWithActions('Atelier 3 — le scénario', 'Actions retenues');

    const animatorContext = await newContext(suite.browser, baseUrl, LAPTOP);
    const projectorContext = await newContext(suite.browser, baseUrl, PROJECTOR);
    suite.contexts.push(animatorContext, projectorContext);
    const animator = await animatorContext.newPage();
    const projector = await projectorContext.newPage();
    await projector.goto(created.links.observer);
    await animator.goto(`/#/a/${created.animatorToken}`);

    // The animator opens the vote: the board of actions, 3 dots each, any number per note, anonymous.
    const votes = byTestId(animator, 'vote-console');
    await byTestId(votes, 'vote-budget').fill('3');
    await byTestId(votes, 'vote-open').click();
    await byTestId(votes, 'vote-row').waitFor();
    await byTestId(projector, 'plenary-vote-progress').waitFor();

    const phones: Phone[] = [];
    for (const name of ['Sylvie', 'Marc', 'Léa']) {
      const context = await newContext(suite.browser, baseUrl, PHONE_740);
      suite.contexts.push(context);
      await joinedContext(baseUrl, context, workshop.code, name, board.id);
      const page = await context.newPage();
      await page.goto(`/#/b/${board.id}`);
      await byTestId(page, 'vote-panel').waitFor();
      phones.push({ context, page });
    }
    const [sylvie, marc, lea] = phones as [Phone, Phone, Phone];
    expect(await byTestId(sylvie.page, 'vote-left').textContent()).toBe('Il vous reste 3 points');
    const sizes = await targetSizes(sylvie.page, ['[data-testid="vote-add"]', '[data-testid="vote-remove"]']);
    expect(sizes).toHaveLength(8);
    expect(sizes.filter((size) => size.width < 48 || size.height < 48), 'dot buttons under 48 px').toEqual([]);
    expect(await byTestId(itemOf(sylvie.page, CAFE), 'vote-add').getAttribute('aria-label')).toBe(
      `Ajouter un point à « ${CAFE} »`,
    );

    // Sylvie: two dots on the minibus, one on the café, which she takes back for the garden.
    await tapDot(sylvie, MINIBUS);
    await tapDot(sylvie, MINIBUS);
    await tapDot(sylvie, CAFE);
    await byTestId(sylvie.page, 'vote-left').filter({ hasText: 'Il vous reste 0 point' }).waitFor();
    expect(await byTestId(itemOf(sylvie.page, FETE), 'vote-add').isDisabled()).toBe(true);
    await tapDot(sylvie, CAFE, 'vote-remove');
    await tapDot(sylvie, JARDIN);
    // Marc: two on the café, one on the garden. Léa: one each on the minibus, the café and the fête.
    for (const text of [CAFE, CAFE, JARDIN]) await tapDot(marc, text);
    for (const text of [MINIBUS, CAFE]) await tapDot(lea, text);
    // Léa places her last dot from the keyboard: the + is a button named after the action.
    await lea.page.getByRole('button', { name: `Ajouter un point à « ${FETE} »` }).focus();
    await lea.page.keyboard.press('Enter');
    await itemOf(lea.page, FETE).and(lea.page.locator('[data-mine="1"]')).waitFor();

    // Nobody sees anyone else's dots while the vote is open; the animator and the projector see progress only.
    expect(await itemOf(marc.page, MINIBUS).getAttribute('data-mine')).toBe('0');
    await byTestId(votes, 'vote-progress').filter({ hasText: '3 personnes ont voté · 9 points placés' }).waitFor();
    expect(await byTestId(projector, 'vote-ranked').count()).toBe(0);
    await byTestId(projector, 'plenary-vote-progress').filter({ hasText: '3 personnes ont voté' }).waitFor();
    await expectAccessible('the ballot on a phone', sylvie.page);
    await expectAccessible('the animator console with a vote open', animator);
    await sylvie.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await sylvie.page.screenshot({ path: join(SCREENSHOTS, 'vote-phone.png'), animations: 'disabled', caret: 'hide', scale: 'css' });

    await byTestId(votes, 'vote-close').click();
    const ranking = byTestId(projector, 'vote-ranking');
    await ranking.locator('[data-testid="vote-ranked"]').first().waitFor();
    const ranked = await ranking.locator('[data-testid="vote-ranked"]').evaluateAll((items) =>
      items.map((item) => ({
        text: item.querySelector('.vote-ranked-text')?.lastChild?.textContent ?? '',
        rank: item.getAttribute('data-rank'),
        tied: item.getAttribute('data-tied'),
      })),
    );
    expect(ranked).toEqual([
      { text: MINIBUS, rank: '1', tied: 'true' },
      { text: CAFE, rank: '1', tied: 'true' },
      { text: JARDIN, rank: '3', tied: 'false' },
      { text: FETE, rank: '4', tied: 'false' },
    ]);
    expect(await byTestId(ranking, 'vote-tie').allTextContents()).toEqual(['ex æquo', 'ex æquo']);
    // All three said "habitant" when they joined: the split by category shows that third only.
    expect(await byTestId(projector, 'vote-categories').textContent()).toContain('Habitants (3)');
    const smallest = await projector
      .locator('[data-testid="plenary-vote"] :is(.vote-ranked-text, .vote-ranked-dots, .vote-tie, .plenary-vote-title, h3, h4)')
      .evaluateAll((nodes) => Math.min(...nodes.map((node) => parseFloat(getComputedStyle(node).fontSize))));
    expect(smallest, 'smallest text on the projector, px').toBeGreaterThanOrEqual(28);
    await projector.screenshot({ path: join(SCREENSHOTS, 'vote-results-1080p.png'), animations: 'disabled', caret: 'hide' });
    const overflow = await projector.evaluate(() => {
      const vote = document.querySelector<HTMLElement>('[data-testid="plenary-vote"]')!;
      return vote.scrollHeight - vote.clientHeight;
    });
    expect(overflow, 'results cut at the bottom of the projector').toBeLessThanOrEqual(0);

    await expectAccessible('the results on the projector', projector);

    // The phones see the results too, and a dot no longer moves.
    await byTestId(marc.page, 'vote-ranking').waitFor();
    expect(await byTestId(marc.page, 'vote-add').count()).toBe(0);
  });

  it('the console ticks three notes of a board and opens a vote on them; the animator sees the dots left in the group', async () => {
    const { created, workshop, board } = await workshopWithActions('Atelier 3 — notes choisies', 'Intentions');
    const animatorContext = await newContext(suite.browser, baseUrl, LAPTOP);
    const phoneContext = await newContext(suite.browser, baseUrl, PHONE_740);
    const otherContext = await newContext(suite.browser, baseUrl, PHONE_740);
    suite.contexts.push(animatorContext, phoneContext, otherContext);
    await joinedContext(baseUrl, phoneContext, workshop.code, 'Sylvie', board.id);
    await joinedContext(baseUrl, otherContext, workshop.code, 'Marc', board.id);
    const animator = await animatorContext.newPage();
    await animator.goto(`/#/a/${created.animatorToken}`);

    const votes = byTestId(animator, 'vote-console');
    await byTestId(votes, 'vote-kind-notes').check();
    const boxes = byTestId(votes, 'vote-note');
    await boxes.nth(3).waitFor();
    expect(await byTestId(votes, 'vote-open').isDisabled(), 'nothing ticked yet').toBe(true);
    expect(await byTestId(votes, 'vote-open-hint').isVisible()).toBe(true);
    for (const text of [MINIBUS, JARDIN, FETE]) {
      await votes.getByRole('checkbox', { name: text }).check();
    }
    await byTestId(votes, 'vote-notes-count').filter({ hasText: '3 choisies' }).waitFor();
    await byTestId(votes, 'vote-budget').fill('2');
    await expectAccessible('the vote console with notes ticked', animator);
    await byTestId(votes, 'vote-budget').evaluate((input: HTMLElement) => input.blur());
    await byTestId(votes, 'vote-target').screenshot({ path: join(SCREENSHOTS, 'vote-console.png'), animations: 'disabled', caret: 'hide' });
    await byTestId(votes, 'vote-open').click();
    await byTestId(votes, 'vote-row').waitFor();
    await byTestId(votes, 'vote-progress').filter({ hasText: '4 points restent dans le groupe' }).waitFor();

    const phone = await phoneContext.newPage();
    await phone.goto(`/#/b/${board.id}`);
    await byTestId(phone, 'vote-panel').waitFor();
    const texts = await byTestId(phone, 'vote-item').locator('.vote-item-text').allTextContents();
    expect(texts).toEqual([MINIBUS, JARDIN, FETE]);
    await tapDot({ context: phoneContext, page: phone }, JARDIN);
    await byTestId(votes, 'vote-progress').filter({ hasText: '3 points restent dans le groupe' }).waitFor();
  });
});
