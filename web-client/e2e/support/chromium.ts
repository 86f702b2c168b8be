import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions } from 'playwright-core';

/** Debian's Chromium: the suite never downloads a browser. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export function assertChromiumInstalled(): void {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `The browser tests need Debian's Chromium at ${CHROMIUM_PATH}, which is missing. ` +
        'Install it with `apt-get install -y chromium` (as root; CI does). The suite never downloads a browser.',
    );
  }
}

export async function launchChromium(): Promise<Browser> {
  assertChromiumInstalled();
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

/** A phone held upright: 360×640 CSS pixels, touch, mobile viewport. */
export const PHONE: BrowserContextOptions = {
  viewport: { width: 360, height: 640 },
  deviceScaleFactor: 2,
  hasTouch: true,
  isMobile: true,
};

/** A taller phone, 360×740, as the field trials used. */
export const PHONE_740: BrowserContextOptions = { ...PHONE, viewport: { width: 360, height: 740 } };

export const TABLET: BrowserContextOptions = { viewport: { width: 1024, height: 768 }, hasTouch: true };
export const LAPTOP: BrowserContextOptions = { viewport: { width: 1280, height: 800 } };
export const PROJECTOR: BrowserContextOptions = { viewport: { width: 1920, height: 1080 } };

/** Every context starts in French, the product's default, whatever the machine's locale. */
export async function newContext(
  browser: Browser,
  baseURL: string,
  options: BrowserContextOptions = LAPTOP,
): Promise<BrowserContext> {
  const context = await browser.newContext({ locale: 'fr-FR', baseURL, ...options });
  context.setDefaultTimeout(15_000);
  return context;
}
