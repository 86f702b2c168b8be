import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { useBrowserSuite } from './support/suite';
import { createWorkshop, joinedContext } from './support/api';
import { LAPTOP, newContext, TABLET } from './support/chromium';
import { byTestId, notesWithText, waitForBoardReady } from './support/ui';

const baseUrl = inject('parvisUrl');

describe('two participants on the same board', () => {
  const suite = useBrowserSuite(baseUrl);

  async function participantPage(code: string, name: string, board: string, options = LAPTOP): Promise<Page> {
    const context = await newContext(suite.browser, baseUrl, options);
    suite.contexts.push(context);
    await joinedContext(baseUrl, context, code, name, board);
    const page = await context.newPage();
    await page.goto(`/#/b/${board}`);
    await waitForBoardReady(page);
    return page;
  }

  it('converge: a note added by A appears for B, B edits and recolours it (a board where everyone edits), A sees both', async () => {
    const { workshop, animatorToken } = await createWorkshop(baseUrl, {
      title: 'Atelier convergence',
      groups: [{ name: 'Mobilités', template: 'free' }],
    });
    const board = workshop.boards[0]!.id;
    // B changes A's note: the animator lets everyone edit every note of this board.
    const configured = await suite.bridge.request<{ ok: boolean }>(animatorToken, {
      type: 'board.configure',
      id: `configure-${board}`,
      board,
      mode: 'open',
      anyoneEdits: true,
    });
    expect(configured.ok).toBe(true);
    const alice = await participantPage(workshop.code, 'Alice', board);
    const bruno = await participantPage(workshop.code, 'Bruno', board, TABLET);

    // A: "+ Ajouter une note" opens the editor; the note exists once "Terminé" is pressed.
    await byTestId(alice, 'add-note-button').click();
    await byTestId(alice, 'note-editor').waitFor();
    await byTestId(alice, 'note-editor-text').fill('Un minibus le samedi matin');
    expect(await alice.locator('[data-testid="note"]').count()).toBe(0);
    await byTestId(alice, 'note-editor-done').click();
    const onAlice = notesWithText(alice, 'Un minibus le samedi matin');
    await onAlice.waitFor();

    // B sees it appear, with its text and its author.
    const onBruno = notesWithText(bruno, 'Un minibus le samedi matin');
    await onBruno.waitFor();
    await expect(onBruno.textContent()).resolves.toContain('Alice');
    const noteId = await onBruno.getAttribute('data-note-id');
    expect(noteId).toBe(await onAlice.getAttribute('data-note-id'));
    expect(await byTestId(bruno, 'empty-board').isHidden()).toBe(true);

    // B taps it, rewrites it: A sees the new text in the same note.
    await onBruno.click();
    await byTestId(bruno, 'note-editor').waitFor();
    await byTestId(bruno, 'note-editor-text').fill('Un minibus le samedi matin et le mardi');
    await byTestId(bruno, 'note-editor-done').click();
    const edited = alice.locator(`[data-testid="note"][data-note-id="${noteId}"]`);
    await notesWithText(alice, 'Un minibus le samedi matin et le mardi').waitFor();
    await expect(edited.locator('[data-testid="note-text"]').textContent()).resolves.toBe(
      'Un minibus le samedi matin et le mardi',
    );

    // B recolours it (colours apply at once): A sees the colour.
    expect(await edited.getAttribute('data-color')).toBe('yellow');
    await bruno.locator(`[data-testid="note"][data-note-id="${noteId}"]`).click();
    await byTestId(bruno, 'note-color-green').click();
    await byTestId(bruno, 'note-editor-done').click();
    await alice.locator(`[data-testid="note"][data-note-id="${noteId}"][data-color="green"]`).waitFor();

    // Both pages hold exactly one note, the same.
    expect(await alice.locator('[data-testid="note"]').count()).toBe(1);
    expect(await bruno.locator('[data-testid="note"]').count()).toBe(1);
  });
});
