import { describe, expect, inject, it } from 'vitest';
import { createWorkshop, joinedContext } from './support/api';
import { newContext, PHONE } from './support/chromium';
import { useBrowserSuite } from './support/suite';
import { byTestId, waitForBoardReady } from './support/ui';
import { eventually } from './support/wait';

const baseUrl = inject('parvisUrl');
const LONG = 'Un texte collé depuis un courriel, bien trop long pour une note. '.repeat(11).slice(0, 708);

describe('limits that say so (360×640 phone)', () => {
  const suite = useBrowserSuite(baseUrl);

  it('a counter from the start, a cut paste says how much, an empty note says why, a long note is folded', async () => {
    const created = await createWorkshop(baseUrl, { title: 'Limites', groups: [{ name: 'Vie locale', template: 'free' }] });
    const board = created.workshop.boards[0]!.id;
    const context = await newContext(suite.browser, baseUrl, PHONE);
    suite.contexts.push(context);
    await joinedContext(baseUrl, context, created.workshop.code, 'Sylvie', board);
    const phone = await context.newPage();
    await phone.goto(`/#/b/${board}`);
    await waitForBoardReady(phone);

    const editor = byTestId(phone, 'note-editor');
    await byTestId(phone, 'add-note-button').tap();
    await editor.waitFor();
    expect(await phone.locator('#note-editor-text-counter').textContent()).toBe('0 / 500 caractères');

    // "Terminé" on an empty note: it stays open and says why.
    await byTestId(editor, 'note-editor-done').tap();
    expect(await byTestId(editor, 'note-editor-error').textContent()).toContain('Une note vide ne peut pas être enregistrée');
    expect(await editor.isVisible()).toBe(true);

    // 708 characters pasted after "Début " and before " fin": what was there stays, the paste is cut, and it says so.
    await phone.keyboard.type('Début  fin');
    await phone.keyboard.press('ArrowLeft');
    await phone.keyboard.press('ArrowLeft');
    await phone.keyboard.press('ArrowLeft');
    await phone.keyboard.press('ArrowLeft');
    await phone.keyboard.insertText(LONG);
    const text = await byTestId(editor, 'note-editor-text').inputValue();
    expect([...text].length).toBe(500);
    expect(text.startsWith(`Début ${LONG.slice(0, 20)}`)).toBe(true);
    expect(text.endsWith(' fin')).toBe(true);
    const cut = 708 + 'Début  fin'.length - 500;
    expect(await phone.locator('[data-testid="note-editor-text-cut"]').textContent()).toBe(`${cut} caractères coupés : 500 au plus.`);
    expect(await phone.locator('#note-editor-text-counter').textContent()).toBe('500 / 500 caractères');
    await byTestId(editor, 'note-editor-done').tap();
    await editor.waitFor({ state: 'hidden' });
    const stored = await eventually(
      async () => (await suite.bridge.notes(created.animatorToken, board))[0],
      (note) => note !== undefined,
      { what: 'the long note stored' },
    );
    expect([...stored!.text].length).toBe(500);

    // On the board the 500 characters are folded, with "voir plus"; the text is whole in the page.
    const note = phone.locator('[data-testid="note"]').first();
    await byTestId(note, 'note-more').waitFor();
    const box = await note.boundingBox();
    console.log(`a 500-character note on a 360 px phone: ${Math.round(box!.height)} px tall, folded`);
    expect(box!.height).toBeLessThan(220);
    expect(await byTestId(note, 'note-text').textContent()).toBe(stored!.text);
  });

  it('a name past 40 characters is cut with a word, and the counter shows near the limit', async () => {
    const created = await createWorkshop(baseUrl, { title: 'Noms', groups: [{ name: 'Vie locale', template: 'free' }] });
    const context = await newContext(suite.browser, baseUrl, PHONE);
    suite.contexts.push(context);
    const phone = await context.newPage();
    await phone.goto(`/#/j/${created.workshop.code}`);
    await byTestId(phone, 'join-name-input').waitFor();
    expect(await phone.locator('#join-name-counter').textContent()).toBe('');
    await byTestId(phone, 'join-name-input').tap();
    await phone.keyboard.insertText('Marie-Françoise de la Tour du Pin-Montauban');
    expect(await byTestId(phone, 'join-name-input').inputValue()).toHaveLength(40);
    expect(await phone.locator('[data-testid="join-name-cut"]').textContent()).toBe('3 caractères coupés : 40 au plus.');
    expect(await phone.locator('#join-name-counter').textContent()).toBe('40 / 40 caractères');
  });
});
