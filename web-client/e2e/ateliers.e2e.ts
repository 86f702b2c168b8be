import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { createWorkshop, joinedContext, joinWorkshop } from './support/api';
import { describeViolations, runAxe, seriousOrCritical } from './support/axe';
import { LAPTOP, newContext, PHONE_740, TABLET } from './support/chromium';
import { seedNotes } from './support/seed';
import { useBrowserSuite } from './support/suite';
import { centerOf, targetSizes, touchTap } from './support/touch';
import { byTestId } from './support/ui';

const baseUrl = inject('parvisUrl');
const SCREENSHOTS = join(dirname(fileURLToPath(import.meta.url)), '../../docs/screenshots');

const ACTIONS = ['Rouvrir le café du bourg', 'Une navette vers le marché', 'Un jardin partagé'];
const [CAFE, BUS] = ACTIONS as [string, string, string];

const texts = (page: Page, testid: string) =>
  byTestId(page, testid).evaluateAll((elements) => elements.map((element) => element.textContent ?? ''));

const values = (page: Page, testid: string) =>
  byTestId(page, testid).evaluateAll((elements) => elements.map((element) => (element as HTMLInputElement).value));

async function expectAccessible(where: string, page: Page): Promise<void> {
  const serious = seriousOrCritical(await runAxe(page));
  expect(serious, describeViolations(where, serious)).toEqual([]);
}

