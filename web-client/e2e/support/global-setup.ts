import type { TestProject } from 'vitest/node';
import { assertChromiumInstalled } from './chromium';
import { startParvis } from './server';

declare module 'vitest' {
  export interface ProvidedContext {
    /** `http://127.0.0.1:PORT` of the Parvis server the whole run shares. */
    parvisUrl: string;
  }
}

/**
 * Once per run: checks that Debian's Chromium is there, starts one Parvis server (its own data
 * folder and embedded Redis) and gives its address to every test file; stops it all at the end.
 * Each test makes its own workshop, so the files do not see each other's notes.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  assertChromiumInstalled();
  const parvis = await startParvis();
  project.provide('parvisUrl', parvis.baseUrl);
  return () => parvis.stop();
}
