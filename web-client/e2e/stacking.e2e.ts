import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { createWorkshop, joinedContext } from './support/api';
import { LAPTOP, newContext, PHONE } from './support/chromium';
import { seedNotes } from './support/seed';
import { useBrowserSuite } from './support/suite';
import { addNote, notesWithText, waitForBoardReady, waitForNothingPending } from './support/ui';

const baseUrl = inject('parvisUrl');

/** The texts of a page's notes bottom to top: later cards of a column are drawn over earlier ones. */
const stackOf = (page: Page) => page.locator('[data-testid="note"] [data-testid="note-text"]').allTextContents();

describe('overlapping notes', () => {
  const suite = useBrowserSuite(baseUrl);

  async function boardPage(code: string, name: string, board: string, options = LAPTOP): Promise<[BrowserContext, Page]> {
    const context = await newContext(suite.browser, baseUrl, options);
    suite.contexts.push(context);
    await joinedContext(baseUrl, context, code, name, board);
    const page = await context.newPage();
    await page.goto(`/#/b/${board}`);
    await waitForBoardReady(page);
    return [context, page];
  }

  it('stack by the order the server gave them, on the page that wrote offline as on the others, and after a reload', async () => {
    const { workshop, animatorToken } = await createWorkshop(baseUrl, {
      title: 'Atelier pile',
      groups: [{ name: 'Place du marché', template: 'free' }],
    });
    const board = workshop.boards[0]!.id;
    const zone = workshop.boards[0]!.zones[0]!.id;
    const [phoneContext, phone] = await boardPage(workshop.code, 'Odile', board, PHONE);
    const [, laptop] = await boardPage(workshop.code, 'Paul', board);

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
