import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import type { CreateWorkshopResponse } from '../src/protocol/messages';
import { createWorkshop, joinWorkshop } from './support/api';
import { describeViolations, runAxe, seriousOrCritical } from './support/axe';
import { newContext, PROJECTOR, TABLET } from './support/chromium';
import { seedNotes, type SeedNote } from './support/seed';
import { useBrowserSuite } from './support/suite';
import { byTestId } from './support/ui';

const baseUrl = inject('parvisUrl');

/** "Vie locale": a "Pépites, opportunités, vigilance" board, two notes a zone. */
const PEPITES: SeedNote[] = [
  { text: 'Le repas des voisins, chaque premier dimanche', zone: 'z1', color: 'yellow' },
  { text: 'Une bibliothèque tenue par des bénévoles', zone: 'z1', color: 'orange' },
  { text: 'Le terrain de l’ancienne gare, à reprendre', zone: 'z2', color: 'green' },
  { text: 'Des artisans prêts à accueillir des apprentis', zone: 'z2', color: 'blue' },
  { text: 'Le dernier commerce du bourg ferme en juin', zone: 'z3', color: 'pink' },
  { text: 'Peu de places en crèche', zone: 'z3', color: 'purple' },
];

/** "Mobilités": a free wall, one note put beside another by hand. */
const MOBILITES: SeedNote[] = [
  { text: 'Un transport à la demande pour le marché', zone: 'z1', color: 'yellow' },
  { text: 'Une aire de covoiturage près de la départementale', zone: 'z1', color: 'blue' },
  { text: 'Des vélos électriques à prêter', zone: 'z1', color: 'green', x: 150, y: 12 },
];
const SCREENSHOTS = join(dirname(fileURLToPath(import.meta.url)), '../../docs/screenshots');
/** A remote observer's laptop. */
const OBSERVER_LAPTOP: BrowserContextOptions = { viewport: { width: 1366, height: 768 } };
/** Longer than the longest a page stays up (40 s): the next page is shown after it. */
const PAGE_TURN_MS = 41_000;

/** A long board: more than one 1080 p screen holds at 28 px, so it is shown in pages. */
const HABITAT: SeedNote[] = ['z1', 'z2', 'z3', 'z4'].flatMap((zone, column) =>
  [
    'Des logements vacants au-dessus des commerces du bourg',
    'Les jeunes couples ne trouvent rien à louer',
    'Une maison partagée pour les aînés, près de la pharmacie',
    'Rénover l’ancienne école en logements communaux',
    'Le prix du terrain monte depuis l’arrivée de la fibre',
    'Isoler les maisons anciennes coûte trop cher aux familles',
    'Un habitat léger pour les saisonniers agricoles',
    'Des jardins partagés entre les lotissements',
    'Accompagner les propriétaires âgés qui veulent louer',
  ].map((text, row) => ({ text: `${text} (${column + 1}.${row + 1})`, zone, color: 'yellow' as const })),
);

const JEUNESSE: SeedNote[] = [
  { text: 'Un local pour les ados le mercredi', zone: 'z1', color: 'pink' },
  { text: 'Le club de foot tient le village', zone: 'z4', color: 'green' },
];

interface Layout {
  /** Note texts shown, and their computed font sizes in CSS pixels. */
  texts: string[];
  minFont: number;
  maxFont: number;
  /** Notes or zones outside the screen, or cut by their board's box. */
  outside: number;
  /** The page can scroll. */
  scrolls: boolean;
  pager: string[];
}

/** What the plenary screen shows now, measured in the browser. */
function measureLayout(page: Page): Promise<Layout> {
  return page.evaluate(() => {
    const boards = [...document.querySelectorAll<HTMLElement>('[data-testid="plenary-board"]')];
    const texts: string[] = [];
    const sizes: number[] = [];
    let outside = 0;
    for (const board of boards) {
      const box = board.getBoundingClientRect();
      for (const item of board.querySelectorAll<HTMLElement>('[data-testid="note"], [data-testid="zone"]')) {
        const rect = item.getBoundingClientRect();
        const inside = (outer: { left: number; top: number; right: number; bottom: number }) =>
          rect.left >= outer.left - 1 &&
          rect.top >= outer.top - 1 &&
          rect.right <= outer.right + 1 &&
          rect.bottom <= outer.bottom + 1;
        const inScreen = inside({ left: 0, top: 0, right: innerWidth, bottom: innerHeight });
        const inBoard = inside(box);
        if (!inScreen || !inBoard || rect.height === 0) outside++;
      }
      for (const text of board.querySelectorAll<HTMLElement>('[data-testid="note-text"]')) {
        texts.push(text.textContent ?? '');
        sizes.push(parseFloat(getComputedStyle(text).fontSize));
      }
    }
    const root = document.scrollingElement ?? document.documentElement;
    return {
      texts,
      minFont: Math.min(...sizes),
      maxFont: Math.max(...sizes),
      outside,
      scrolls: root.scrollHeight > innerHeight + 1 || root.scrollWidth > innerWidth + 1,
      pager: [...document.querySelectorAll<HTMLElement>('[data-testid="plenary-page"]')]
        .filter((pager) => !pager.hidden)
        .map((pager) => pager.textContent ?? ''),
    };
  });
}

