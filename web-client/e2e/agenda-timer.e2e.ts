import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { createWorkshop, joinedContext } from './support/api';
import { describeViolations, runAxe, seriousOrCritical } from './support/axe';
import { newContext, PHONE_740, PROJECTOR, TABLET } from './support/chromium';
import { useBrowserSuite } from './support/suite';
import { addNote, byTestId, waitForBoardReady } from './support/ui';
import { eventually } from './support/wait';

const baseUrl = inject('parvisUrl');
const SCREENSHOTS = join(dirname(fileURLToPath(import.meta.url)), '../../docs/screenshots');
/** The phone's clock runs this far ahead of the server's: the banner must not show it. */
const PHONE_SKEW_MS = 90_000;

/** Seconds left as a banner shows them (`9:58`), or null when it shows no timer. */
async function shownSeconds(page: Page): Promise<number | null> {
  const text = await byTestId(page, 'agenda-remaining').textContent();
  const match = /^(\d+):(\d\d)$/.exec(text ?? '');
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

/** The three screens read within a few milliseconds of each other. */
async function secondsOnEach(pages: Page[]): Promise<number[]> {
  const read = await Promise.all(pages.map(shownSeconds));
  return read.map((seconds) => seconds ?? -1);
}

describe('the agenda and the timer', () => {
  const suite = useBrowserSuite();

  async function context(options: BrowserContextOptions): Promise<BrowserContext> {
    const created = await newContext(suite.browser, baseUrl, options);
    suite.contexts.push(created);
    return created;
  }

  beforeAll(() => mkdirSync(SCREENSHOTS, { recursive: true }));

  it('an animator on a tablet moves through the sequences and runs the timer; the phone and the projector show the banner and the same second', async () => {
    const { workshop, animatorToken, observerToken } = await createWorkshop(baseUrl, {
      title: 'Atelier 2 — Tendances',
      groups: [
        { name: 'Habitat', template: 'tendances' },
        { name: 'Mobilités', template: 'free' },
      ],
    });
    const habitat = workshop.boards[0]!.id;

    const animator = await (await context(TABLET)).newPage();
    await animator.goto(`/#/a/${animatorToken}`);
    await byTestId(animator, 'agenda-details').locator('summary').click();
    await byTestId(animator, 'agenda-template').click();
    expect(await byTestId(animator, 'sequence-row').count()).toBe(6);
    await byTestId(animator, 'sequence-minutes').nth(1).fill('40');
    await byTestId(animator, 'agenda-save').click();
    await byTestId(animator, 'sequence-next').getByText('Commencer : Accueil et rappel de l’atelier précédent').waitFor();

    const phoneContext = await context(PHONE_740);
    await joinedContext(baseUrl, phoneContext, workshop.code, 'Sylvie', habitat);
    // A phone whose clock is a minute and a half fast, as happens.
    await phoneContext.addInitScript((skew: number) => {
      const realNow = Date.now.bind(Date);
      Date.now = () => realNow() + skew;
    }, PHONE_SKEW_MS);
    const phone = await phoneContext.newPage();
    await phone.goto(`/#/b/${habitat}`);
    await waitForBoardReady(phone);
    const projector = await (await context(PROJECTOR)).newPage();
    await projector.goto(`/#/o/${observerToken}`);

    await byTestId(phone, 'agenda-sequence').getByText('L’atelier n’a pas encore commencé').waitFor();
    await byTestId(animator, 'sequence-next').click();
    await byTestId(phone, 'agenda-sequence').getByText('Accueil et rappel de l’atelier précédent').waitFor();
    await byTestId(animator, 'sequence-next').getByText('Séquence suivante : Travail en sous-groupes').click();
    for (const page of [phone, projector, animator]) {
      await byTestId(page, 'agenda-sequence').getByText('Travail en sous-groupes').waitFor();
      expect(await byTestId(page, 'agenda-step').textContent()).toBe('Séquence 2/6 · Sous-groupes');
    }
    expect(await byTestId(animator, 'sequence-row').nth(1).getAttribute('data-current')).toBe('true');

    // The planned 40 minutes of the sequence are offered; the animator starts the workshop's timer.
    expect(await byTestId(animator, 'timer-minutes').inputValue()).toBe('40');
    await byTestId(animator, 'timer-minutes').fill('10');
    await byTestId(animator, 'timer-start').click();
    const screens = [animator, phone, projector];
    await eventually(() => secondsOnEach(screens), (all) => all.every((seconds) => seconds > 590 && seconds <= 600), {
      what: 'the timer on every screen',
    });
    for (let sample = 0; sample < 5; sample++) {
      const [onTablet, onPhone, onProjector] = await secondsOnEach(screens);
      expect(Math.abs(onPhone! - onProjector!), `phone ${onPhone} vs projector ${onProjector}`).toBeLessThanOrEqual(1);
      expect(Math.abs(onTablet! - onProjector!), `tablet ${onTablet} vs projector ${onProjector}`).toBeLessThanOrEqual(1);
      await phone.waitForTimeout(300);
    }

    await byTestId(animator, 'timer-pause').click();
    await byTestId(phone, 'agenda-timer-state').getByText('En pause').waitFor();
    const paused = await shownSeconds(phone);
    await phone.waitForTimeout(1_500);
    expect(await shownSeconds(phone)).toBe(paused);
    expect(await shownSeconds(projector)).toBe(paused);

    await byTestId(animator, 'timer-pause').getByText('Reprendre').click();
    await byTestId(animator, 'timer-plus').click();
    await eventually(() => shownSeconds(phone), (seconds) => seconds !== null && seconds > paused! + 55, {
      what: 'a minute more on the phone',
    });
    await byTestId(animator, 'timer-minus').click();
    await byTestId(animator, 'timer-minus').click();
    const [afterTablet, afterPhone, afterProjector] = await eventually(
      () => secondsOnEach(screens),
      (all) => all.every((seconds) => seconds > 0 && seconds < paused! - 55),
      { what: 'a minute less on every screen' },
    );
    expect(Math.abs(afterPhone! - afterProjector!)).toBeLessThanOrEqual(1);
    expect(Math.abs(afterTablet! - afterProjector!)).toBeLessThanOrEqual(1);
    // The projector's banner is legible from the back of the room.
    const digits = await byTestId(projector, 'agenda-remaining').evaluate((element) => parseFloat(getComputedStyle(element).fontSize));
    expect(digits).toBeGreaterThanOrEqual(60);

    await animator.evaluate(() => window.scrollTo(0, 0));
    await animator.screenshot({ path: join(SCREENSHOTS, 'animator-agenda-tablet.png'), animations: 'disabled', caret: 'hide', scale: 'css' });

    await addNote(phone, 'Le bus du mardi ne passe plus');
    await phone.screenshot({ path: join(SCREENSHOTS, 'agenda-phone.png'), animations: 'disabled', caret: 'hide', scale: 'css' });
    for (const [where, page] of [['animator console', animator], ['phone board', phone]] as const) {
      const violations = seriousOrCritical(await runAxe(page));
      expect(violations, describeViolations(where, violations)).toEqual([]);
    }
  });

  it('at zero a freezing timer closes the participants\' input with a clear message, until the animator reopens it', async () => {
    const { workshop, animatorToken } = await createWorkshop(baseUrl, {
      title: 'Atelier 3 — Le scénario',
      groups: [{ name: 'Habitat', template: 'free' }],
    });
    const habitat = workshop.boards[0]!.id;
    const animator = await (await context(TABLET)).newPage();
    await animator.goto(`/#/a/${animatorToken}`);
    await byTestId(animator, 'timer-start').waitFor();
    const phoneContext = await context(PHONE_740);
    await joinedContext(baseUrl, phoneContext, workshop.code, 'Sylvie', habitat);
    const phone = await phoneContext.newPage();
    await phone.goto(`/#/b/${habitat}`);
    await waitForBoardReady(phone);

    // One minute, then one taken off: zero at once.
    await byTestId(animator, 'timer-minutes').fill('1');
    await byTestId(animator, 'timer-freeze').check();
    await byTestId(animator, 'timer-start').click();
    await byTestId(animator, 'timer-minus').click();
    await byTestId(phone, 'agenda-frozen').waitFor();
    expect(await byTestId(phone, 'agenda-timer').getAttribute('data-state')).toBe('zero');
    expect(await byTestId(phone, 'agenda-timer-state').textContent()).toBe('Temps écoulé');

    expect(await byTestId(phone, 'add-note-button').isDisabled()).toBe(true);

    await byTestId(animator, 'timer-stop').getByText('Rouvrir la saisie').click();
    await eventually(() => byTestId(phone, 'agenda-frozen').isHidden(), Boolean, { what: 'input reopened' });
    expect(await byTestId(phone, 'add-note-button').isDisabled()).toBe(false);
  });
});
