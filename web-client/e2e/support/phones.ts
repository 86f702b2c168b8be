import type { BrowserContext, Page } from 'playwright-core';
import { joinedContext } from './api';
import { newContext, PHONE_740 } from './chromium';
import type { BrowserSuite } from './suite';
import { centerOf, touchTap } from './touch';
import { byTestId, notesWithText, waitForBoardReady, waitForNothingPending } from './ui';

export interface Phone {
  context: BrowserContext;
  page: Page;
}

/** A participant's 360×740 phone on a board, joined through the API; closed with the suite. */
export async function phoneOnBoard(suite: BrowserSuite, baseUrl: string, code: string, name: string, board: string): Promise<Phone> {
  const context = await newContext(suite.browser, baseUrl, PHONE_740);
  suite.contexts.push(context);
  await joinedContext(baseUrl, context, code, name, board);
  const page = await context.newPage();
  await page.goto(`/#/b/${board}`);
  await waitForBoardReady(page);
  return { context, page };
}

/** "+ Ajouter une note", the text, "Terminé": every press a finger's tap; done once the server has the note. */
export async function writeByTouch({ context, page }: Phone, text: string): Promise<void> {
  await touchTap(context, page, await centerOf(byTestId(page, 'add-note-button')));
  const editor = byTestId(page, 'note-editor');
  await editor.waitFor();
  await byTestId(editor, 'note-editor-text').fill(text);
  await touchTap(context, page, await centerOf(byTestId(editor, 'note-editor-done')));
  await editor.waitFor({ state: 'hidden' });
  await notesWithText(page, text).waitFor();
  await waitForNothingPending(page);
}