/** Waits until the plenary shows exactly these boards, each with at least one note laid out. */
async function waitForBoards(page: Page, boardIds: string[]): Promise<void> {
  await page.waitForFunction(
    (ids) => {
      const shown = [...document.querySelectorAll<HTMLElement>('[data-testid="plenary-board"]')];
      return (
        shown.length === ids.length &&
        shown.every(
          (board, index) => board.dataset.boardId === ids[index] && board.querySelector('[data-testid="note"]'),
        )
      );
    },
    boardIds,
  );
}

describe('the plenary presentation', () => {
  const suite = useBrowserSuite(baseUrl);
  let created: CreateWorkshopResponse;
  let boardIds: string[];

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    created = await createWorkshop(baseUrl, {
      title: 'Atelier 1 — Baromètre de la vitalité sociale',
      groups: [
        { name: 'Vie locale', template: 'pepites' },
        { name: 'Mobilités', template: 'free' },
        { name: 'Habitat', template: 'tendances' },
        { name: 'Jeunesse', template: 'grille' },
      ],
    });
    boardIds = created.workshop.boards.map((board) => board.id);
    // Each person writes a few notes (one person may send only so many at once).
    const writers: [string, number, SeedNote[]][] = [
      ['Sylvie', 0, PEPITES],
      ['Marc', 1, MOBILITES],
      ...['z1', 'z2', 'z3', 'z4'].map((zone, index): [string, number, SeedNote[]] => [
        `Nadia ${index + 1}`,
        2,
        HABITAT.filter((note) => note.zone === zone),
      ]),
      ['Léo', 3, JEUNESSE],
    ];
    for (const [name, board, notes] of writers) {
      const author = await joinWorkshop(baseUrl, created.workshop.code, name, { board: boardIds[board]! });
      await seedNotes(suite.bridge, author.token, boardIds[board]!, notes);
    }
  });

  /** Errors thrown in any page of a test: a layout that throws may still look right for a while. */
  let pageErrors: string[] = [];
  afterEach(() => {
    const errors = pageErrors;
    pageErrors = [];
    expect(errors).toEqual([]);
  });

  async function open(options: BrowserContextOptions, hash: string, fakeClock = false): Promise<Page> {
    const context: BrowserContext = await newContext(suite.browser, baseUrl, options);
    suite.contexts.push(context);
    if (fakeClock) await context.clock.install();
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(`${hash.slice(0, 4)}: ${error.stack ?? error.message}`));
    await page.goto(hash);
    return page;
  }

  async function shoot(page: Page, name: string): Promise<void> {
    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path: join(SCREENSHOTS, name), animations: 'disabled', caret: 'hide', scale: 'css' });
  }

  async function expectAccessible(where: string, page: Page): Promise<void> {
    const violations = await runAxe(page);
    console.log(describeViolations(where, violations));
    expect(seriousOrCritical(violations), describeViolations(where, seriousOrCritical(violations))).toEqual([]);
  }

  it('shows the code and a QR code large while nothing is shown, and nothing else', async () => {
    const projector = await open(PROJECTOR, `/#/o/${created.observerToken}`);
    const qr = byTestId(projector, 'plenary-qr').locator('svg');
    await qr.waitFor();
    expect(await byTestId(projector, 'plenary-code').textContent()).toBe(created.workshop.code);
    const qrBox = (await qr.boundingBox())!;
    console.log(`start screen at 1920×1080: QR code ${Math.round(qrBox.height)} px high`);
    expect(qrBox.height).toBeGreaterThanOrEqual(0.25 * 1080);
    expect(qrBox.y + qrBox.height).toBeLessThanOrEqual(1080);
    // No language button, no "Connecté" badge: only a problem would show.
    expect(await byTestId(projector, 'language-switch').isVisible()).toBe(false);
    expect(await byTestId(projector, 'status-banner').isVisible()).toBe(false);
    await shoot(projector, 'plenary-start-1080p.png');
    await expectAccessible('plenary start screen', projector);
  });

  it('presents group after group from the animator console; the projector and a remote laptop follow', async () => {
    const projector = await open(PROJECTOR, `/#/o/${created.observerToken}`);
    const laptop = await open(OBSERVER_LAPTOP, `/#/o/${created.observerToken}`);
    const animator = await open(TABLET, `/#/a/${created.animatorToken}`);
    await byTestId(animator, 'plenary-next').waitFor();

    // One tap: the first group alone, large.
    await byTestId(animator, 'plenary-next').click();
    await animator.locator('[data-testid="plenary-step"]', { hasText: 'Groupe 1 sur 4 : Vie locale' }).waitFor();
    await waitForBoards(projector, [boardIds[0]!]);
    await byTestId(projector, 'plenary-qr').locator('svg').waitFor();
    let shown = await measureLayout(projector);
    console.log(`one board (3 zones, 6 notes) at 1920×1080: note text ${shown.minFont} px`);
    expect(shown.texts.sort()).toEqual(PEPITES.map((note) => note.text).sort());
    expect(shown.minFont).toBeGreaterThanOrEqual(28);
    expect(shown).toMatchObject({ outside: 0, scrolls: false, pager: [] });
    // The code moved to a corner, still there for latecomers.
    const cornerQr = (await byTestId(projector, 'plenary-qr').locator('svg').boundingBox())!;
    expect(cornerQr.height).toBeLessThan(0.25 * 1080);
    expect(await byTestId(projector, 'language-switch').isVisible()).toBe(false);
    expect(await byTestId(projector, 'status-banner').isVisible()).toBe(false);
    await shoot(projector, 'plenary-1080p.png');
    await expectAccessible('plenary, one board', projector);
    // A problem does show: the connection lost, then back (and the badge gone again).
    await projector.context().setOffline(true);
    await projector.locator('[data-testid="status-banner"][data-status="offline"]').waitFor();
    expect((await measureLayout(projector)).outside).toBe(0);
    await projector.context().setOffline(false);
    await byTestId(projector, 'status-banner').waitFor({ state: 'hidden', timeout: 30_000 });

    await waitForBoards(laptop, [boardIds[0]!]);
    const onLaptop = await measureLayout(laptop);
    console.log(`one board (3 zones, 6 notes) at 1366×768: note text ${onLaptop.minFont} px`);
    expect(onLaptop).toMatchObject({ outside: 0, scrolls: false });
    expect(onLaptop.texts).toHaveLength(PEPITES.length);

    // The keyboard, as a presentation remote sends it: Page Down shows the next group.
    await animator.keyboard.press('PageDown');
    await animator.locator('[data-testid="plenary-step"]', { hasText: 'Groupe 2 sur 4 : Mobilités' }).waitFor();
    await waitForBoards(projector, [boardIds[1]!]);
    await waitForBoards(laptop, [boardIds[1]!]);
    shown = await measureLayout(projector);
    console.log(`one board (1 zone, 3 notes) at 1920×1080: note text ${shown.minFont} px`);
    expect(shown.texts.sort()).toEqual(MOBILITES.map((note) => note.text).sort());
    expect(shown.minFont).toBeGreaterThanOrEqual(28);
    expect(shown).toMatchObject({ outside: 0, scrolls: false });
    expect(await measureLayout(laptop)).toMatchObject({ outside: 0, scrolls: false });
    await byTestId(animator, 'plenary-next').focus();
    await shoot(animator, 'animator-present-groups.png');

    // And back, with the other button.
    await byTestId(animator, 'plenary-previous').click();
    await waitForBoards(projector, [boardIds[0]!]);
    await animator.locator('[data-testid="plenary-step"]', { hasText: 'Groupe 1 sur 4' }).waitFor();
    // Before the first group there is none: the button says so and nothing changes.
    expect(await byTestId(animator, 'plenary-previous').getAttribute('aria-disabled')).toBe('true');
    await expectAccessible('animator console presenting groups', animator);
  });

  it('cuts a long board into pages that turn by themselves, every note shown at 28 px or more', async () => {
    const projector = await open(PROJECTOR, `/#/o/${created.observerToken}`, true);
    const laptop = await open(OBSERVER_LAPTOP, `/#/o/${created.observerToken}`, true);
    const animator = await open(TABLET, `/#/a/${created.animatorToken}`);
    await byTestId(animator, 'plenary-next').waitFor();
    // Step on to "Habitat", the third group, wherever the previous test left the plenary.
    for (let step = 0; step < 4; step++) {
      const text = (await byTestId(animator, 'plenary-step').textContent()) ?? '';
      if (text.includes('Habitat')) break;
      await byTestId(animator, text.includes('Jeunesse') ? 'plenary-previous' : 'plenary-next').click();
      await animator.waitForFunction(
        (before) => document.querySelector('[data-testid="plenary-step"]')?.textContent !== before,
        text,
      );
    }
    await waitForBoards(projector, [boardIds[2]!]);

    for (const [screen, name] of [
      [projector, '1920×1080'],
      [laptop, '1366×768'],
    ] as const) {
      await waitForBoards(screen, [boardIds[2]!]);
      const seen = new Set<string>();
      const first = await measureLayout(screen);
      expect(first.pager, `${name}: a page number`).toHaveLength(1);
      const pages = Number(/\/(\d+)/.exec(first.pager[0]!)![1]);
      console.log(`long board (4 zones, 36 notes) at ${name}: ${pages} pages, note text ${first.minFont} px`);
      expect(pages).toBeGreaterThanOrEqual(2);
      for (let page = 1; page <= pages; page++) {
        const shown = await measureLayout(screen);
        expect(shown.pager).toEqual([`Page ${page}/${pages}`]);
        expect(shown, `${name}, page ${page}`).toMatchObject({ outside: 0, scrolls: false });
        if (name === '1920×1080') expect(shown.minFont).toBeGreaterThanOrEqual(28);
        shown.texts.forEach((text) => seen.add(text));
        if (page === 1 && name === '1920×1080') await shoot(screen, 'plenary-pages-1080p.png');
        await screen.clock.fastForward(PAGE_TURN_MS);
        await screen.waitForFunction(
          (expected) => document.querySelector('[data-testid="plenary-page"]')?.textContent === expected,
          `Page ${(page % pages) + 1}/${pages}`,
        );
      }
      expect([...seen].sort(), `${name}: every note on some page`).toEqual(HABITAT.map((note) => note.text).sort());
    }
    // A remote observer turns the pages by keyboard, at its own pace.
    const before = await byTestId(laptop, 'plenary-page').textContent();
    await laptop.keyboard.press('ArrowRight');
    await laptop.waitForFunction(
      (text) => document.querySelector('[data-testid="plenary-page"]')?.textContent !== text,
      before,
    );
    await laptop.keyboard.press('ArrowLeft');
    await laptop.locator('[data-testid="plenary-page"]', { hasText: before! }).waitFor();
  });

  it('shows two and four boards as an overview that fits the screen', async () => {
    const projector = await open(PROJECTOR, `/#/o/${created.observerToken}`);
    const animator = await open(TABLET, `/#/a/${created.animatorToken}`);
    await byTestId(animator, 'plenary-push').waitFor();
    for (const count of [2, 4]) {
      const wanted = boardIds.slice(0, count);
      for (const id of boardIds) {
        const checkbox = animator.locator(`[data-testid="plenary-checkbox"][data-board-id="${id}"]`);
        await checkbox.setChecked(wanted.includes(id));
      }
      await byTestId(animator, 'plenary-push').click();
      await waitForBoards(projector, wanted);
      const shown = await measureLayout(projector);
      const pages = shown.pager.join(', ') || 'none';
      console.log(`${count} boards at 1920×1080: note text ${shown.minFont}–${shown.maxFont} px, pages ${pages}`);
      expect(shown).toMatchObject({ outside: 0, scrolls: false });
      expect(shown.minFont).toBeGreaterThanOrEqual(count === 2 ? 22 : 16);
      // Each board's title is large.
      const titleSize = await projector.evaluate(() =>
        Math.min(
          ...[...document.querySelectorAll('[data-testid="plenary-board"] h2')].map((title) =>
            parseFloat(getComputedStyle(title).fontSize),
          ),
        ),
      );
      expect(titleSize).toBeGreaterThanOrEqual(36);
      if (count === 4) {
        await shoot(projector, 'plenary-overview-1080p.png');
        await expectAccessible('plenary, four boards', projector);
      }
    }
  });
});
