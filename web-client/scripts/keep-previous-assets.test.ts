import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain Node script, without type declarations
import { keepPreviousAssets } from './keep-previous-assets.mjs';

function build(root: string, name: string): void {
  mkdirSync(join(root, 'dist', 'assets'), { recursive: true });
  writeFileSync(join(root, 'dist', 'assets', name), 'built');
}

describe('keeping the previous build', () => {
  it('keeps the assets of the last build only, beside the next one', () => {
    const root = mkdtempSync(join(tmpdir(), 'parvis-assets-'));
    expect(keepPreviousAssets(root)).toBe(false);
    build(root, 'index-first.js');
    keepPreviousAssets(root);
    build(root, 'index-second.js');
    expect(readdirSync(join(root, 'previous-build', 'assets'))).toEqual(['index-first.js']);
    keepPreviousAssets(root);
    build(root, 'index-third.js');
    expect(readdirSync(join(root, 'previous-build', 'assets'))).toEqual(['index-second.js']);
    expect(readdirSync(join(root, 'dist', 'assets'))).toEqual(['index-third.js']);
  });
});
