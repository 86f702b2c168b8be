import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import type { Category, Template } from '../src/protocol/messages';
import { randomId } from '../src/protocol/ids';
import { createWorkshop, joinWorkshop, rememberParticipant } from './support/api';
import { describeViolations, runAxe, seriousOrCritical } from './support/axe';
import { newContext, PHONE_740, PROJECTOR, TABLET } from './support/chromium';
import { useBrowserSuite } from './support/suite';
import { centerOf, pageOverflowX, targetSizes, touchTap } from './support/touch';
import { byTestId } from './support/ui';
import { eventually } from './support/wait';

const baseUrl = inject('parvisUrl');
const SCREENSHOTS = join(dirname(fileURLToPath(import.meta.url)), '../../docs/screenshots');

async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: join(SCREENSHOTS, name), animations: 'disabled', caret: 'hide', scale: 'css' });
}

/** The commitment whose text is `text`, on a phone or a tablet. */
const commitment = (page: Page, text: string) => byTestId(page, 'charter-commitment').filter({ hasText: text });

async function tap(context: BrowserContext, page: Page, target: ReturnType<Page['locator']>): Promise<void> {
  await target.scrollIntoViewIfNeeded();
  await touchTap(context, page, await centerOf(target));
}

/** Seeds: commitments written beforehand by a local actor and an élu, through the bridge. */
const SEEDED = [
  { zone: 'z1', text: 'Ouvrir la salle des fêtes un jeudi soir par mois pour un repas partagé', category: 'acteur' },
  { zone: 'z2', text: 'Publier chaque trimestre les aides auxquelles les familles ont droit', category: 'elu' },
  { zone: 'z3', text: 'Monter un réseau de covoiturage solidaire vers le marché et la maison de santé', category: 'acteur' },
];

