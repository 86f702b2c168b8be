import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';

/** Where the browser tests write the screenshots the README links to. */
export const SCREENSHOTS = join(dirname(fileURLToPath(import.meta.url)), '../../../docs/screenshots');

/** Font sizes in CSS pixels of every visible element matched (to check what a projector shows is legible). */
export function fontSizes(page: Page, selector: string): Promise<number[]> {
  return page.evaluate(
    (matched) =>
      [...document.querySelectorAll<HTMLElement>(matched)]
        .filter((element) => element.getClientRects().length > 0 && element.textContent?.trim())
        .map((element) => parseFloat(getComputedStyle(element).fontSize)),
    selector,
  );
}

/** The page as it stands, fonts loaded, into docs/screenshots. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: join(SCREENSHOTS, name), animations: 'disabled', caret: 'hide', scale: 'css' });
}
