import { describe, expect, inject, it } from 'vitest';
import { createWorkshop, joinedContext } from './support/api';
import { LAPTOP, newContext, PHONE } from './support/chromium';
import { useBrowserSuite } from './support/suite';
import { byTestId, waitForBoardReady } from './support/ui';

const baseUrl = inject('parvisUrl');

describe('what the screens say', () => {
  const suite = useBrowserSuite(baseUrl);
  const page = async (options = LAPTOP) => {
    const context = await newContext(suite.browser, baseUrl, options);
    suite.contexts.push(context);
    return { context, page: await context.newPage() };
  };

  it('a bad animator link and a bad plenary link each get advice for that link, and no "Connecté"', async () => {
    const { page: animator } = await page();
    await animator.goto('/#/a/notARealAnimatorToken000000');
    const advice = await byTestId(animator, 'animator-error').textContent();
    expect(advice).toContain('lien d’animateur');
    expect(advice).not.toContain('code');

    const { page: observer } = await page();
    await observer.goto('/#/o/notARealObserverToken000000');
    await observer.waitForFunction(() =>
      document.querySelector('[data-testid="plenary-empty"]')?.textContent?.includes('lien de plénière'),
    );
    expect(await byTestId(observer, 'status-banner').isHidden()).toBe(true);
  });

  it('template column titles follow the interface language', async () => {
    const created = await createWorkshop(baseUrl, { title: 'Langues', groups: [{ name: 'Vie locale', template: 'pepites' }] });
    const board = created.workshop.boards[0]!.id;
    const { context, page: phone } = await page(PHONE);
    await joinedContext(baseUrl, context, created.workshop.code, 'Sylvie', board);
    await phone.goto(`/#/b/${board}`);
    await waitForBoardReady(phone);
    expect(await phone.locator('.zone-title').allTextContents()).toEqual(['Pépites', 'Opportunités', 'Points de vigilance']);
    await byTestId(phone, 'language-switch').click();
    await waitForBoardReady(phone);
    expect(await phone.locator('.zone-title').allTextContents()).toEqual(['Gems', 'Opportunities', 'Points to watch']);
    await byTestId(phone, 'add-note-button').click();
    expect(await byTestId(phone, 'note-zone-select').locator('option').allTextContents()).toEqual([
      'Gems',
      'Opportunities',
      'Points to watch',
    ]);
  });

  it('the create form drops its "missing title" error once the title is there', async () => {
    const { page: laptop } = await page();
    await laptop.goto('/#/new');
    await byTestId(laptop, 'create-workshop-button').click();
    await byTestId(laptop, 'create-error').waitFor();
    await byTestId(laptop, 'workshop-title-input').fill('Atelier 2');
    expect(await byTestId(laptop, 'create-error').textContent()).toBe('');
  });
});
