import type { BrowserContext } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { useBrowserSuite } from './support/suite';
import { createWorkshop } from './support/api';
import { LAPTOP, newContext, PHONE } from './support/chromium';
import { byTestId } from './support/ui';

const baseUrl = inject('parvisUrl');

describe('the animation team', () => {
  const suite = useBrowserSuite();

  async function context(options = LAPTOP): Promise<BrowserContext> {
    const created = await newContext(suite.browser, baseUrl, options);
    suite.contexts.push(created);
    return created;
  }

  it('lets the lead animator invite an animator for a group, whose own link opens a dashboard in their name', async () => {
    const { workshop, animatorToken } = await createWorkshop(baseUrl, {
      title: 'Atelier 3 — Le scénario',
      groups: [
        { name: 'Habitat', template: 'free' },
        { name: 'Mobilités', template: 'free' },
      ],
    });
    const mobilites = workshop.boards[1]!;

    const lead = await (await context()).newPage();
    await lead.goto(`/#/a/${animatorToken}`);
    await byTestId(lead, 'animator-team').waitFor();
    // The animator's own link is in the team section, not beside the join code the room sees.
    expect(await lead.locator('.share [data-testid="animator-link"]').count()).toBe(0);
    expect(await byTestId(lead, 'animator-team').locator('[data-testid="animator-link"]').inputValue()).toContain(
      `/#/a/${animatorToken}`,
    );

    await byTestId(lead, 'invite-name').fill('Bernard');
    await byTestId(lead, 'invite-group').selectOption(mobilites.id);
    await byTestId(lead, 'invite-submit').click();
    const invitedLink = byTestId(lead, 'invited-animators').locator('input');
    await invitedLink.waitFor();
    const link = await invitedLink.inputValue();
    expect(link).toMatch(/\/#\/a\/[A-Za-z0-9_-]{22}$/);
    expect(link).not.toContain(animatorToken);
    expect(await byTestId(lead, 'invited-animators').textContent()).toContain('Lien de Bernard');
    expect(await byTestId(lead, 'invite-name').inputValue()).toBe('');

    const bernard = await (await context(PHONE)).newPage();
    await bernard.goto(link);
    await byTestId(bernard, 'animator-title').waitFor();
    expect(await byTestId(lead, 'animator-self').textContent()).toBe('Vous animez sous le nom « Animation ».');
    await byTestId(bernard, 'animator-self').getByText('Vous animez sous le nom « Bernard ».').waitFor();
    // Only the lead invites.
    expect(await byTestId(bernard, 'invite-form').count()).toBe(0);
    expect(await byTestId(bernard, 'animator-link').inputValue()).toBe(link);
  });
});
