import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import type { Category } from '../src/protocol/messages';
import { randomId } from '../src/protocol/ids';
import { createWorkshop, joinWorkshop, rememberParticipant } from './support/api';
import { describeViolations, runAxe, seriousOrCritical } from './support/axe';
import { LAPTOP, newContext, PHONE_740, PROJECTOR } from './support/chromium';
import { seedNotes } from './support/seed';
import { fontSizes, screenshot } from './support/screens';
import { useBrowserSuite } from './support/suite';
import { centerOf, pageOverflowX, targetSizes, touchTap } from './support/touch';
import { byTestId } from './support/ui';
import { eventually } from './support/wait';

const baseUrl = inject('parvisUrl');

/** Where each phone places the territory on the four scales ("unknown": "je ne sais pas"). */
const ANSWERS: Record<string, string[]> = {
  Sylvie: ['2', '3', '5', 'unknown'],
  Marc: ['3', '3', '6', '2'],
  Inès: ['5', '2', '6', '3'],
};

describe('atelier 1: the barometer of social vitality', () => {
  const suite = useBrowserSuite(baseUrl);

  /** The animator's laptop, signed in by its link, then on the barometer board. */
  async function animatorOnBoard(animatorToken: string, board: string): Promise<Page> {
    const context = await newContext(suite.browser, baseUrl, LAPTOP);
    suite.contexts.push(context);
    const animator = await context.newPage();
    await animator.goto(`/#/a/${animatorToken}`);
    await byTestId(animator, 'animator-title').waitFor();
    await animator.goto(`/#/b/${board}`);
    return animator;
  }

  it('three phones answer by touch, the projector shows the distribution and median, the split appears once closed', async () => {
    const { workshop, animatorToken, observerToken } = await createWorkshop(baseUrl, {
      title: 'Atelier 1 — Baromètre de la vitalité sociale',
      groups: [{ name: 'Baromètre', template: 'barometre' }],
    });
    const board = workshop.boards[0]!.id;
    const plenaryShown = await suite.bridge.request<{ ok: boolean }>(animatorToken, {
      type: 'plenary.show',
      id: randomId(),
      boards: [board],
    });
    expect(plenaryShown.ok).toBe(true);

    const projectorContext = await newContext(suite.browser, baseUrl, PROJECTOR);
    suite.contexts.push(projectorContext);
    const projector = await projectorContext.newPage();
    await projector.goto(`/#/o/${observerToken}`);
    const scales = projector.locator(`[data-testid="plenary-board"][data-board-id="${board}"] [data-testid="barometer-scale"]`);
    await scales.first().waitFor();
    expect(await scales.count()).toBe(4);
    expect(await scales.first().textContent()).toContain('Rendez-vous');

    // An elected official answers through the bridge: one answer of that category, never shown apart.
    const elu = await joinWorkshop(baseUrl, workshop.code, 'Bernard', { board, category: 'elu' as Category });
    await suite.bridge.request(elu.token, { type: 'barometer.answer', id: randomId(), board, indicator: 0, value: '1' });
    // The images the room associates with the poles: notes in each pole's zone, beside its scale.
    await seedNotes(suite.bridge, elu.token, board, [
      { text: 'Le marché du jeudi, où tout le monde se croise', zone: 'z1', color: 'yellow' },
      { text: 'Le bus ne passe plus le samedi', zone: 'z2', color: 'pink' },
      { text: 'La banque alimentaire tenue par des bénévoles', zone: 'z5', color: 'green' },
      { text: 'Un café associatif ouvert par des jeunes', zone: 'z7', color: 'blue' },
    ]);
    const sociability = scales.nth(0);
    await byTestId(sociability, 'barometer-pole-note').nth(1).waitFor();
    expect(await sociability.locator('[data-pole="low"] [data-testid="barometer-pole-note"]').allTextContents()).toEqual([
      'Le marché du jeudi, où tout le monde se croise',
    ]);
    expect(await sociability.locator('[data-pole="high"] [data-testid="barometer-pole-note"]').allTextContents()).toEqual([
      'Le bus ne passe plus le samedi',
    ]);
    expect(await byTestId(scales.nth(2), 'barometer-pole-notes').first().getAttribute('aria-label')).toBe(
      'Images associées à « Solidarités interactives »',
    );
    expect(await byTestId(scales.nth(3), 'barometer-pole-note').allTextContents()).toEqual(['Un café associatif ouvert par des jeunes']);

    // A photo note in a pole's zone is that pole's image: shown with its text beside the scale.
    const jpeg = await projector.evaluate(async () => {
      const canvas = document.createElement('canvas');
      canvas.width = 320;
      canvas.height = 240;
      const paint = canvas.getContext('2d')!;
      paint.fillStyle = '#2f7d4f';
      paint.fillRect(0, 0, 320, 240);
      const blob = await new Promise<Blob>((resolve) => canvas.toBlob((made) => resolve(made!), 'image/jpeg', 0.9));
      return Array.from(new Uint8Array(await blob.arrayBuffer()));
    });
    const uploaded = await fetch(`${baseUrl}/api/photos`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${elu.token}`, 'Content-Type': 'image/jpeg' },
      body: new Uint8Array(jpeg),
    });
    expect(uploaded.status).toBe(201);
    const { photo } = (await uploaded.json()) as { photo: string };
    const withPhoto = await suite.bridge.request<{ ok: boolean }>(elu.token, {
      type: 'note.create',
      id: randomId(),
      board,
      note: { id: randomId(), text: 'La place du village un jour de fête', color: 'yellow', zone: 'z3', x: 12, y: 12, photo },
    });
    expect(withPhoto.ok).toBe(true);
    const poleImage = scales.nth(1).locator('[data-pole="low"] [data-testid="barometer-pole-note"] img[data-testid="note-photo"]');
    await poleImage.waitFor();
    await expect.poll(() => poleImage.evaluate((image) => (image as HTMLImageElement).naturalWidth)).toBe(320);
    expect(await scales.nth(1).locator('[data-pole="low"] [data-testid="barometer-pole-note"]').allTextContents()).toEqual([
      'La place du village un jour de fête',
    ]);

    const phones: Page[] = [];
    for (const [name, answers] of Object.entries(ANSWERS)) {
      const context = await newContext(suite.browser, baseUrl, PHONE_740);
      suite.contexts.push(context);
      const joined = await joinWorkshop(baseUrl, workshop.code, name, { board, category: 'habitant' });
      await rememberParticipant(context, joined, board);
      const phone = await context.newPage();
      phones.push(phone);
      await phone.goto(`/#/b/${board}`);
      await byTestId(phone, 'barometer-panel').waitFor();
      for (const [indicator, value] of answers.entries()) {
        const radio = byTestId(phone, `barometer-answer-${indicator}-${value}`);
        // The label around the radio is the target: a finger lands on it, not on the hidden input.
        const target = radio.locator('xpath=..');
        await target.scrollIntoViewIfNeeded();
        await touchTap(context, phone, await centerOf(target));
        await eventually(() => radio.isChecked(), (checked) => checked);
      }
      // One-handed on a 360 px phone: 48 px targets, nothing wider than the screen.
      const sizes = await targetSizes(phone, ['.barometer-step', '.barometer-unknown']);
      expect(sizes.length).toBe(4 * 8);
      for (const size of sizes) expect(Math.min(size.width, size.height), size.name).toBeGreaterThanOrEqual(44);
      for (const size of sizes) expect(size.height, size.name).toBeGreaterThanOrEqual(48);
      const overflow = await pageOverflowX(phone);
      expect(overflow.scrollWidth).toBeLessThanOrEqual(overflow.innerWidth);
    }

    // Sylvie changes her mind on the first scale before the close: 2 becomes 4.
    const sylvie = phones[0]!;
    const moved = byTestId(sylvie, 'barometer-answer-0-4');
    await moved.locator('xpath=..').scrollIntoViewIfNeeded();
    await touchTap(sylvie.context(), sylvie, await centerOf(moved.locator('xpath=..')));
    await eventually(() => moved.isChecked(), (checked) => checked);

    // Inès, with a keyboard: the radios of a scale are one group, the arrows move the cursor.
    const ines = phones[2]!;
    await byTestId(ines, 'barometer-answer-2-6').focus();
    await ines.keyboard.press('ArrowLeft');
    await eventually(() => byTestId(ines, 'barometer-answer-2-5').isChecked(), (checked) => checked);
    await eventually(() => scales.nth(2).locator('[data-testid="barometer-summary"]').first().textContent(), (text) =>
      text === 'Médiane : 5 · 3 réponses',
    );
    // Its accessible name says the step and, at either end, the pole.
    expect(await byTestId(ines, 'barometer-answer-0-1').getAttribute('aria-label')).toBe('1, Rendez-vous');
    expect(await byTestId(ines, 'barometer-answer-0-7').getAttribute('aria-label')).toBe('7, Isolement');
    const onPhone = seriousOrCritical(await runAxe(ines));
    expect(onPhone, describeViolations('barometer on a phone', onPhone)).toEqual([]);

    // First scale: Bernard 1, Sylvie 4, Marc 3, Inès 5 → median 3.5 of four answers.
    const first = scales.nth(0);
    await eventually(() => first.locator('[data-testid="barometer-summary"]').first().textContent(), (text) =>
      text === 'Médiane : 3,5 · 4 réponses',
    );
    const counts = await first.locator('.barometer-count').allTextContents();
    expect(counts.slice(0, 7)).toEqual(['1', '', '1', '1', '1', '', '']);
    // Fourth scale: Sylvie said "je ne sais pas": counted, not placed.
    await eventually(() => scales.nth(3).locator('[data-testid="barometer-summary"]').first().textContent(), (text) =>
      text === 'Médiane : 2,5 · 3 réponses · Je ne sais pas : 1',
    );
    expect(await first.locator('[data-testid="barometer-median"]').first().getAttribute('data-median')).toBe('3.5');
    expect(await byTestId(projector, 'barometer-split').count()).toBe(0);
    // Legible from the back of the room: every label of the barometer at 28 px or more.
    const sizes = await fontSizes(
      projector,
      '.plenary-barometer .barometer-scale-title, .plenary-barometer .barometer-pole, .plenary-barometer .barometer-count, .plenary-barometer .barometer-summary, .plenary-barometer .barometer-pole-note',
    );
    expect(sizes.length).toBeGreaterThan(4 * 4);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(28);
    // A phone sees the distribution and its own answers, never whose the others are.
    await eventually(() => byTestId(sylvie, 'barometer-summary').first().textContent(), (text) => text === 'Médiane : 3,5 · 4 réponses');
    await screenshot(sylvie, 'barometer-phone.png');

    // The animator closes the barometer from the board.
    const animator = await animatorOnBoard(animatorToken, board);
    await byTestId(animator, 'barometer-close').click();
    await byTestId(animator, 'barometer-closed').waitFor();

    // The projector: the split by category, habitants only (three answers); one élu is not a category.
    await byTestId(projector, 'barometer-closed').waitFor();
    await eventually(() => byTestId(projector, 'barometer-split-row').count(), (count) => count === 4);
    const rows = byTestId(scales.nth(0), 'barometer-split-row');
    expect(await rows.count()).toBe(1);
    expect(await rows.first().getAttribute('data-category')).toBe('habitant');
    expect(await rows.first().locator('[data-testid="barometer-summary"]').textContent()).toBe('Médiane : 4 · 3 réponses');
    const afterClose = await fontSizes(projector, '.plenary-barometer .barometer-split-category, .plenary-barometer .barometer-summary');
    expect(Math.min(...afterClose)).toBeGreaterThanOrEqual(28);
    await screenshot(projector, 'barometer-1080p.png');
    const onProjector = seriousOrCritical(await runAxe(projector));
    expect(onProjector, describeViolations('barometer on the projector', onProjector)).toEqual([]);

    // Phones: answers frozen, no radio left to change them.
    await byTestId(sylvie, 'barometer-closed').waitFor();
    expect(await sylvie.locator('[data-testid^="barometer-answer-"]').count()).toBe(0);
    expect(await byTestId(sylvie, 'barometer-mine').allTextContents()).toEqual([
      'Votre réponse : 4',
      'Votre réponse : 3',
      'Votre réponse : 5',
      'Votre réponse : Je ne sais pas',
    ]);
    const stored = await suite.bridge.snapshot(elu.token, board);
    expect(stored.barometer?.closed).toBe(true);
    expect(stored.barometer?.mine).toEqual(['1', '', '', '']);
  });

  it('the animator makes the cursor continuous; a phone sets it by keyboard and by touch, the projector draws a dot per answer', async () => {
    const { workshop, animatorToken, observerToken } = await createWorkshop(baseUrl, {
      title: 'Atelier 1 — curseur continu',
      groups: [{ name: 'Baromètre', template: 'barometre' }],
    });
    const board = workshop.boards[0]!.id;
    await suite.bridge.request(animatorToken, { type: 'plenary.show', id: randomId(), boards: [board] });

    // The animator, on the board: "Modifier les indicateurs", continuous scale, saved.
    const animator = await animatorOnBoard(animatorToken, board);
    await byTestId(animator, 'barometer-edit').click();
    await byTestId(animator, 'barometer-kind-continuous').check();
    await byTestId(animator, 'barometer-save').click();
    await eventually(async () => (await suite.bridge.snapshot(animatorToken, board)).barometer?.scale, (scale) => scale === 'continuous');

    const projectorContext = await newContext(suite.browser, baseUrl, PROJECTOR);
    const phoneContext = await newContext(suite.browser, baseUrl, PHONE_740);
    suite.contexts.push(projectorContext, phoneContext);
    const projector = await projectorContext.newPage();
    await projector.goto(`/#/o/${observerToken}`);
    const joined = await joinWorkshop(baseUrl, workshop.code, 'Lucie', { board, category: 'habitant' });
    await rememberParticipant(phoneContext, joined, board);
    const phone = await phoneContext.newPage();
    await phone.goto(`/#/b/${board}`);

    // By keyboard: the cursor is a slider named after its scale; three steps right from the middle.
    const first = byTestId(phone, 'barometer-cursor-0');
    await first.waitFor();
    expect(await phone.getByRole('slider', { name: 'Sociabilité : de Rendez-vous à Isolement' }).count()).toBe(1);
    expect(await first.getAttribute('data-answered')).toBe('false');
    await first.focus();
    for (let press = 0; press < 3; press++) await phone.keyboard.press('ArrowRight');
    expect(await first.getAttribute('aria-valuetext')).toBe('53 sur 100, côté Isolement');
    await eventually(async () => (await suite.bridge.snapshot(joined.token, board)).barometer?.mine[0], (mine) => mine === '53');
    await phone.keyboard.press('PageDown');
    await eventually(async () => (await suite.bridge.snapshot(joined.token, board)).barometer?.mine[0], (mine) => mine === '43');

    // By touch: a finger lands near the left end of the second scale's track.
    const second = byTestId(phone, 'barometer-cursor-1');
    await second.scrollIntoViewIfNeeded();
    const box = (await second.boundingBox())!;
    await touchTap(phoneContext, phone, { x: box.x + box.width * 0.2, y: box.y + box.height / 2 });
    const touched = await eventually(
      async () => Number((await suite.bridge.snapshot(joined.token, board)).barometer?.mine[1] || -1),
      (value) => value >= 10 && value <= 30,
    );
    const sizes = await targetSizes(phone, ['[data-testid^="barometer-cursor-"]', '.barometer-unknown']);
    for (const size of sizes) expect(size.height, size.name).toBeGreaterThanOrEqual(44);
    const overflow = await pageOverflowX(phone);
    expect(overflow.scrollWidth).toBeLessThanOrEqual(overflow.innerWidth);
    const onPhone = seriousOrCritical(await runAxe(phone));
    expect(onPhone, describeViolations('continuous barometer on a phone', onPhone)).toEqual([]);
    await phone.evaluate(() => {
      (document.activeElement as HTMLElement | null)?.blur();
      document.querySelector('.barometer-panel')?.scrollTo(0, 0);
    });
    await screenshot(phone, 'barometer-continuous-phone.png');

    // The projector: one dot at each answer's place, the median marked, nobody named.
    const scales = projector.locator(`[data-testid="plenary-board"][data-board-id="${board}"] [data-testid="barometer-scale"]`);
    await eventually(() => scales.nth(1).locator('.barometer-dot').count(), (count) => count === 1);
    expect(await scales.nth(0).locator('.barometer-dot').getAttribute('data-value')).toBe('43');
    expect(await scales.nth(1).locator('.barometer-dot').getAttribute('data-value')).toBe(String(touched));
    expect(await byTestId(scales.nth(0), 'barometer-median').getAttribute('data-median')).toBe('43');
    expect(await projector.locator('.plenary-barometer').textContent()).not.toContain('Lucie');
  });
});
