import type { Locator, Page } from 'playwright-core';

export const byTestId = (page: Page | Locator, testid: string): Locator => page.locator(`[data-testid="${testid}"]`);

/** The note cards whose text is exactly `text` (several if a note was doubled, which must not happen). */
export function notesWithText(page: Page, text: string): Locator {
  return page.locator('[data-testid="note"]').filter({
    has: page.locator('[data-testid="note-text"]', { hasText: new RegExp(`^${escapeRegExp(text)}$`) }),
  });
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The board is usable: notes loaded, connected, the add button enabled. */
export async function waitForBoardReady(page: Page): Promise<void> {
  await page.locator('[data-testid="status-banner"][data-status="connected"]').waitFor();
  await page.locator('[data-testid="board-loading"]').waitFor({ state: 'hidden' });
  await page.locator('[data-testid="add-note-button"]:enabled').waitFor();
}

/** "+ Ajouter une note", type, optionally a colour, "Terminé": the note is created then. */
export async function addNote(page: Page, text: string, options: { color?: string } = {}): Promise<Locator> {
  await byTestId(page, 'add-note-button').click();
  const editor = byTestId(page, 'note-editor');
  await editor.waitFor();
  await byTestId(editor, 'note-editor-text').fill(text);
  if (options.color) await byTestId(editor, `note-color-${options.color}`).click();
  await byTestId(editor, 'note-editor-done').click();
  await editor.waitFor({ state: 'hidden' });
  const note = notesWithText(page, text);
  await note.waitFor();
  return note;
}

/** Waits until no note of the page is still waiting for the server. */
export async function waitForNothingPending(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="note"].is-pending').length === 0);
}

/** The join screen from the QR link `#/j/CODE`: name, category, group (when there are several), join. */
export async function joinThroughUi(
  page: Page,
  code: string,
  name: string,
  options: { category?: 'elu' | 'acteur' | 'habitant' | 'autre'; board?: string } = {},
): Promise<void> {
  await page.goto(`/#/j/${code}`);
  await byTestId(page, 'join-name-input').waitFor();
  await byTestId(page, 'join-name-input').fill(name);
  if (options.category) await byTestId(page, `join-category-${options.category}`).check();
  if (options.board && (await byTestId(page, 'join-board-select').isVisible())) {
    await byTestId(page, 'join-board-select').selectOption(options.board);
  }
  await byTestId(page, 'join-button').click();
  await page.waitForURL(/#\/b\//);
  await waitForBoardReady(page);
}