describe('the ateliers as templates', () => {
  const suite = useBrowserSuite(baseUrl);

  it('a lead animator creates atelier 2 from its template on a 1024×768 tablet: trend boards and the evening’s agenda', async () => {
    const context = await newContext(suite.browser, baseUrl, TABLET);
    suite.contexts.push(context);
    const tablet = await context.newPage();
    await tablet.goto('/#/new');
    await byTestId(tablet, 'workshop-title-input').fill('Vallée de l’Hérault — atelier 2');
    await byTestId(tablet, 'atelier-select').selectOption('atelier2');
    await byTestId(tablet, 'atelier-note').filter({ hasText: 'Tendances, risques, opportunités' }).waitFor();
    expect(await byTestId(tablet, 'group-template-select').isHidden(), 'the atelier sets the boards’ template').toBe(true);
    await byTestId(tablet, 'group-name-input').first().fill('Se loger');
    await byTestId(tablet, 'add-group-button').click();
    await byTestId(tablet, 'group-name-input').nth(1).fill('Se déplacer');
    await expectAccessible('the creation screen with an atelier chosen', tablet);
    await byTestId(tablet, 'create-workshop-button').click();

    await byTestId(tablet, 'animator-title').filter({ hasText: 'atelier 2' }).waitFor();
    const rows = byTestId(tablet, 'board-row');
    await rows.nth(1).waitFor();
    expect(await texts(tablet, 'board-row')).toEqual([
      expect.stringContaining('Se loger'),
      expect.stringContaining('Se déplacer'),
    ]);
    expect(await rows.first().textContent()).toContain('Tendances, risques, opportunités');
    await byTestId(tablet, 'sequence-row').nth(5).waitFor({ state: 'attached' });
    // The lead animator's agenda is editable: each title and duration in its field.
    expect(await values(tablet, 'sequence-title')).toEqual([
      'Rappel de l\'atelier précédent',
      'Présentation des grandes tendances d\'avenir',
      'Tendances, risques et opportunités',
      'Intentions d\'actions',
      'Pause dînatoire',
      'Restitution en plénière',
    ]);
    expect(await values(tablet, 'sequence-minutes')).toEqual(['15', '15', '35', '25', '30', '30']);

    // The same workshop on an English screen: the template's titles in English, group names as typed.
    const english = await newContext(suite.browser, baseUrl, TABLET);
    suite.contexts.push(english);
    await english.addInitScript(() => localStorage.setItem('parvis.language', JSON.stringify('en')));
    const englishTablet = await english.newPage();
    await englishTablet.goto(tablet.url());
    await byTestId(englishTablet, 'sequence-row').nth(5).waitFor({ state: 'attached' });
    const englishAgenda = await values(englishTablet, 'sequence-title');
    expect(englishAgenda[4]).toBe('Dinner break');
    expect(englishAgenda[3]).toBe('Intended actions');
    expect(await byTestId(englishTablet, 'board-row').first().textContent()).toContain('Se loger');
  });

  it('the lead animator types three axes; phones pick theirs with a tap and land on its board; the console shows the split', async () => {
    const created = await createWorkshop(baseUrl, { title: 'Pratiques collaboratives', groups: [], atelier: 'axes' });
    const { workshop } = created;
    const proposals = workshop.boards[0]!;
    expect(proposals.name).toBe('Axes proposés');

    const animatorContext = await newContext(suite.browser, baseUrl, LAPTOP);
    suite.contexts.push(animatorContext);
    const animator = await animatorContext.newPage();
    await animator.goto(`/#/a/${created.animatorToken}`);
    const axes = byTestId(animator, 'axes');
    await axes.locator('summary').click();
    const inputs = byTestId(axes, 'axis-input');
    await inputs.nth(0).fill('Se loger');
    await inputs.nth(1).fill('Se nourrir');
    await inputs.nth(2).fill('Se déplacer');
    await byTestId(axes, 'axes-submit').click();
    await byTestId(animator, 'axis-group').nth(2).waitFor();

    const phones: { context: BrowserContext; page: Page }[] = [];
    for (const name of ['Sylvie', 'Marc', 'Léa']) {
      const context = await newContext(suite.browser, baseUrl, PHONE_740);
      suite.contexts.push(context);
      await joinedContext(baseUrl, context, workshop.code, name, proposals.id);
      const page = await context.newPage();
      await page.goto(`/#/b/${proposals.id}`);
      await byTestId(page, 'axis-choice').nth(2).waitFor();
      phones.push({ context, page });
    }
    const [sylvie, marc, lea] = phones as [(typeof phones)[0], (typeof phones)[0], (typeof phones)[0]];
    expect(await texts(sylvie.page, 'axis-choice')).toEqual(['Se loger', 'Se nourrir', 'Se déplacer']);
    const sizes = await targetSizes(sylvie.page, ['[data-testid="axis-choice"]']);
    expect(sizes.filter((size) => size.width < 48 || size.height < 48), 'axis buttons under 48 px').toEqual([]);
    await expectAccessible('the axis picker on a phone', sylvie.page);
    await sylvie.page.screenshot({ path: join(SCREENSHOTS, 'axes-phone.png'), animations: 'disabled', caret: 'hide', scale: 'css' });

    for (const [phone, axis] of [
      [sylvie, 'Se loger'],
      [marc, 'Se loger'],
      [lea, 'Se déplacer'],
    ] as const) {
      const choice = byTestId(phone.page, 'axis-choice').filter({ hasText: axis });
      await choice.scrollIntoViewIfNeeded();
      await touchTap(phone.context, phone.page, await centerOf(choice));
      await byTestId(phone.page, 'board-title').filter({ hasText: axis }).waitFor();
    }
    expect(await byTestId(sylvie.page, 'axis-choice').filter({ hasText: 'Se loger' }).getAttribute('aria-pressed')).toBe('true');

    const counts = byTestId(animator, 'axis-count');
    await counts.first().filter({ hasText: '2 personnes' }).waitFor();
    expect(await texts(animator, 'axis-count')).toEqual(['2 personnes', '0 personne', '1 personne']);
    expect(await byTestId(animator, 'axis-group').first().textContent()).toContain('Sylvie, Marc');
    expect(await byTestId(animator, 'axis-balance').textContent()).toContain('Écart de 2 personnes');

    // Marc goes to the empty axis: the room is balanced, and his phone follows.
    await marc.page.goto(`/#/b/${proposals.id}`);
    const nourrir = byTestId(marc.page, 'axis-choice').filter({ hasText: 'Se nourrir' });
    await touchTap(marc.context, marc.page, await centerOf(nourrir));
    await byTestId(marc.page, 'board-title').filter({ hasText: 'Se nourrir' }).waitFor();
    await byTestId(animator, 'axis-balance').filter({ hasText: 'Groupes équilibrés.' }).waitFor();
    expect(await texts(animator, 'axis-count')).toEqual(['1 personne', '1 personne', '1 personne']);
    await expectAccessible('the axes console', animator);
  });

  it('atelier 3: once the vote is closed, the animator deepens the two kept actions into Qui / Quoi / Quand / Ressources boards', async () => {
    const created = await createWorkshop(baseUrl, { title: 'Atelier 3 — le scénario', groups: [], atelier: 'atelier3' });
    const { workshop, animatorToken } = created;
    const actions = workshop.boards[0]!;
    await seedNotes(suite.bridge, animatorToken, actions.id, ACTIONS.map((text) => ({ text, zone: actions.zones[0]!.id })));
    const notes = await suite.bridge.notes(animatorToken, actions.id);
    const noteOf = (text: string) => notes.find((note) => note.text === text)!.id;
    const command = async (token: string, body: Parameters<typeof suite.bridge.request>[1]) => {
      const reply = await suite.bridge.request<{ ok: boolean; error?: string }>(token, body);
      expect(reply.ok, JSON.stringify(reply)).toBe(true);
    };
    await command(animatorToken, { type: 'vote.open', id: 'open-v', vote: 'v1', title: 'Actions', board: actions.id, notes: [], budget: 3 });
    const voter = await joinWorkshop(baseUrl, workshop.code, 'Sylvie', { board: actions.id });
    for (const text of [CAFE, CAFE, BUS]) {
      await command(voter.token, { type: 'vote.cast', id: `cast-${Math.random().toString(36).slice(2)}`, vote: 'v1', board: actions.id, noteId: noteOf(text) });
    }

    const context = await newContext(suite.browser, baseUrl, TABLET);
    suite.contexts.push(context);
    const tablet = await context.newPage();
    await tablet.goto(`/#/a/${animatorToken}`);
    await byTestId(tablet, 'board-row').first().waitFor();
    expect(await byTestId(tablet, 'deepen').isHidden(), 'nothing to deepen while the vote is open').toBe(true);
    await command(animatorToken, { type: 'vote.close', id: 'close-v', vote: 'v1' });
    const deepen = byTestId(tablet, 'deepen');
    await deepen.waitFor();
    await byTestId(deepen, 'deepen-keep').fill('2');
    await byTestId(deepen, 'deepen-submit').click();
    await byTestId(tablet, 'board-row').nth(2).waitFor();
    expect(await texts(tablet, 'board-row')).toEqual([
      expect.stringContaining('Actions'),
      expect.stringContaining(CAFE),
      expect.stringContaining(BUS),
    ]);

    await byTestId(tablet, 'board-row').nth(1).locator('[data-testid="open-board"]').click();
    await byTestId(tablet, 'board-title').filter({ hasText: CAFE }).waitFor();
    await byTestId(tablet, 'zone').nth(3).waitFor();
    expect(await tablet.locator('.zone-title').allTextContents()).toEqual(['Qui', 'Quoi', 'Quand', 'Ressources']);

    // A second try is refused by name and makes nothing twice.
    await tablet.goBack();
    await byTestId(tablet, 'deepen-submit').click();
    await tablet.getByText('Les actions de ce vote ont déjà leurs tableaux.').waitFor();
    expect(await byTestId(tablet, 'board-row').count()).toBe(3);
  });
});
