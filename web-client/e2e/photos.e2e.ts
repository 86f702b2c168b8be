import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, inject, it } from 'vitest';
import { createWorkshop } from './support/api';
import { newContext, PROJECTOR } from './support/chromium';
import { phoneOnBoard } from './support/phones';
import { useBrowserSuite } from './support/suite';
import { centerOf, touchTap } from './support/touch';
import { byTestId, notesWithText, waitForNothingPending } from './support/ui';

const baseUrl = inject('parvisUrl');
const SCREENSHOTS = join(dirname(fileURLToPath(import.meta.url)), '../../docs/screenshots');
const TEXT = 'Le lavoir de la place, à rouvrir';

/** "Exif\0\0" and a TIFF whose GPS IFD holds a latitude of 43N, as a phone camera writes it. */
function exifWithGps(): Buffer {
  const tiff = Buffer.alloc(44);
  tiff.write('MM', 0, 'latin1');
  tiff.writeUInt16BE(42, 2);
  tiff.writeUInt32BE(8, 4);
  tiff.writeUInt16BE(1, 8);
  tiff.writeUInt16BE(0x8825, 10);
  tiff.writeUInt16BE(4, 12);
  tiff.writeUInt32BE(1, 14);
  tiff.writeUInt32BE(26, 18);
  tiff.writeUInt16BE(1, 26);
  tiff.writeUInt16BE(0x0001, 28);
  tiff.writeUInt16BE(2, 30);
  tiff.writeUInt32BE(4, 32);
  tiff.write('43N\0', 36, 'latin1');
  const payload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const header = Buffer.from([0xff, 0xe1, (payload.length + 2) >> 8, (payload.length + 2) & 0xff]);
  return Buffer.concat([header, payload]);
}

/** Width and height from a JPEG's frame header. */
function jpegSize(bytes: Buffer): { width: number; height: number } {
  let at = 2;
  while (at < bytes.length) {
    const marker = bytes[at + 1]!;
    if (marker >= 0xc0 && marker <= 0xc2) return { height: bytes.readUInt16BE(at + 5), width: bytes.readUInt16BE(at + 7) };
    at += 2 + bytes.readUInt16BE(at + 2);
  }
  throw new Error('no frame header');
}

