import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { createWorkshop, joinedContext } from './support/api';
import { newContext, TABLET } from './support/chromium';
import { seedNotes } from './support/seed';
import { useBrowserSuite } from './support/suite';
import { byTestId, waitForBoardReady } from './support/ui';
import { eventually } from './support/wait';

const baseUrl = inject('parvisUrl');

/** Where the columns are and how big the text is drawn on the screen (font size × the board's zoom). */
function measure(page: Page) {
  return page.evaluate(() => {
    const canvas = document.querySelector<HTMLElement>('.board-screen .board-canvas')!;
    const zoom = Number(canvas.style.zoom || 1);
    const px = (selector: string) =>
      Math.min(...[...document.querySelectorAll(selector)].map((element) => parseFloat(getComputedStyle(element).fontSize) * zoom));
    const zones = [...document.querySelectorAll('[data-testid="zone"]')].map((zone) => zone.getBoundingClientRect());
    return {
      zoom,
      zones: zones.length,
      rightmost: Math.max(...zones.map((rect) => rect.right)),
      leftmost: Math.min(...zones.map((rect) => rect.left)),
      noteText: Math.round(px('[data-testid="note-text"]') * 10) / 10,
      zoneTitle: Math.round(px('.zone-title') * 10) / 10,
      width: window.innerWidth,
    };
  });
}

async function pinch(context: BrowserContext, page: Page, center: { x: number; y: number }, from: number, to: number) {
  const cdp = await context.newCDPSession(page);
  const points = (spread: number) => [
    { x: Math.round(center.x - spread / 2), y: Math.round(center.y), id: 1 },
    { x: Math.round(center.x + spread / 2), y: Math.round(center.y), id: 2 },
  ];
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: points(from) });
  for (let step = 1; step <= 8; step++) {
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: points(from + ((to - from) * step) / 8) });
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
}

