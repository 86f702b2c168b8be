import type { BrowserContext } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { useBrowserSuite } from './support/suite';
import { createWorkshop, joinedContext } from './support/api';
import { LAPTOP, newContext, PROJECTOR } from './support/chromium';
import { addNote, byTestId, notesWithText, waitForBoardReady } from './support/ui';

const baseUrl = inject('parvisUrl');

describe('the plenary screen', () => {
  const suite = useBrowserSuite();

  async function context(options = LAPTOP): Promise<BrowserContext> {
    const created = await newContext(suite.browser, baseUrl, options);
    suite.contexts.push(created);
    return created;
  }

  it('follows the animator: shows the board pushed to it, the join code, and notes as they are added', async () => {
    const { workshop, animatorToken, observerToken } = await createWorkshop(baseUrl, {
      title: 'Atelier 2 — Tendances',
      groups: [
        { name: 'Habitat', template: 'tendances' },
        { name: 'Mobilités', template: 'free' },
      ],
    });
    const [habitat, mobilites] = workshop.boards;

    // The projector shows the plenary page before anything is pushed: it waits, with the code.
    const plenary = await (await context(PROJECTOR)).newPage();
    await plenary.goto(`/#/o/${observerToken}`);
    await byTestId(plenary, 'plenary-code').waitFor();
    expect(await byTestId(plenary, 'plenary-code').textContent()).toBe(workshop.code);
    expect(await byTestId(plenary, 'plenary-title').textContent()).toBe('Atelier 2 — Tendances');
    await byTestId(plenary, 'plenary-empty').waitFor();
    expect(await byTestId(plenary, 'plenary-board').count()).toBe(0);
    // The QR code is drawn once its module (loaded on demand) arrives.
    await byTestId(plenary, 'plenary-qr').locator('svg').waitFor();

    // The animator ticks "Mobilités" and pushes.
    const animator = await (await context()).newPage();
    await animator.goto(`/#/a/${animatorToken}`);
    await byTestId(animator, 'animator-title').waitFor();
    expect(await byTestId(animator, 'animator-code').textContent()).toBe(workshop.code);
    const checkbox = animator.locator(`[data-testid="plenary-checkbox"][data-board-id="${mobilites!.id}"]`);
    await checkbox.check();
    await byTestId(animator, 'plenary-push').click();
    await animator.locator('[data-testid="plenary-current"]', { hasText: 'Mobilités' }).waitFor();

    // The plenary shows that board, and only that one.
    const shown = plenary.locator(`[data-testid="plenary-board"][data-board-id="${mobilites!.id}"]`);
    await shown.waitFor();
    await byTestId(plenary, 'plenary-empty').waitFor({ state: 'hidden' });
    expect(await byTestId(plenary, 'plenary-board').count()).toBe(1);
    expect(await shown.locator('h2').first().textContent()).toBe('Mobilités');

    // A participant of that group adds a note: the plenary shows it live, without a reload.
    const phoneContext = await context();
    await joinedContext(baseUrl, phoneContext, workshop.code, 'Jeanne', mobilites!.id);
    const participant = await phoneContext.newPage();
    await participant.goto(`/#/b/${mobilites!.id}`);
    await waitForBoardReady(participant);
    await addNote(participant, 'Un covoiturage organisé depuis la mairie');
    const onPlenary = shown.locator('[data-testid="note"]', { hasText: 'Un covoiturage organisé depuis la mairie' });
    await onPlenary.waitFor();
    await expect(onPlenary.textContent()).resolves.toContain('Jeanne');
    // Read-only: the plenary's notes are not buttons.
    expect(await onPlenary.getAttribute('role')).toBeNull();

    // The animator switches to "Habitat": the plenary follows.
    await checkbox.uncheck();
    await animator.locator(`[data-testid="plenary-checkbox"][data-board-id="${habitat!.id}"]`).check();
    await byTestId(animator, 'plenary-push').click();
    await plenary.locator(`[data-testid="plenary-board"][data-board-id="${habitat!.id}"]`).waitFor();
    await shown.waitFor({ state: 'detached' });
    expect(await notesWithText(plenary, 'Un covoiturage organisé depuis la mairie').count()).toBe(0);
  });
});
