import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { createWorkshop, joinWorkshop } from './support/api';
import { LAPTOP, newContext } from './support/chromium';
import { seedNotes } from './support/seed';
import { useBrowserSuite } from './support/suite';
import { waitForBoardReady } from './support/ui';
import { eventually } from './support/wait';

const baseUrl = inject('parvisUrl');

/** The budget of key presses (typed text aside) for the whole path, and its parts. */
const BUDGET = { join: 8, tabsToAddNote: 3, addToColumn: 5, edit: 2, total: 18 };

/** Every key pressed goes through here and is counted; typed text is counted apart, in characters. */
function keyboardOf(page: Page) {
  const pressed: string[] = [];
  return {
    pressed,
    press: async (key: string) => {
      pressed.push(key);
      await page.keyboard.press(key);
    },
    type: (text: string) => page.keyboard.type(text),
    /** The test id of the focused element. */
    focused: () => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.testid ?? document.activeElement?.tagName),
  };
}

describe('keyboard only', () => {
  const suite = useBrowserSuite(baseUrl);

  it('joins, adds a note to a chosen column and edits it within a budget of key presses', async () => {
    const created = await createWorkshop(baseUrl, {
      title: 'Au clavier',
      groups: [
        { name: 'Vie locale', template: 'free' },
        { name: 'Pépites', template: 'pepites' },
      ],
    });
    const board = created.workshop.boards[1]!.id;
    const other = await joinWorkshop(baseUrl, created.workshop.code, 'Nadia', { board });
    // A board with many notes: they must not stand between the top of the board and "Ajouter une note".
    await seedNotes(
      suite.bridge,
      other.token,
      board,
      Array.from({ length: 12 }, (_, index) => ({ text: `Note ${index + 1}`, zone: `z${(index % 3) + 1}` })),
    );
    const context = await newContext(suite.browser, baseUrl, LAPTOP);
    suite.contexts.push(context);
    const page = await context.newPage();
    const keys = keyboardOf(page);

    // Join from the QR link: the name field has the focus once the workshop is found.
    await page.goto(`/#/j/${created.workshop.code}`);
    await page.waitForFunction(() => (document.activeElement as HTMLElement | null)?.dataset.testid === 'join-name-input');
    await keys.type('Karim');
    await keys.press('Tab');
    expect(await keys.focused()).toBe('join-category-elu');
    await keys.press('ArrowDown');
    await keys.press('ArrowDown');
    await keys.press('Tab');
    expect(await keys.focused()).toBe('join-board-select');
    await keys.press('ArrowDown');
    await keys.press('ArrowDown');
    await keys.press('Tab');
    expect(await keys.focused()).toBe('join-button');
    await keys.press('Enter');
    await page.waitForURL(`**/#/b/${board}`);
    await waitForBoardReady(page);
    await page.locator('[data-testid="note"]').nth(11).waitFor();
    const joinKeys = keys.pressed.length;

    // From the top of the board (its title has the focus after the join) to "Ajouter une note".
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('board-title');
    let tabs = 0;
    while ((await keys.focused()) !== 'add-note-button' && tabs < 20) {
      await keys.press('Tab');
      tabs++;
    }
    expect(await keys.focused()).toBe('add-note-button');

    // A new note asks for its column: Shift+Tab from the text to the column, down one, back, write, Ctrl+Enter.
    const beforeAdd = keys.pressed.length;
    await keys.press('Enter');
    expect(await keys.focused()).toBe('note-editor-text');
    expect(await page.locator('[data-testid="note-editor-done"]').getAttribute('aria-keyshortcuts')).toBe('Control+Enter');
    expect(await page.locator('#note-editor-hint').textContent()).toContain('Ctrl+Entrée');
    await keys.press('Shift+Tab');
    expect(await keys.focused()).toBe('note-zone-select');
    const firstZone = await page.locator('[data-testid="note-zone-select"]').inputValue();
    await keys.press('ArrowDown');
    const chosenZone = await page.locator('[data-testid="note-zone-select"]').inputValue();
    expect(chosenZone).not.toBe(firstZone);
    await keys.press('Tab');
    await keys.type('Un café associatif');
    await keys.press('Control+Enter');
    const addKeys = keys.pressed.length - beforeAdd;
    const created1 = await eventually(
      async () => (await suite.bridge.notes(created.animatorToken, board)).find((note) => note.text === 'Un café associatif'),
      (note) => note !== undefined,
      { what: 'the new note stored' },
    );
    expect(created1!.zone).toBe(chosenZone);

    // The new note has the focus and the board's one tab stop: Enter, a few words, Ctrl+Enter.
    expect(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.noteId)).toBe(created1!.id);
    expect(await page.locator('[data-testid="note"][tabindex="0"]').count()).toBe(1);
    const beforeEdit = keys.pressed.length;
    await keys.press('Enter');
    await keys.type(' le samedi');
    await keys.press('Control+Enter');
    const editKeys = keys.pressed.length - beforeEdit;
    await eventually(
      async () => (await suite.bridge.notes(created.animatorToken, board)).find((note) => note.id === created1!.id)?.text,
      (text) => text === 'Un café associatif le samedi',
      { what: 'the edit stored' },
    );

    console.log(
      `key presses: join ${joinKeys}, Tabs from the board's top to "Ajouter une note" ${tabs}, ` +
        `add to a chosen column ${addKeys}, edit ${editKeys}, total ${keys.pressed.length} (${keys.pressed.join(' ')})`,
    );
    expect(joinKeys).toBeLessThanOrEqual(BUDGET.join);
    expect(tabs).toBeLessThanOrEqual(BUDGET.tabsToAddNote);
    expect(addKeys).toBeLessThanOrEqual(BUDGET.addToColumn);
    expect(editKeys).toBeLessThanOrEqual(BUDGET.edit);
    expect(keys.pressed.length).toBeLessThanOrEqual(BUDGET.total);

    // Arrows go from note to note; the board stays one tab stop.
    const focusedNote = () => page.evaluate(() => (document.activeElement as HTMLElement).textContent ?? '');
    await page.keyboard.press('Home');
    expect(await focusedNote()).toContain('Note 1');
    await page.keyboard.press('ArrowDown');
    expect(await focusedNote()).toContain('Note 4');
    await page.keyboard.press('ArrowRight');
    expect(await focusedNote()).toMatch(/Note (2|5)/);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.testid)).not.toBe('note');
  });
});
