// Before a build empties dist/, keep the assets of the build it holds in previous-build/assets
// (replacing the ones of the build before): the jar packs both, so a phone that loaded the previous
// page just before an upgrade still finds its script. Two builds are kept, never more.
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function keepPreviousAssets(root) {
  const current = join(root, 'dist', 'assets');
  const previous = join(root, 'previous-build', 'assets');
  if (!existsSync(current)) return false;
  rmSync(previous, { recursive: true, force: true });
  mkdirSync(join(root, 'previous-build'), { recursive: true });
  renameSync(current, previous);
  return true;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  keepPreviousAssets(join(fileURLToPath(new URL('.', import.meta.url)), '..'));
}
