import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createWorkshop } from './support/api';
import { newContext, PHONE } from './support/chromium';
import { startSlowProxy, type SlowProxy } from './support/slow-proxy';
import { useBrowserSuite } from './support/suite';
import { byTestId, waitForBoardReady } from './support/ui';

const baseUrl = inject('parvisUrl');

describe('joining a busy server', () => {
  const suite = useBrowserSuite();
  let proxy: SlowProxy;

  beforeAll(async () => {
    proxy = await startSlowProxy(baseUrl, 2_500);
  });
  afterAll(async () => {
    await proxy?.close();
  });

  it('says "Connexion en cours…" with each step done, then the phone ends on its board', async () => {
    const { workshop } = await createWorkshop(baseUrl, {
      title: 'Soirée de lancement',
      groups: [{ name: 'Mobilités', template: 'free' }],
    });
    const context = await newContext(suite.browser, proxy.url, PHONE);
    suite.contexts.push(context);
    const page = await context.newPage();
    await page.goto(`/#/j/${workshop.code}`);
    await byTestId(page, 'join-name-input').fill('Lucienne');
    await byTestId(page, 'join-button').click();

    // The join request is held back: the screen says what it is doing instead of freezing.
    const joining = byTestId(page, 'join-progress');
    await joining.waitFor();
    expect(await joining.getAttribute('role')).toBe('status');
    expect(await joining.textContent()).toContain('Connexion en cours…');
    expect(await byTestId(joining, 'join-progress-code').getAttribute('data-state')).toBe('done');
    expect(await byTestId(joining, 'join-progress-identity').textContent()).toBe('Votre identité\u00a0: en cours…');
    expect(await byTestId(joining, 'join-progress-board').getAttribute('data-state')).toBe('todo');

    // Then the board, whose first snapshot is held back too: identity done, the board under way.
    await page.waitForURL(/#\/b\//);
    const arriving = byTestId(page, 'join-progress');
    await arriving.waitFor();
    expect(await byTestId(arriving, 'join-progress-identity').getAttribute('data-state')).toBe('done');
    expect(await byTestId(arriving, 'join-progress-board').textContent()).toBe('Votre tableau\u00a0: en cours…');

    await waitForBoardReady(page);
    expect(await byTestId(page, 'join-progress').isVisible()).toBe(false);
    expect(await byTestId(page, 'board-title').textContent()).toBe('Mobilités');
  });
});
