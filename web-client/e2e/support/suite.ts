import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { BridgeClient } from './bridge';
import { launchChromium } from './chromium';

export interface BrowserSuite {
  browser: Browser;
  bridge: BridgeClient;
  /** Contexts a test opens, closed with the suite. */
  contexts: BrowserContext[];
}

/**
 * Called inside a `describe`: one Chromium for the file and, when a server URL is given, one
 * bridge client to read what the server stores; both closed after the file with every context.
 */
export function useBrowserSuite(bridgeUrl?: string): BrowserSuite {
  const suite = { contexts: [] as BrowserContext[] } as BrowserSuite;
  beforeAll(async () => {
    suite.browser = await launchChromium();
    if (bridgeUrl) suite.bridge = await BridgeClient.open(bridgeUrl);
  });
  afterAll(async () => {
    suite.bridge?.close();
    await Promise.all(suite.contexts.map((context) => context.close()));
    await suite.browser?.close();
  });
  return suite;
}
