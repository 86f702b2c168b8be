import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { useBrowserSuite } from './support/suite';
import { createWorkshop, joinedContext } from './support/api';
import { LAPTOP, newContext, PHONE } from './support/chromium';
import { centerOf, pageOverflowX, targetSizes, touchDrag, type TargetSize } from './support/touch';
import { byTestId, notesWithText, waitForBoardReady } from './support/ui';

const baseUrl = inject('parvisUrl');
const MIN_TARGET = 44;

function tooSmall(sizes: TargetSize[]): TargetSize[] {
  return sizes.filter((size) => size.width < MIN_TARGET || size.height < MIN_TARGET);
}

async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const { scrollWidth, innerWidth } = await pageOverflowX(page);
  expect(scrollWidth, `page is ${scrollWidth}px wide in a ${innerWidth}px viewport`).toBeLessThanOrEqual(innerWidth);
}

describe('a participant on a phone (360×640, touch)', () => {
  const suite = useBrowserSuite(baseUrl);

  it('joins from the QR link, adds a note in two taps and drags it into another column with a finger', async () => {
    const created = await createWorkshop(baseUrl, {
      title: 'Diagnostic du territoire',
      groups: [
        { name: 'Vie locale', template: 'free' },
        { name: 'Pépites et vigilances', template: 'pepites' },
      ],
    });
    const { workshop } = created;
    const board = workshop.boards[1]!;
    expect(board.zones.map((zone) => zone.id)).toEqual(['z1', 'z2', 'z3']);

    const phoneContext = await newContext(suite.browser, baseUrl, PHONE);
    suite.contexts.push(phoneContext);
    const phone = await phoneContext.newPage();

    // Join: the QR code leads to #/j/CODE, the code is filled in and looked up at once.
    await phone.goto(`/#/j/${workshop.code}`);
    await byTestId(phone, 'join-workshop-title').waitFor();
    expect(await byTestId(phone, 'join-change-code').textContent()).toContain(workshop.code);
    expect(await byTestId(phone, 'join-workshop-title').textContent()).toBe('Diagnostic du territoire');
    await expectNoSidewaysScroll(phone);

    const joinTargets = await targetSizes(phone, [
      '[data-testid="language-switch"]',
      '[data-testid="join-change-code"]',
      '[data-testid="join-name-input"]',
      '.choice',
      '[data-testid="join-board-select"]',
      '[data-testid="join-button"]',
    ]);
    expect(joinTargets.length).toBeGreaterThanOrEqual(9);
    expect(tooSmall(joinTargets), 'touch targets under 44 px on the join screen').toEqual([]);

    await byTestId(phone, 'join-name-input').tap();
    await byTestId(phone, 'join-name-input').fill('Sylvie');
    await phone.locator('label.choice', { has: byTestId(phone, 'join-category-habitant') }).tap();
    expect(await byTestId(phone, 'join-category-habitant').isChecked()).toBe(true);
    await byTestId(phone, 'join-board-select').selectOption(board.id);
    await byTestId(phone, 'join-button').tap();

    await phone.waitForURL(`**/#/b/${board.id}`);
    await waitForBoardReady(phone);
    expect(await byTestId(phone, 'board-title').textContent()).toBe('Pépites et vigilances');
    await expectNoSidewaysScroll(phone);

    // Two taps: "+ Ajouter une note", then "Terminé" once the text is typed.
    await byTestId(phone, 'add-note-button').tap();
    await byTestId(phone, 'note-editor').waitFor();
    const editorTargets = await targetSizes(phone, [
      '[data-testid="note-editor-done"]',
      '[data-testid="note-editor-cancel"]',
      '[data-testid="note-editor-text"]',
      '[data-testid^="note-color-"]',
    ]);
    expect(editorTargets.length).toBe(9);
    expect(tooSmall(editorTargets), 'touch targets under 44 px in the note editor').toEqual([]);
    await phone.keyboard.type('La fête du pain attire tout le canton');
    await byTestId(phone, 'note-editor-done').tap();
    const note = notesWithText(phone, 'La fête du pain attire tout le canton');
    await note.waitFor();
    expect(await note.getAttribute('data-zone')).toBe('z1');
    await expectNoSidewaysScroll(phone);

    const boardTargets = await targetSizes(phone, [
      '[data-testid="add-note-button"]',
      '[data-testid="language-switch"]',
      '[data-testid="note"]',
    ]);
    expect(tooSmall(boardTargets), 'touch targets under 44 px on the board').toEqual([]);

    // Someone else follows the same board on a laptop.
    const otherContext = await newContext(suite.browser, baseUrl, LAPTOP);
    suite.contexts.push(otherContext);
    await joinedContext(baseUrl, otherContext, workshop.code, 'Marc', board.id);
    const other = await otherContext.newPage();
    await other.goto(`/#/b/${board.id}`);
    await waitForBoardReady(other);
    const noteId = await note.getAttribute('data-note-id');
    const seenByOther = other.locator(`[data-testid="note"][data-note-id="${noteId}"]`);
    await seenByOther.waitFor();
    expect(await seenByOther.getAttribute('data-zone')).toBe('z1');

    // Drag with a finger, to the right, into the second column ("Opportunités").
    await phone.waitForFunction(
      (id) => !document.querySelector(`[data-note-id="${id}"]`)?.classList.contains('is-pending'),
      noteId,
    );
    const start = await centerOf(note);
    const secondZone = await phone.locator('[data-testid="zone"][data-zone-id="z2"]').boundingBox();
    expect(secondZone!.x, 'the second column peeks in at the right of the screen').toBeLessThan(PHONE.viewport!.width);
    // To the right edge, where the board scrolls along under the finger, and let go there.
    await touchDrag(phoneContext, phone, start, { x: PHONE.viewport!.width - 12, y: start.y + 40 });

    await phone.locator(`[data-testid="zone"][data-zone-id="z2"] [data-note-id="${noteId}"]`).waitFor();
    expect(await note.getAttribute('data-zone')).toBe('z2');
    await other.locator(`[data-testid="zone"][data-zone-id="z2"] [data-note-id="${noteId}"]`).waitFor();
    expect(await seenByOther.getAttribute('data-zone')).toBe('z2');
    expect(await byTestId(phone, 'note-editor').isHidden(), 'a drag is not a tap').toBe(true);
    await expectNoSidewaysScroll(phone);

    // The server stores one note, in the new column.
    const stored = await suite.bridge.notes(created.animatorToken, board.id);
    expect(stored.map(({ text, zone, authorName }) => ({ text, zone, authorName }))).toEqual([
      { text: 'La fête du pain attire tout le canton', zone: 'z2', authorName: 'Sylvie' },
    ]);
  });
});
