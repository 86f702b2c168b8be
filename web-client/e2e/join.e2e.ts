import { describe, expect, inject, it } from 'vitest';
import { createWorkshop } from './support/api';
import { newContext, PHONE_740 } from './support/chromium';
import { useBrowserSuite } from './support/suite';
import { byTestId, waitForBoardReady } from './support/ui';
import { randomId } from '../src/protocol/ids';

const baseUrl = inject('parvisUrl');

describe('joining on a 360×740 phone', () => {
  const suite = useBrowserSuite(baseUrl);

  it('the button keeps its meaning, nothing is chosen for the person, the form fits, the group menu is the animator’s', async () => {
    const created = await createWorkshop(baseUrl, {
      title: 'Vitalité sociale du canton',
      groups: [
        { name: 'Vie locale', template: 'pepites' },
        { name: 'Mobilités', template: 'free' },
        { name: 'Jeunesse', template: 'free' },
      ],
    });
    const { workshop } = created;
    const context = await newContext(suite.browser, baseUrl, PHONE_740);
    suite.contexts.push(context);
    const phone = await context.newPage();
    await phone.goto('/#/');

    // Typing the six characters looks nothing up: "Continuer" stays "Continuer".
    await byTestId(phone, 'join-code-input').tap();
    await phone.keyboard.type(workshop.code.toLowerCase());
    await phone.waitForTimeout(1_000);
    expect(await byTestId(phone, 'join-lookup-button').textContent()).toBe('Continuer');
    expect(await byTestId(phone, 'join-workshop-title').count()).toBe(0);

    await byTestId(phone, 'join-lookup-button').tap();
    await byTestId(phone, 'join-workshop-title').waitFor();
    expect(await byTestId(phone, 'join-lookup-button').count(), 'the button that was tapped is gone').toBe(0);

    // Nothing pre-chosen: no category, no group.
    const checked = await phone.locator('input[name="category"]:checked').count();
    expect(checked).toBe(0);
    expect(await phone.locator('input[name="category"]').count()).toBe(5);
    expect(await byTestId(phone, 'join-category-unsaid').evaluate((input) => input.parentElement!.textContent)).toBe(
      'Je préfère ne pas dire',
    );
    expect(await byTestId(phone, 'join-board-select').inputValue()).toBe('');

    // The whole form, its button included, is on the screen without scrolling.
    const button = await byTestId(phone, 'join-button').boundingBox();
    console.log(`join button bottom at ${Math.round(button!.y + button!.height)} px of 740`);
    expect(button!.y + button!.height).toBeLessThanOrEqual(740);

    // A name but no group: said plainly, nobody is put in a group they did not choose.
    await byTestId(phone, 'join-name-input').tap();
    await phone.keyboard.type('Sylvie');
    await byTestId(phone, 'join-button').tap();
    expect(await byTestId(phone, 'join-error').textContent()).toBe('Choisissez votre groupe pour continuer.');
    expect(phone.url()).not.toMatch(/#\/b\//);

    const mobilites = workshop.boards[1]!;
    await byTestId(phone, 'join-board-select').selectOption(mobilites.id);
    await byTestId(phone, 'join-category-unsaid').check();
    await byTestId(phone, 'join-button').tap();
    await phone.waitForURL(`**/#/b/${mobilites.id}`);
    await waitForBoardReady(phone);

    // The group menu: the participant's own group only, until the animator shows another in plenary.
    expect(await byTestId(phone, 'board-switcher').count()).toBe(0);
    await suite.bridge.request(created.animatorToken, { type: 'plenary.show', id: randomId(), boards: [workshop.boards[2]!.id] });
    await byTestId(phone, 'board-switcher').waitFor();
    const offered = await byTestId(phone, 'board-switcher').locator('option').allTextContents();
    expect(offered).toEqual(['Mobilités', 'Jeunesse']);
  });

  it('the animator’s link for one group puts the person in that group, without a group menu', async () => {
    const created = await createWorkshop(baseUrl, {
      title: 'Par groupe',
      groups: [
        { name: 'Vie locale', template: 'free' },
        { name: 'Jeunesse', template: 'free' },
      ],
    });
    const jeunesse = created.workshop.boards[1]!;
    const laptopContext = await newContext(suite.browser, baseUrl);
    suite.contexts.push(laptopContext);
    const dashboard = await laptopContext.newPage();
    await dashboard.goto(`/#/a/${created.animatorToken}`);
    const link = await dashboard.locator(`[data-testid="group-join-link"][data-board-id="${jeunesse.id}"]`).getAttribute('href');
    expect(link).toMatch(new RegExp(`#/j/${created.workshop.code}/${jeunesse.id}$`));

    const context = await newContext(suite.browser, baseUrl, PHONE_740);
    suite.contexts.push(context);
    const phone = await context.newPage();
    await phone.goto(link!);
    expect(await byTestId(phone, 'join-assigned-board').textContent()).toBe('Votre groupe : Jeunesse');
    expect(await byTestId(phone, 'join-board-select').count()).toBe(0);
    await byTestId(phone, 'join-name-input').fill('Léa');
    await byTestId(phone, 'join-button').tap();
    await phone.waitForURL(`**/#/b/${jeunesse.id}`);
    await waitForBoardReady(phone);
  });
});
