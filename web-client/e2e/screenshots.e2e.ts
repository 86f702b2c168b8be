import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { CreateWorkshopResponse } from '../src/protocol/messages';
import { createWorkshop, joinedContext, joinWorkshop } from './support/api';
import { BridgeClient } from './support/bridge';
import { launchChromium, LAPTOP, newContext, PHONE_740, PROJECTOR, TABLET } from './support/chromium';
import { seedNotes, type SeedNote } from './support/seed';
import { byTestId, waitForBoardReady } from './support/ui';
import { randomId } from '../src/protocol/ids';

const baseUrl = inject('parvisUrl');
const SCREENSHOTS = join(dirname(fileURLToPath(import.meta.url)), '../../docs/screenshots');

const PEPITES: SeedNote[] = [
  { text: 'Le marché du jeudi, où tout le monde se croise', zone: 'z1', color: 'yellow' },
  { text: 'La fête du pain attire tout le canton', zone: 'z1', color: 'orange' },
  { text: 'Une salle des fêtes rénovée, libre le soir', zone: 'z2', color: 'green' },
  { text: 'Des retraités prêts à animer un atelier vélo', zone: 'z2', color: 'blue' },
  { text: 'Les jeunes partent après le lycée', zone: 'z3', color: 'pink' },
  { text: 'Plus de médecin depuis 2024', zone: 'z3', color: 'purple' },
];

/** The images of the barometer's poles: each note in the zone of the pole it illustrates. */
const BAROMETRE: SeedNote[] = [
  { text: 'Le café associatif, le samedi matin', zone: 'z1', color: 'yellow' },
  { text: 'Des hameaux où l’on ne voit plus personne l’hiver', zone: 'z2', color: 'pink' },
  { text: 'Une maison France services à 10 minutes', zone: 'z3', color: 'green' },
  { text: 'Les jeunes ne trouvent pas de logement', zone: 'z4', color: 'orange' },
  { text: 'Le covoiturage entre voisins pour les courses', zone: 'z5', color: 'blue' },
  { text: 'La fête du pain, montée par les habitants', zone: 'z7', color: 'purple' },
];

const MOBILITES: SeedNote[] = [
  { text: 'Un minibus le samedi matin', zone: 'z1', color: 'yellow' },
  { text: 'Covoiturage organisé depuis la mairie', zone: 'z1', color: 'blue' },
  { text: 'Pistes cyclables vers le collège', zone: 'z1', color: 'green', x: 150, y: 12 },
];

