import type { BrowserContext } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { createWorkshop, joinedContext } from './support/api';
import { describeViolations, runAxe, seriousOrCritical } from './support/axe';
import { LAPTOP, newContext, PHONE, PROJECTOR } from './support/chromium';
import { useBrowserSuite } from './support/suite';
import { addNote, byTestId, notesWithText, waitForBoardReady } from './support/ui';

const baseUrl = inject('parvisUrl');
const DAY = 24 * 3600 * 1000;

describe('revoking: removing someone, new code and plenary link, deleting the workshop', () => {
  const suite = useBrowserSuite();

  async function context(options = LAPTOP): Promise<BrowserContext> {
    const created = await newContext(suite.browser, baseUrl, options);
    suite.contexts.push(created);
    return created;
  }

  it('the animator removes a participant: the phone is told so at once, the note stays on the board', async () => {
    const { workshop, animatorToken } = await createWorkshop(baseUrl, {
      title: 'Atelier — Retrait',
      groups: [{ name: 'Mobilités', template: 'free' }],
    });
    const board = workshop.boards[0]!.id;
    const animator = await (await context()).newPage();
    await animator.goto(`/#/a/${animatorToken}`);
    await byTestId(animator, 'participants').filter({ hasText: 'Personne n’est arrivé' }).waitFor();
    expect(await byTestId(animator, 'retention-warning').count()).toBe(0);

    const phoneContext = await context(PHONE);
    await joinedContext(baseUrl, phoneContext, workshop.code, 'Troll', board);
    const phone = await phoneContext.newPage();
    await phone.goto(`/#/b/${board}`);
    await waitForBoardReady(phone);
    await addNote(phone, 'Une idée qui reste');

    const row = byTestId(animator, 'participant-row').filter({ hasText: 'Troll' });
    await byTestId(row, 'remove-participant').click();
    await byTestId(row, 'confirm-question').filter({ hasText: 'ses notes restent' }).waitFor();
    expect(await animator.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('confirm-yes');
    expect(seriousOrCritical(await runAxe(animator)), describeViolations('dashboard, removal asked', await runAxe(animator)))
      .toEqual([]);
    await byTestId(row, 'confirm-yes').click();

    await byTestId(phone, 'revoked-message').filter({ hasText: 'Vous avez été retiré de l’atelier par l’animation' }).waitFor();
    await row.waitFor({ state: 'detached' });
    await animator.goto(`/#/b/${board}`);
    await notesWithText(animator, 'Une idée qui reste').waitFor();
  });

  it('the lead animator replaces the code and the plenary link, then deletes the workshop in two steps', async () => {
    const { workshop, animatorToken, observerToken } = await createWorkshop(baseUrl, {
      title: 'Atelier — Sortie',
      groups: [{ name: 'Habitat', template: 'free' }],
    });
    const projector = await (await context(PROJECTOR)).newPage();
    await projector.goto(`/#/o/${observerToken}`);
    const animator = await (await context()).newPage();
    await animator.goto(`/#/a/${animatorToken}`);
    const code = byTestId(animator, 'animator-code');
    await code.filter({ hasText: workshop.code }).waitFor();

    await byTestId(animator, 'new-code').click();
    await animator.waitForFunction(
      (old) => document.querySelector('[data-testid="animator-code"]')?.textContent !== old,
      workshop.code,
    );
    const newCode = (await code.textContent())!;
    expect((await fetch(`${baseUrl}/api/join/${workshop.code}`)).status).toBe(404);
    expect((await fetch(`${baseUrl}/api/join/${newCode}`)).status).toBe(200);
    expect(await byTestId(animator, 'join-link').inputValue()).toContain(`/#/j/${newCode}`);

    await byTestId(animator, 'new-observer-link').click();
    await byTestId(projector, 'revoked-message').filter({ hasText: 'remplacé ce lien de plénière' }).waitFor();
    await animator.waitForFunction(
      (old) => !(document.querySelector('[data-testid="observer-link"]') as HTMLInputElement | null)?.value.includes(old),
      observerToken,
    );

    await byTestId(animator, 'delete-workshop').click();
    await byTestId(animator, 'confirm-question').filter({ hasText: '« Atelier — Sortie »' }).waitFor();
    await byTestId(animator, 'confirm-no').click();
    expect(await animator.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('delete-workshop');
    await byTestId(animator, 'delete-workshop').press('Enter');
    await animator.keyboard.press('Enter');
    await animator.waitForFunction(() => !location.hash.startsWith('#/a/'));
    await byTestId(animator, 'toast').filter({ hasText: 'L’atelier a été supprimé' }).waitFor();
    const session = await fetch(`${baseUrl}/api/session`, { headers: { Authorization: `Bearer ${animatorToken}` } });
    expect(session.status).toBe(401);
  });

  it('the dashboard warns, a week before, that an idle workshop will be deleted, with the date', async () => {
    const { animatorToken } = await createWorkshop(baseUrl, {
      title: 'Atelier — Oublié',
      groups: [{ name: 'Plénière', template: 'free' }],
    });
    const browserContext = await context();
    // The browser lives 85 days ahead: the workshop, idle since its creation, goes on day 90.
    await browserContext.clock.setFixedTime(Date.now() + 85 * DAY);
    const animator = await browserContext.newPage();
    await animator.goto(`/#/a/${animatorToken}`);
    const deletesOn = new Intl.DateTimeFormat('fr', { dateStyle: 'full' }).format(new Date(Date.now() + 90 * DAY));
    await byTestId(animator, 'retention-warning').filter({ hasText: deletesOn }).waitFor();
    expect(await byTestId(animator, 'retention-warning').textContent()).toContain('supprimé automatiquement');
  });
});