describe('a 1024×768 tablet', () => {
  const suite = useBrowserSuite(baseUrl);

  // Four columns of notes: the trends board (the barometer board puts its scales above its columns).
  it('shows the four columns of a board with text of 16 px or more; the animator zooms by buttons and pinch', async () => {
    const created = await createWorkshop(baseUrl, {
      title: 'Tendances',
      groups: [{ name: 'Tendances', template: 'tendances' }],
    });
    const board = created.workshop.boards[0]!.id;
    const context = await newContext(suite.browser, baseUrl, TABLET);
    suite.contexts.push(context);
    const joined = await joinedContext(baseUrl, context, created.workshop.code, 'Sylvie', board);
    await seedNotes(
      suite.bridge,
      joined.token,
      board,
      [1, 2, 3, 4].map((zone) => ({ text: `Le café du bourg ouvre le dimanche (${zone})`, zone: `z${zone}` })),
    );
    const tablet = await context.newPage();
    await tablet.goto(`/#/b/${board}`);
    await waitForBoardReady(tablet);
    await tablet.locator('[data-testid="note"]').nth(3).waitFor();
    const shown = await measure(tablet);
    console.log(`tablet board: ${JSON.stringify(shown)}`);
    expect(shown.zones).toBe(4);
    expect(shown.leftmost).toBeGreaterThanOrEqual(0);
    expect(shown.rightmost, 'every column on the screen').toBeLessThanOrEqual(shown.width);
    expect(shown.noteText).toBeGreaterThanOrEqual(16);
    expect(shown.zoneTitle).toBeGreaterThanOrEqual(16);
    expect(await byTestId(tablet, 'zoom-in').count(), 'zooming is the animator’s').toBe(0);

    // A drag on the zoomed board lands where it is let go: 100 screen pixels down the next column.
    const dragged = tablet.locator('[data-testid="note"][data-zone="z1"]');
    const draggedId = await dragged.getAttribute('data-note-id');
    const noteBox = (await dragged.boundingBox())!;
    const secondColumn = (await tablet.locator('[data-testid="zone"][data-zone-id="z2"] .zone-area').boundingBox())!;
    const grab = { x: noteBox.x + 20, y: noteBox.y + 20 };
    await tablet.mouse.move(grab.x, grab.y);
    await tablet.mouse.down();
    const drop = { x: secondColumn.x + 40 + 20, y: secondColumn.y + 100 + 20 };
    for (let step = 1; step <= 10; step++) {
      await tablet.mouse.move(grab.x + ((drop.x - grab.x) * step) / 10, grab.y + ((drop.y - grab.y) * step) / 10);
    }
    await tablet.mouse.up();
    const stored = await eventually(
      async () => (await suite.bridge.notes(created.animatorToken, board)).find((note) => note.id === draggedId),
      (note) => note?.zone === 'z2',
      { what: 'the dragged note stored in the second column' },
    );
    // Stored unzoomed: 40 and 100 screen pixels at zoom 0.825 are about 48 and 121 board pixels.
    expect(Math.abs(stored!.x - 40 / shown.zoom)).toBeLessThanOrEqual(3);
    expect(Math.abs(stored!.y - 100 / shown.zoom)).toBeLessThanOrEqual(3);

    // The animator, on the same tablet size.
    const animatorContext = await newContext(suite.browser, baseUrl, TABLET);
    suite.contexts.push(animatorContext);
    await animatorContext.addInitScript(
      ([key, value]) => localStorage.setItem(key!, value!),
      [`parvis.token.${created.workshop.id}`, JSON.stringify({ token: created.animatorToken, role: 'animator' })],
    );
    const animator = await animatorContext.newPage();
    await animator.goto(`/#/b/${board}`);
    await waitForBoardReady(animator);
    await animator.locator('[data-testid="note"]').nth(3).waitFor();
    const fitted = (await measure(animator)).zoom;
    await byTestId(animator, 'zoom-out').click();
    const out = (await measure(animator)).zoom;
    expect(out).toBeLessThan(fitted);
    await byTestId(animator, 'zoom-in').click();
    await byTestId(animator, 'zoom-in').click();
    const zoomedIn = (await measure(animator)).zoom;
    expect(zoomedIn).toBeGreaterThan(fitted);
    await byTestId(animator, 'zoom-reset').click();
    expect((await measure(animator)).zoom).toBe(fitted);

    // Two fingers apart on the board (below the notes): it grows; together: it shrinks.
    const frame = (await animator.locator('.board-scroller').boundingBox())!;
    const center = { x: frame.x + frame.width / 2, y: frame.y + frame.height - 80 };
    await pinch(animatorContext, animator, center, 120, 300);
    const pinchedOut = (await measure(animator)).zoom;
    await pinch(animatorContext, animator, center, 300, 120);
    const pinchedIn = (await measure(animator)).zoom;
    console.log(`animator zoom: fitted ${fitted}, − ${out}, + + ${zoomedIn}, pinch apart ${pinchedOut}, pinch together ${pinchedIn}`);
    expect(pinchedOut).toBeGreaterThan(fitted * 1.5);
    expect(pinchedIn).toBeLessThan(pinchedOut);

    // A pinch whose first finger lands on a note zooms, and neither moves nor opens that note.
    await byTestId(animator, 'zoom-reset').click();
    const before = await suite.bridge.snapshot(created.animatorToken, board);
    const onNote = await animator.locator('[data-testid="note"]').first().boundingBox();
    await pinch(animatorContext, animator, { x: onNote!.x + 20 + 60, y: onNote!.y + 20 }, 120, 260);
    expect((await measure(animator)).zoom).toBeGreaterThan(fitted * 1.5);
    await animator.waitForTimeout(500);
    expect(await byTestId(animator, 'note-editor').isHidden(), 'a pinch is not a tap').toBe(true);
    expect((await suite.bridge.snapshot(created.animatorToken, board)).rev, 'a pinch is not a drag').toBe(before.rev);
  });
});
