import type { BrowserContext } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { useBrowserSuite } from './support/suite';
import { createWorkshop } from './support/api';
import { LAPTOP, newContext, PHONE } from './support/chromium';
import { byTestId, joinThroughUi } from './support/ui';

const baseUrl = inject('parvisUrl');

describe('closing joining by code', () => {
  const suite = useBrowserSuite();

  async function context(options = LAPTOP): Promise<BrowserContext> {
    const created = await newContext(suite.browser, baseUrl, options);
    suite.contexts.push(created);
    return created;
  }

  it('the animator closes it on the dashboard, a latecomer is told so, and gets in once it is open again', async () => {
    const { workshop, animatorToken } = await createWorkshop(baseUrl, {
      title: 'Atelier 3 — Le scénario',
      groups: [{ name: 'Plénière', template: 'free' }],
    });
    const animator = await (await context()).newPage();
    await animator.goto(`/#/a/${animatorToken}`);
    await byTestId(animator, 'joining-toggle').click();
    await animator.locator('[data-testid="joining-state"]', { hasText: 'Accès fermé' }).waitFor();

    const phone = await (await context(PHONE)).newPage();
    await phone.goto(`/#/j/${workshop.code}`);
    // The QR link looks the code up at once; the refusal is said on the code step.
    const error = byTestId(phone, 'join-code-error');
    await error.filter({ hasText: 'fermé l’accès' }).waitFor();
    expect(await byTestId(phone, 'join-name-input').count()).toBe(0);

    // Reloaded, the dashboard still knows joining is closed; the animator opens it again.
    await animator.reload();
    await animator.locator('[data-testid="joining-state"]', { hasText: 'Accès fermé' }).waitFor();
    await byTestId(animator, 'joining-toggle').click();
    await animator.locator('[data-testid="joining-state"]', { hasText: 'permet de rejoindre' }).waitFor();

    await phone.goto('about:blank');
    await joinThroughUi(phone, workshop.code, 'Léa');
    expect(phone.url()).toMatch(/#\/b\//);
  });
});