describe('atelier 4: the charter of social vitality', () => {
  const suite = useBrowserSuite(baseUrl);

  it('two phones sign by touch, the projector counts live; frozen, nothing moves and the charter is kept', async () => {
    const { workshop, animatorToken, observerToken } = await createWorkshop(baseUrl, {
      title: 'Atelier 4 — Exposition et charte',
      groups: [{ name: 'Charte de la vitalité sociale', template: 'charte' as Template }],
    });
    const board = workshop.boards[0]!.id;
    expect(
      (await suite.bridge.request<{ ok: boolean }>(animatorToken, { type: 'plenary.show', id: randomId(), boards: [board] })).ok,
    ).toBe(true);
    for (const [index, seeded] of SEEDED.entries()) {
      const author = await joinWorkshop(baseUrl, workshop.code, `Auteur ${index}`, { board, category: seeded.category as Category });
      const written = await suite.bridge.request<{ ok: boolean }>(author.token, {
        type: 'commitment.create',
        id: randomId(),
        board,
        commitmentId: `seed${index}`,
        zone: seeded.zone,
        text: seeded.text,
      });
      expect(written.ok).toBe(true);
    }

    const projectorContext = await newContext(suite.browser, baseUrl, PROJECTOR);
    suite.contexts.push(projectorContext);
    const projector = await projectorContext.newPage();
    await projector.goto(`/#/o/${observerToken}`);
    const onScreen = projector.locator(`[data-testid="plenary-board"][data-board-id="${board}"] [data-testid="plenary-commitment"]`);
    await eventually(() => onScreen.count(), (count) => count === 3);

    const phones: { context: BrowserContext; page: Page }[] = [];
    for (const [name, category] of [
      ['Sylvie', 'habitant'],
      ['Karim', 'acteur'],
    ] as const) {
      const context = await newContext(suite.browser, baseUrl, PHONE_740);
      suite.contexts.push(context);
      const joined = await joinWorkshop(baseUrl, workshop.code, name, { board, category });
      await rememberParticipant(context, joined, board);
      const page = await context.newPage();
      await page.goto(`/#/b/${board}`);
      await page.locator('[data-testid="status-banner"][data-status="connected"]').waitFor();
      await byTestId(page, 'charter-panel').waitFor();
      phones.push({ context, page });
    }
    const [sylvie, karim] = phones as [(typeof phones)[number], (typeof phones)[number]];

    // Before signing, each phone says that a signature is public.
    expect(await byTestId(sylvie.page, 'charter-public').textContent()).toContain('engagement public');
    // No wall of notes on a charter board.
    expect(await byTestId(sylvie.page, 'add-note-button').isVisible()).toBe(false);

    // Sylvie writes a commitment under "Initiatives / Passivité", every press a tap.
    const written = 'Tenir la permanence du café associatif le samedi matin';
    const writeButton = sylvie.page.locator('[data-testid="charter-write"][data-zone="z4"]');
    await tap(sylvie.context, sylvie.page, writeButton);
    const field = sylvie.page.locator('[data-testid="charter-text"][data-zone="z4"]');
    await field.fill(written);
    await tap(sylvie.context, sylvie.page, writeButton.locator('xpath=..').locator('[data-testid="charter-add"]'));
    await commitment(karim.page, written).waitFor();
    expect(await commitment(karim.page, written).textContent()).toContain('Proposé par : Habitant');

    // Both sign the first commitment by touch; Karim signs Sylvie's too.
    const first = SEEDED[0]!.text;
    await tap(sylvie.context, sylvie.page, byTestId(commitment(sylvie.page, first), 'charter-sign'));
    await tap(karim.context, karim.page, byTestId(commitment(karim.page, first), 'charter-sign'));
    await tap(karim.context, karim.page, byTestId(commitment(karim.page, written), 'charter-sign'));
    // Sylvie's phone shows Karim's signature live, with his name and category.
    await eventually(() => byTestId(commitment(sylvie.page, first), 'charter-count').textContent(), (text) => text === '2 signatures');
    expect(await byTestId(commitment(sylvie.page, first), 'charter-names').textContent()).toBe(
      ' — Signé par : Sylvie (Habitant), Karim (Acteur local)',
    );
    const signButton = byTestId(commitment(sylvie.page, first), 'charter-sign');
    expect(await signButton.getAttribute('aria-pressed')).toBe('true');
    expect(await signButton.textContent()).toBe('Retirer ma signature');

    // A second tap takes the signature back; a third gives it again: one signature per person.
    await tap(sylvie.context, sylvie.page, signButton);
    await eventually(() => byTestId(commitment(karim.page, first), 'charter-count').textContent(), (text) => text === '1 signature');
    await tap(sylvie.context, sylvie.page, signButton);
    await eventually(() => byTestId(commitment(karim.page, first), 'charter-count').textContent(), (text) => text === '2 signatures');

    // One-handed on a 360 px phone: the sign buttons are large, nothing is wider than the screen.
    const sizes = await targetSizes(sylvie.page, ['.charter-sign', '.charter-write']);
    expect(sizes.length).toBeGreaterThanOrEqual(8);
    for (const size of sizes) expect(size.height, size.name).toBeGreaterThanOrEqual(48);
    const overflow = await pageOverflowX(sylvie.page);
    expect(overflow.scrollWidth).toBeLessThanOrEqual(overflow.innerWidth);
    const onPhone = seriousOrCritical(await runAxe(sylvie.page));
    expect(onPhone, describeViolations('charter on a phone', onPhone)).toEqual([]);
    await screenshot(sylvie.page, 'charter-phone.png');

    // The projector: each commitment's count, by indicator.
    const counts = () =>
      onScreen.evaluateAll((items) =>
        items.map((item) => [
          item.querySelector('.plenary-commitment-text')?.textContent,
          item.querySelector('[data-testid="plenary-commitment-count"]')?.textContent,
        ]),
      );
    await eventually(counts, (seen) => seen.length === 4 && seen[0]?.[1] === '2' && seen[3]?.[1] === '1', { what: 'projector counts' });
    expect(await counts()).toEqual([
      [SEEDED[0]!.text, '2'],
      [SEEDED[1]!.text, '0'],
      [SEEDED[2]!.text, '0'],
      [written, '1'],
    ]);

    // The animator, on a tablet, freezes the charter.
    const tabletContext = await newContext(suite.browser, baseUrl, TABLET);
    suite.contexts.push(tabletContext);
    const tablet = await tabletContext.newPage();
    tablet.on('dialog', (dialog) => void dialog.accept());
    await tablet.goto(`/#/a/${animatorToken}`);
    await byTestId(tablet, 'animator-title').waitFor();
    await tablet.goto(`/#/b/${board}`);
    await byTestId(tablet, 'charter-panel').waitFor();
    expect(await byTestId(tablet, 'charter-edit').count()).toBe(4);
    await screenshot(tablet, 'charter-tablet.png');

    // Moderation: the animator rewords the third commitment, then merges the second into it; the
    // phones show the merged text, marked as changed by the animators.
    const third = SEEDED[2]!.text;
    await byTestId(commitment(tablet, third), 'charter-edit').click();
    const reworded = 'Monter un covoiturage solidaire vers le marché';
    await byTestId(tablet, 'charter-moderate-text').fill(reworded);
    await byTestId(tablet, 'charter-moderate-save').click();
    await commitment(karim.page, reworded).waitFor();
    await byTestId(commitment(tablet, SEEDED[1]!.text), 'charter-merge').selectOption('seed2');
    const mergedText = `${reworded} et publier les aides`;
    await byTestId(tablet, 'charter-moderate-text').fill(mergedText);
    await byTestId(tablet, 'charter-moderate-save').click();
    await commitment(karim.page, mergedText).waitFor();
    expect(await commitment(karim.page, mergedText).textContent()).toContain('modifié par l’animation');
    expect(await commitment(karim.page, SEEDED[1]!.text).count()).toBe(0);
    await byTestId(tablet, 'charter-freeze').click();
    await eventually(() => byTestId(tablet, 'charter-freeze').textContent(), (text) => text === 'Rouvrir la charte');

    // Frozen: the phones' buttons are off, the server refuses a signature sent anyway.
    await eventually(() => byTestId(karim.page, 'charter-status').textContent(), (text) => text?.startsWith('Charte figée') ?? false);
    expect(await byTestId(karim.page, 'charter-sign').first().isDisabled()).toBe(true);
    expect(await karim.page.locator('[data-testid="charter-write"]:visible').count()).toBe(0);
    const karimJoined = await joinWorkshop(baseUrl, workshop.code, 'Karim bis', { board, category: 'acteur' });
    const late = await suite.bridge.request<{ ok: boolean; error?: string }>(karimJoined.token, {
      type: 'commitment.sign',
      id: randomId(),
      board,
      commitmentId: 'seed1',
      signed: true,
    });
    expect(late.error).toBe('charter_frozen');

    // A reload shows the frozen charter from the snapshot.
    await karim.page.reload();
    await eventually(() => byTestId(karim.page, 'charter-status').textContent(), (text) => text?.startsWith('Charte figée') ?? false);
    expect(await byTestId(commitment(karim.page, first), 'charter-count').textContent()).toBe('2 signatures');

    // The projector: the frozen charter as a clean page, legible from the back of the room.
    await eventually(() => byTestId(projector, 'plenary-charter-status').textContent(), (text) => text?.startsWith('Charte figée') ?? false);
    const fontSizes = await projector.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('.plenary-commitment-text, .plenary-commitment-count, .plenary-charter-indicator h3')].map(
        (element) => parseFloat(getComputedStyle(element).fontSize),
      ),
    );
    expect(Math.min(...fontSizes)).toBeGreaterThanOrEqual(24);
    const onProjector = seriousOrCritical(await runAxe(projector));
    expect(onProjector, describeViolations('charter on the projector', onProjector)).toEqual([]);
    await screenshot(projector, 'charter-1080p.png');

    // Kept with the workshop for the restitution: the animators read it over HTTP.
    const kept = await fetch(`${baseUrl}/api/workshop/charters/${board}`, { headers: { Authorization: `Bearer ${animatorToken}` } });
    expect(kept.status).toBe(200);
    const document_ = (await kept.json()) as { indicators: { commitments: { text: string; count: number }[] }[] };
    expect(document_.indicators.map((indicator) => indicator.commitments.map((kept) => kept.count))).toEqual([[2], [], [0], [1]]);
    expect(document_.indicators[2]!.commitments[0]!.text).toBe(mergedText);
  });
});