describe('a photo note from a phone to the projector', () => {
  const suite = useBrowserSuite(baseUrl);

  it('a 360×740 phone picks a photo, sees it sent, retries after a failure, and the projector shows it large', async () => {
    const { workshop, animatorToken, observerToken } = await createWorkshop(baseUrl, {
      title: 'Atelier 1 — Baromètre et images',
      groups: [{ name: 'Cadre de vie', template: 'free' }],
    });
    const board = workshop.boards[0]!.id;
    const shown = await suite.bridge.request<{ ok: boolean }>(animatorToken, { type: 'plenary.show', id: `show-${board}`, boards: [board] });
    expect(shown.ok).toBe(true);
    const projectorContext = await newContext(suite.browser, baseUrl, PROJECTOR);
    suite.contexts.push(projectorContext);
    const projector = await projectorContext.newPage();
    await projector.goto(`/#/o/${observerToken}`);
    await byTestId(projector, 'plenary-board').waitFor();

    const phone = await phoneOnBoard(suite, baseUrl, workshop.code, 'Sylvie', board);
    const { page, context } = phone;
    // A camera's photo: 3000×2250, with the GPS position in its EXIF block.
    const camera = Buffer.from(
      await page.evaluate(async () => {
        const canvas = document.createElement('canvas');
        canvas.width = 3000;
        canvas.height = 2250;
        const drawing = canvas.getContext('2d')!;
        const sky = drawing.createLinearGradient(0, 0, 0, 2250);
        sky.addColorStop(0, '#7fb3e0');
        sky.addColorStop(1, '#e8d9b0');
        drawing.fillStyle = sky;
        drawing.fillRect(0, 0, 3000, 2250);
        let seed = 7;
        for (let i = 0; i < 400; i++) {
          seed = (seed * 16807) % 2147483647;
          drawing.fillStyle = `hsl(${seed % 360} 45% ${30 + (seed % 40)}%)`;
          drawing.fillRect(seed % 2900, (seed >> 8) % 2150, 40 + (seed % 260), 30 + ((seed >> 4) % 200));
        }
        const blob = await new Promise<Blob>((resolve) => canvas.toBlob((made) => resolve(made!), 'image/jpeg', 0.92));
        return Array.from(new Uint8Array(await blob.arrayBuffer()));
      }),
    );
    const withGps = Buffer.concat([camera.subarray(0, 2), exifWithGps(), camera.subarray(2)]);
    const file = join(mkdtempSync(join(tmpdir(), 'parvis-photo-')), 'IMG_2041.jpg');
    writeFileSync(file, withGps);

    await touchTap(context, page, await centerOf(byTestId(page, 'add-note-button')));
    const editor = byTestId(page, 'note-editor');
    await editor.waitFor();
    await byTestId(editor, 'note-editor-text').fill(TEXT);
    expect(await byTestId(editor, 'photo-input').getAttribute('accept')).toBe('image/*');
    expect(await byTestId(editor, 'photo-input').getAttribute('capture')).toBe('environment');

    // The network drops the first upload: the photo stays, with "Réessayer".
    await page.route('**/api/photos', (route) => route.abort('internetdisconnected'));
    await byTestId(editor, 'photo-input').setInputFiles(file);
    await byTestId(editor, 'photo-retry').waitFor();
    expect(await byTestId(editor, 'photo-error').textContent()).toContain('réseau');
    expect(await byTestId(editor, 'photo-preview').evaluate((image: HTMLImageElement) => image.naturalWidth)).toBe(1600);
    await page.unroute('**/api/photos');

    // On a slow uplink the progress shows while it goes.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 150,
      downloadThroughput: 400 * 1024,
      uploadThroughput: 48 * 1024,
    });
    let uploaded: { bytes: Buffer; type: string | null; nosniff: string | null } | null = null;
    page.on('response', async (response) => {
      if (!response.url().endsWith('/api/photos') || response.status() !== 201) return;
      const { url } = (await response.json()) as { url: string };
      const served = await fetch(`${baseUrl}${url}`);
      uploaded = {
        bytes: Buffer.from(await served.arrayBuffer()),
        type: served.headers.get('content-type'),
        nosniff: served.headers.get('x-content-type-options'),
      };
    });
    await touchTap(context, page, await centerOf(byTestId(editor, 'photo-retry')));
    await page.waitForFunction(() => {
      const progress = document.querySelector<HTMLProgressElement>('[data-testid="photo-progress"]');
      return progress !== null && !progress.hidden && progress.value > 0 && progress.value < 1;
    });
    expect(await byTestId(editor, 'photo-status').textContent()).toMatch(/^Envoi de la photo… \d+ %$/);
    await page.waitForFunction(() => document.querySelector('[data-testid="photo-status"]')?.textContent === 'Photo envoyée.', null, {
      timeout: 45_000,
    });
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });

    await touchTap(context, page, await centerOf(byTestId(editor, 'note-editor-done')));
    await editor.waitFor({ state: 'hidden' });
    const note = notesWithText(page, TEXT);
    await note.waitFor();
    await waitForNothingPending(page);

    // What left the phone: 1600 px on its long side, JPEG, no EXIF; served as a picture.
    await expect.poll(() => uploaded).not.toBeNull();
    const sent = uploaded! as { bytes: Buffer; type: string | null; nosniff: string | null };
    expect(sent.type).toBe('image/jpeg');
    expect(sent.nosniff).toBe('nosniff');
    expect(jpegSize(sent.bytes)).toEqual({ width: 1600, height: 1200 });
    expect(sent.bytes.includes(Buffer.from('Exif', 'latin1'))).toBe(false);
    expect(sent.bytes.includes(Buffer.from('43N', 'latin1'))).toBe(false);
    console.log(`photo note: camera file ${withGps.length} bytes, sent ${sent.bytes.length} bytes (1600×1200 JPEG)`);

    // The thumbnail on the phone; a tap on it shows the photo large, described by the note's text.
    const thumbnail = byTestId(note, 'note-photo');
    await page.waitForFunction(() => (document.querySelector('[data-testid="note"] img[data-testid="note-photo"]') as HTMLImageElement | null)?.naturalWidth === 1600);
    await touchTap(context, page, await centerOf(thumbnail));
    const viewer = byTestId(page, 'photo-viewer');
    await viewer.waitFor();
    expect(await byTestId(viewer, 'photo-viewer-image').getAttribute('alt')).toBe(TEXT);
    expect(await editor.isHidden()).toBe(true);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, 'photo-note-phone.png'), animations: 'disabled', caret: 'hide', scale: 'css' });
    await page.keyboard.press('Escape');
    await viewer.waitFor({ state: 'hidden' });
    expect(await thumbnail.evaluate((image: HTMLImageElement) => image.getBoundingClientRect().height)).toBeGreaterThan(40);
    await page.screenshot({ path: join(SCREENSHOTS, 'photo-note-board-phone.png'), animations: 'disabled', caret: 'hide', scale: 'css' });

    // The projector: the note with its photo, large.
    const onProjector = notesWithText(projector, TEXT);
    await onProjector.waitFor();
    await projector.waitForFunction(() => (document.querySelector('[data-testid="plenary-board"] img[data-testid="note-photo"]') as HTMLImageElement | null)?.complete === true);
    const box = await byTestId(onProjector, 'note-photo').boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(180);
    expect(await byTestId(onProjector, 'note-photo').evaluate((image: HTMLImageElement) => image.naturalWidth)).toBe(1600);
    await projector.screenshot({ path: join(SCREENSHOTS, 'photo-note-1080p.png'), animations: 'disabled', caret: 'hide' });
  });
});
