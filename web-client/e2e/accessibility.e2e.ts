import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createWorkshop, joinedContext, joinWorkshop } from './support/api';
import { describeViolations, runAxe, seriousOrCritical } from './support/axe';
import { BridgeClient } from './support/bridge';
import { launchChromium, LAPTOP, newContext, PHONE, PROJECTOR } from './support/chromium';
import { seedNotes } from './support/seed';
import { addNote, byTestId, waitForBoardReady } from './support/ui';
import { randomId } from '../src/protocol/ids';

const baseUrl = inject('parvisUrl');

/**
 * axe-core on the screens people use: no `serious` or `critical` violation. Every violation found,
 * whatever its impact, is printed, so the minor ones stay visible too.
 */
describe('accessibility (axe-core)', () => {
  let browser: Browser;
  let bridge: BridgeClient;
  const contexts: BrowserContext[] = [];
  let created: Awaited<ReturnType<typeof createWorkshop>>;

  beforeAll(async () => {
    browser = await launchChromium();
    bridge = await BridgeClient.open(baseUrl);
    created = await createWorkshop(baseUrl, {
      title: 'Atelier 1 — Baromètre de la vitalité sociale',
      groups: [
        { name: 'Pépites', template: 'pepites' },
        { name: 'Baromètre', template: 'barometre' },
      ],
    });
    const board = created.workshop.boards[0]!.id;
    const author = await joinWorkshop(baseUrl, created.workshop.code, 'Nadia', { board, category: 'habitant' });
    await seedNotes(bridge, author.token, board, [
      { text: 'Le marché du jeudi', zone: 'z1', color: 'yellow' },
      { text: 'Une salle des fêtes rénovée', zone: 'z2', color: 'green' },
      { text: 'Les jeunes partent après le lycée', zone: 'z3', color: 'pink' },
    ]);
  });
  afterAll(async () => {
    bridge?.close();
    await Promise.all(contexts.map((context) => context.close()));
    await browser?.close();
  });

  async function page(options = LAPTOP): Promise<Page> {
    const context = await newContext(browser, baseUrl, options);
    contexts.push(context);
    return context.newPage();
  }

  async function expectAccessible(where: string, target: Page): Promise<void> {
    const violations = await runAxe(target);
    console.log(describeViolations(where, violations));
    expect(seriousOrCritical(violations), describeViolations(where, seriousOrCritical(violations))).toEqual([]);
  }

  it('the join screen before a code, and the form that creates a workshop', async () => {
    const phone = await page(PHONE);
    await phone.goto('/#/');
    await byTestId(phone, 'join-code-input').waitFor();
    await expectAccessible('join screen, code step', phone);
    await phone.goto('/#/new');
    await byTestId(phone, 'workshop-title-input').waitFor();
    await byTestId(phone, 'create-workshop-button').click();
    await byTestId(phone, 'create-error').waitFor();
    await expectAccessible('create a workshop, with an error', phone);
  });

  it('the join screen, with a workshop found', async () => {
    const phone = await page(PHONE);
    await phone.goto(`/#/j/${created.workshop.code}`);
    await byTestId(phone, 'join-name-input').waitFor();
    await expectAccessible('join screen', phone);
    // An error shown on the form, too.
    await byTestId(phone, 'join-button').click();
    await byTestId(phone, 'join-error').waitFor();
    await expectAccessible('join screen with an error', phone);
  });

  it('a board with notes, and its note editor open', async () => {
    const board = created.workshop.boards[0]!.id;
    const context = await newContext(browser, baseUrl, PHONE);
    contexts.push(context);
    await joinedContext(baseUrl, context, created.workshop.code, 'Yves', board);
    const phone = await context.newPage();
    await phone.goto(`/#/b/${board}`);
    await waitForBoardReady(phone);
    await phone.locator('[data-testid="note"]').nth(2).waitFor();
    await expectAccessible('board', phone);
    await byTestId(phone, 'add-note-button').click();
    await byTestId(phone, 'note-editor').waitFor();
    await byTestId(phone, 'note-editor-done').click();
    await byTestId(phone, 'note-editor-error').waitFor();
    await expectAccessible('board with the note editor and its error', phone);
    await byTestId(phone, 'note-editor-cancel').click();
    // A participant deletes its own notes: Yves writes one, then deletes it.
    await (await addNote(phone, 'Une note de Yves')).focus();
    // The toast slides in with its opacity rising: axe would measure the contrast half-way.
    await phone.emulateMedia({ reducedMotion: 'reduce' });
    await phone.keyboard.press('Delete');
    await byTestId(phone, 'toast-action').waitFor();
    await expectAccessible('board with an undo toast', phone);
  });

  it('the plenary screen showing two boards', async () => {
    await bridge.request(created.animatorToken, {
      type: 'plenary.show',
      id: randomId(),
      boards: created.workshop.boards.map((board) => board.id),
    });
    const projector = await page(PROJECTOR);
    await projector.goto(`/#/o/${created.observerToken}`);
    await projector.locator('[data-testid="plenary-board"]').nth(1).waitFor();
    await projector.locator('[data-testid="plenary-board"] [data-testid="note"]').nth(2).waitFor();
    await byTestId(projector, 'plenary-qr').locator('svg').waitFor();
    await expectAccessible('plenary', projector);
  });

  it('the screens of a bad animator link and a bad plenary link', async () => {
    const laptop = await page(LAPTOP);
    await laptop.goto('/#/a/notARealAnimatorToken000000');
    await byTestId(laptop, 'animator-error').waitFor();
    await expectAccessible('bad animator link', laptop);
    await laptop.goto('/#/o/notARealObserverToken000000');
    await laptop.waitForFunction(() =>
      document.querySelector('[data-testid="plenary-empty"]')?.textContent?.includes('lien de plénière'),
    );
    await expectAccessible('bad plenary link', laptop);
  });

  it('the animator dashboard', async () => {
    const laptop = await page(LAPTOP);
    await laptop.goto(`/#/a/${created.animatorToken}`);
    await byTestId(laptop, 'animator-title').waitFor();
    await byTestId(laptop, 'join-qr').locator('svg').waitFor();
    await expectAccessible('animator dashboard', laptop);
  });
});
