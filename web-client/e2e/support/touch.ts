import type { BrowserContext, Locator, Page } from 'playwright-core';

/**
 * A finger drag through the DevTools protocol (`Input.dispatchTouchEvent`): Playwright's
 * `page.touchscreen` only taps. Chromium turns these touches into touch and pointer events
 * (pointerType "touch"), as on a phone.
 */
export async function touchDrag(
  context: BrowserContext,
  page: Page,
  from: { x: number; y: number },
  to: { x: number; y: number },
  steps = 12,
  /** A long-press before moving, when above zero. */
  holdMs = 0,
): Promise<void> {
  const cdp = await context.newCDPSession(page);
  try {
    const point = (x: number, y: number) => [
      { x: Math.round(x), y: Math.round(y), id: 1, radiusX: 4, radiusY: 4, force: 1 },
    ];
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: point(from.x, from.y) });
    if (holdMs > 0) await new Promise((wake) => setTimeout(wake, holdMs));
    for (let step = 1; step <= steps; step++) {
      const x = from.x + ((to.x - from.x) * step) / steps;
      const y = from.y + ((to.y - from.y) * step) / steps;
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: point(x, y) });
    }
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  } finally {
    await cdp.detach();
  }
}

/**
 * A tap through the DevTools protocol: touchStart then touchEnd at one point. Chromium sends the
 * touch and pointer events, then the compatibility mouse events and the click, as a phone does.
 */
export async function touchTap(context: BrowserContext, page: Page, at: { x: number; y: number }, holdMs = 40): Promise<void> {
  const cdp = await context.newCDPSession(page);
  try {
    const point = [{ x: Math.round(at.x), y: Math.round(at.y), id: 1, radiusX: 4, radiusY: 4, force: 1 }];
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: point });
    await new Promise((wake) => setTimeout(wake, holdMs));
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  } finally {
    await cdp.detach();
  }
}

/** The middle of an element, in viewport coordinates. */
export async function centerOf(locator: Locator): Promise<{ x: number; y: number }> {
  // A finger lands where the element is once the page has stopped moving (a scroll into view, a
  // banner appearing): the box is read until two readings, two frames apart, agree.
  let box = await locator.boundingBox();
  for (let reading = 0; reading < 20; reading++) {
    await locator.page().evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    const again = await locator.boundingBox();
    const still = box && again && box.x === again.x && box.y === again.y && box.width === again.width && box.height === again.height;
    box = again;
    if (still) break;
  }
  if (!box) throw new Error('element not visible');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** No sideways scrolling of the page itself (the board scrolls inside its own frame). */
export function pageOverflowX(page: Page): Promise<{ scrollWidth: number; innerWidth: number }> {
  return page.evaluate(() => ({
    scrollWidth: document.scrollingElement!.scrollWidth,
    innerWidth: window.innerWidth,
  }));
}

export interface TargetSize {
  name: string;
  width: number;
  height: number;
}

/** The rendered size of each visible element matched by `selectors`, named by its test id or text. */
export function targetSizes(page: Page, selectors: string[]): Promise<TargetSize[]> {
  return page.evaluate((list) => {
    const sizes: { name: string; width: number; height: number }[] = [];
    for (const selector of list) {
      for (const element of document.querySelectorAll<HTMLElement>(selector)) {
        const rect = element.getBoundingClientRect();
        if (rect.width === 0 && rect.height === 0) continue;
        const name = element.dataset.testid ?? `${selector} "${element.textContent?.trim().slice(0, 30)}"`;
        sizes.push({ name, width: Math.round(rect.width * 10) / 10, height: Math.round(rect.height * 10) / 10 });
      }
    }
    return sizes;
  }, selectors);
}
