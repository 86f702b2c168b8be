import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, inject, it } from 'vitest';
import { createWorkshop, joinedContext, joinWorkshop } from './support/api';
import { newContext, PHONE, PROJECTOR, TABLET } from './support/chromium';
import { describeViolations, runAxe, seriousOrCritical } from './support/axe';
import { useBrowserSuite } from './support/suite';
import { byTestId, notesWithText, waitForBoardReady, waitForNothingPending } from './support/ui';

const baseUrl = inject('parvisUrl');
const SCREENSHOTS = join(dirname(fileURLToPath(import.meta.url)), '../../docs/screenshots');

describe('scribe mode and the roster, on a 1024×768 tablet', () => {
  const suite = useBrowserSuite(baseUrl);

  it('writes three notes for two speakers without closing the editor; the roster counts them and points at who is silent; "bring everyone here" moves a phone', async () => {
    const { workshop, animatorToken } = await createWorkshop(baseUrl, {
      title: 'Atelier 2 — Tendances',
      groups: [
        { name: 'Mobilités', template: 'pepites' },
        { name: 'Habitat', template: 'pepites' },
      ],
    });
    const mobilites = workshop.boards[0]!;
    const habitat = workshop.boards[1]!;
    await joinWorkshop(baseUrl, workshop.code, 'Alice', { board: mobilites.id, category: 'elu' });
    await joinWorkshop(baseUrl, workshop.code, 'Bruno', { board: mobilites.id, category: 'habitant' });
    const phoneContext = await newContext(suite.browser, baseUrl, PHONE);
    suite.contexts.push(phoneContext);
    await joinedContext(baseUrl, phoneContext, workshop.code, 'Chloé', habitat.id);
    const phone = await phoneContext.newPage();
    await phone.goto(`/#/b/${habitat.id}`);
    await waitForBoardReady(phone);

    const tabletContext = await newContext(suite.browser, baseUrl, TABLET);
    suite.contexts.push(tabletContext);
    const tablet = await tabletContext.newPage();
    await tablet.goto(`/#/a/${animatorToken}`);
    const roster = byTestId(tablet, 'roster');
    await roster.locator('[data-person="Chloé"]').waitFor();

    // The animator takes the pen on the Mobilités board.
    await tablet.goto(`/#/b/${mobilites.id}`);
    await waitForBoardReady(tablet);
    await byTestId(tablet, 'add-note-button').tap();
    const editor = byTestId(tablet, 'note-editor');
    await editor.waitFor();
    const chips = byTestId(editor, 'speaker-choice');
    await chips.filter({ hasText: 'Alice' }).waitFor();
    expect(await chips.allTextContents(), 'the group’s roster, and the animator itself').toEqual([
      'Moi (animation)',
      'Alice',
      'Bruno',
    ]);

    const text = byTestId(editor, 'note-editor-text');
    await chips.filter({ hasText: 'Alice' }).tap();
    await text.fill('Un bus le mardi pour le marché');
    await byTestId(editor, 'note-editor-add').tap();
    expect(await text.inputValue(), 'the text is cleared for the next idea').toBe('');
    expect(await text.evaluate((element) => element === document.activeElement), 'the pen stays in the text').toBe(true);
    await text.fill('Du covoiturage entre voisins');
    await byTestId(editor, 'note-editor-add').tap();

    // Marcel has no phone: typed once, with his category.
    await byTestId(editor, 'speaker-entry-toggle').tap();
    await byTestId(editor, 'speaker-name').fill('Marcel');
    await byTestId(editor, 'speaker-category').selectOption('acteur');
    await byTestId(editor, 'speaker-add').tap();
    expect(await chips.filter({ hasText: 'Marcel' }).getAttribute('aria-pressed')).toBe('true');
    expect(await text.evaluate((element) => element === document.activeElement), 'back to the text').toBe(true);
    await text.fill('Une navette vers la gare');
    await byTestId(editor, 'note-editor-add').tap();
    expect(await editor.isVisible(), 'three notes, the editor never closed').toBe(true);
    await byTestId(editor, 'note-editor-cancel').tap();

    await waitForNothingPending(tablet);
    const bus = notesWithText(tablet, 'Un bus le mardi pour le marché');
    await bus.locator('.note-author', { hasText: 'Alice (noté par Animation)' }).waitFor();
    await notesWithText(tablet, 'Une navette vers la gare').locator('.note-author', { hasText: 'Marcel' }).waitFor();

    // "Bring everyone here": the lead animator brings every participant; Chloé's phone follows.
    await byTestId(tablet, 'bring-here').tap();
    await phone.waitForURL(`**/#/b/${mobilites.id}`);
    await waitForBoardReady(phone);
    await byTestId(phone, 'toast').filter({ hasText: 'L’animateur vous amène sur « Mobilités ».' }).waitFor();
    await notesWithText(phone, 'Une navette vers la gare').waitFor();

    // Chloé says she is done; back on the console the roster counts and highlights.
    await byTestId(phone, 'done-toggle').tap();
    await phone.locator('[data-testid="done-toggle"][aria-pressed="true"]').waitFor();

    await byTestId(tablet, 'back-to-dashboard').tap();
    const person = (name: string) => roster.locator(`[data-testid="roster-person"][data-person="${name}"]`);
    await person('Alice').locator('.roster-count', { hasText: '2 contributions' }).waitFor();
    await person('Marcel').locator('.roster-count', { hasText: '1 contribution' }).waitFor();
    expect(await person('Bruno').getAttribute('data-silent')).toBe('true');
    expect(await person('Bruno').textContent()).toContain('pas encore de contribution');
    expect(await person('Alice').getAttribute('data-silent')).toBe('false');
    await byTestId(roster, 'roster-done').filter({ hasText: '1 sur 3 ont fini' }).waitFor();
    const balance = byTestId(roster, 'roster-balance');
    expect(await balance.locator('tr[data-category="elu"] td').allTextContents(), 'élus: people, notes').toEqual([
      '1 (25 %)',
      '2 (67 %)',
    ]);
    expect(await balance.locator('tr[data-category="habitant"] td').allTextContents()).toEqual(['2 (50 %)', '0 (0 %)']);

    const violations = seriousOrCritical(await runAxe(tablet));
    expect(violations, describeViolations('animator console with roster', violations)).toEqual([]);
    for (const toast of await tablet.locator('.toast-close').all()) await toast.click();
    await roster.scrollIntoViewIfNeeded();
    await tablet.screenshot({ path: join(SCREENSHOTS, 'animator-roster-tablet.png'), animations: 'disabled', caret: 'hide' });

    // The lead moves Chloé into Mobilités, closes the group menu, then moves her back: her phone follows.
    await person('Chloé').locator('select').selectOption(mobilites.id);
    await roster.locator(`[data-testid="roster-group"][data-board-id="${mobilites.id}"] [data-person="Chloé"]`).waitFor();
    await byTestId(roster, 'groups-lock').tap();
    await byTestId(roster, 'groups-state').filter({ hasText: 'Menu des groupes fermé' }).waitFor();
    await person('Chloé').locator('select').selectOption(habitat.id);
    await phone.waitForURL(`**/#/b/${habitat.id}`);
    await byTestId(phone, 'toast').filter({ hasText: 'L’animateur vous a placé dans le groupe « Habitat ».' }).waitFor();
    await waitForBoardReady(phone);
  });

  it('shows the join code on the projector large, in a corner or not at all, as the animator asks', async () => {
    const { workshop, animatorToken, observerToken } = await createWorkshop(baseUrl, {
      title: 'Atelier 1 — Baromètre',
      groups: [{ name: 'Rendez-vous', template: 'free' }],
    });
    const projectorContext = await newContext(suite.browser, baseUrl, PROJECTOR);
    const tabletContext = await newContext(suite.browser, baseUrl, TABLET);
    suite.contexts.push(projectorContext, tabletContext);
    const projector = await projectorContext.newPage();
    await projector.goto(`/#/o/${observerToken}`);
    const qr = byTestId(projector, 'plenary-qr');
    await qr.locator('svg').waitFor();
    const screen = projector.locator('.plenary-screen');
    expect(await screen.getAttribute('data-mode'), 'large at the start, by itself').toBe('start');

    const tablet = await tabletContext.newPage();
    await tablet.goto(`/#/a/${animatorToken}`);
    await byTestId(tablet, 'join-display-corner').tap();
    await projector.locator('.plenary-screen[data-mode="boards"]').waitFor();
    const corner = (await qr.boundingBox())!;
    expect(corner.height, 'small in the corner').toBeLessThan(1080 / 4);

    await byTestId(tablet, 'join-display-large').tap();
    await projector.locator('.plenary-screen[data-mode="start"]').waitFor();
    const large = (await qr.boundingBox())!;
    expect(large.height, 'at least a quarter of the screen height').toBeGreaterThanOrEqual(1080 / 4);
    console.log(`projector QR height: corner ${Math.round(corner.height)} px, large ${Math.round(large.height)} px of 1080`);
    expect(await byTestId(projector, 'plenary-code').textContent()).toBe(workshop.code);
    expect(await tablet.locator('[data-testid="join-display-large"][aria-pressed="true"]').count()).toBe(1);

    await byTestId(tablet, 'join-display-hidden').tap();
    await byTestId(projector, 'plenary-code').waitFor({ state: 'hidden' });
    expect(await qr.isVisible()).toBe(false);
  });
});