/** The screenshots in docs/screenshots/, taken on the real server, written by this file. */
describe('screenshots', () => {
  let browser: Browser;
  let bridge: BridgeClient;
  const contexts: BrowserContext[] = [];
  let created: CreateWorkshopResponse;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await launchChromium();
    bridge = await BridgeClient.open(baseUrl);
    created = await createWorkshop(baseUrl, {
      title: 'Vitalité sociale du canton',
      date: '2026-11-23',
      groups: [
        { name: 'Vie locale', template: 'pepites' },
        { name: 'Mobilités', template: 'free' },
        { name: 'Baromètre', template: 'barometre' },
      ],
    });
    const [vieLocale, mobilites, barometre] = created.workshop.boards;
    const sylvie = await joinWorkshop(baseUrl, created.workshop.code, 'Sylvie', { board: vieLocale!.id });
    const marc = await joinWorkshop(baseUrl, created.workshop.code, 'Marc', { board: mobilites!.id, category: 'elu' });
    await seedNotes(bridge, sylvie.token, vieLocale!.id, PEPITES);
    await seedNotes(bridge, marc.token, mobilites!.id, MOBILITES);
    await seedNotes(bridge, sylvie.token, barometre!.id, BAROMETRE);
  });
  afterAll(async () => {
    bridge?.close();
    await Promise.all(contexts.map((context) => context.close()));
    await browser?.close();
  });

  async function page(options = LAPTOP): Promise<{ context: BrowserContext; page: Page }> {
    const context = await newContext(browser, baseUrl, options);
    contexts.push(context);
    return { context, page: await context.newPage() };
  }

  async function shoot(target: Page, name: string): Promise<void> {
    // Nothing moving: no caret, no animation, fonts loaded.
    await target.evaluate(() => document.fonts.ready);
    // One image pixel per CSS pixel: a phone shot is 360×640 whatever the device pixel ratio.
    await target.screenshot({ path: join(SCREENSHOTS, name), animations: 'disabled', caret: 'hide', scale: 'css' });
  }

  it('join-phone.png: the join screen on a 360×740 phone', async () => {
    const { page: phone } = await page(PHONE_740);
    await phone.goto(`/#/j/${created.workshop.code}`);
    await byTestId(phone, 'join-name-input').waitFor();
    await byTestId(phone, 'join-name-input').fill('Sylvie');
    await phone.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await shoot(phone, 'join-phone.png');
  });

  it('board-phone.png and board-tablet.png: a board on a phone, the barometer on a tablet (a column per pole)', async () => {
    const [vieLocale, , barometre] = created.workshop.boards;
    for (const [options, name, board, notes] of [
      [PHONE_740, 'board-phone.png', vieLocale!.id, PEPITES],
      [TABLET, 'board-tablet.png', barometre!.id, BAROMETRE],
    ] as const) {
      const { context, page: target } = await page(options);
      await joinedContext(baseUrl, context, created.workshop.code, 'Sylvie', board);
      await target.goto(`/#/b/${board}`);
      await waitForBoardReady(target);
      await target.locator('[data-testid="note"]').nth(notes.length - 1).waitFor();
      expect(await target.locator('[data-testid="note"]').count()).toBe(notes.length);
      await shoot(target, name);
    }
  });

  it('animator.png: the dashboard of a workshop made on this laptop', async () => {
    const { page: laptop } = await page(LAPTOP);
    // Made through "Créer un atelier", so this browser knows the observer link too.
    await laptop.goto('/#/new');
    await byTestId(laptop, 'workshop-title-input').fill('Atelier 3 — Le scénario');
    await byTestId(laptop, 'workshop-date-input').fill('2026-12-07');
    await byTestId(laptop, 'workshop-animator-name-input').fill('Claire');
    await byTestId(laptop, 'group-name-input').first().fill('Habitat');
    await byTestId(laptop, 'group-template-select').first().selectOption('tendances');
    await byTestId(laptop, 'add-group-button').click();
    await byTestId(laptop, 'group-name-input').nth(1).fill('Mobilités');
    await byTestId(laptop, 'add-group-button').click();
    await byTestId(laptop, 'group-name-input').nth(2).fill('Jeunesse');
    await byTestId(laptop, 'group-template-select').nth(2).selectOption('pepites');
    await byTestId(laptop, 'create-workshop-button').click();
    await byTestId(laptop, 'animator-title').waitFor();
    expect(await byTestId(laptop, 'animator-title').textContent()).toBe('Atelier 3 — Le scénario');
    await byTestId(laptop, 'observer-link').waitFor();
    expect(await byTestId(laptop, 'board-row').count()).toBe(3);
    expect(await byTestId(laptop, 'animator-self').textContent()).toBe('Vous animez sous le nom « Claire ».');
    await laptop.locator('[data-testid="plenary-checkbox"]').first().check();
    await byTestId(laptop, 'join-qr').locator('svg').waitFor();
    // Ticking the checkbox scrolled it into view: the picture is of the dashboard's top.
    await laptop.evaluate(() => window.scrollTo(0, 0));
    await shoot(laptop, 'animator.png');
  });

  it('plenary-two-boards-1080p.png: two boards side by side on the projector', async () => {
    await bridge.request(created.animatorToken, {
      type: 'plenary.show',
      id: randomId(),
      boards: created.workshop.boards.slice(0, 2).map((board) => board.id),
    });
    const { page: projector } = await page(PROJECTOR);
    await projector.goto(`/#/o/${created.observerToken}`);
    await projector.locator('[data-testid="plenary-board"]').nth(1).waitFor();
    await projector
      .locator('[data-testid="plenary-board"] [data-testid="note"]')
      .nth(PEPITES.length + MOBILITES.length - 1)
      .waitFor();
    await byTestId(projector, 'plenary-qr').locator('svg').waitFor();
    // Nobody scrolls a projector: every note and column ends up on the screen, once the boards
    // have been fitted to the room left under the header (which grows when the QR code arrives).
    const offScreen = () =>
      [
        ...document.querySelectorAll(
          '[data-testid="plenary-board"] [data-testid="note"], [data-testid="plenary-board"] [data-testid="zone"]',
        ),
      ]
        .map((element) => element.getBoundingClientRect())
        .filter((rect) => rect.right > window.innerWidth + 1 || rect.bottom > window.innerHeight + 1).length;
    const fitted = await projector
      .waitForFunction(`(${offScreen.toString()})() === 0`, null, { timeout: 5_000 })
      .then(() => true)
      .catch(() => false);
    expect(fitted, `${await projector.evaluate(offScreen)} notes or columns off the 1920×1080 screen`).toBe(true);
    await shoot(projector, 'plenary-two-boards-1080p.png');
  });
});
