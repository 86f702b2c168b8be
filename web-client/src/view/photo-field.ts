import type { Translator } from '../i18n';
import { errorCodeOf } from '../model/errors';
import type { PhotoUpload, UploadedPhoto } from '../net/photo-upload';
import { h } from './dom';
import { downscalePhoto } from './photo-downscale';

/** What the editor needs to send a photo and to show one: the screen gives it, with the token. */
export interface PhotoSender {
  upload(photo: Blob, onProgress: (fraction: number) => void): PhotoUpload;
  url(photoId: string): string;
  /** Shows the picture large, described by `text`. */
  enlarge(url: string, text: string): void;
}

type State =
  | { kind: 'none' }
  | { kind: 'preparing' }
  | { kind: 'uploading'; blob: Blob; upload: PhotoUpload }
  | { kind: 'failed'; blob: Blob }
  | { kind: 'ready'; photo: string; justSent: boolean };

/**
 * The note editor's photo: "Photo" opens the camera on a phone (the file picker elsewhere), the
 * picture is made smaller on the phone and sent at once with its progress shown; a failed upload
 * keeps the picture and offers "Retry". The note is saved with the photo's id once it is sent.
 */
export class PhotoField {
  readonly element: HTMLElement;
  private readonly input = h('input', {
    type: 'file',
    accept: 'image/*',
    hidden: true,
    testid: 'photo-input',
    attrs: { capture: 'environment' },
  });
  private readonly pick: HTMLButtonElement;
  private readonly preview = h('img', { className: 'photo-field-preview', testid: 'photo-preview', alt: '' });
  private readonly enlargeButton: HTMLButtonElement;
  private readonly progress = h('progress', {
    className: 'photo-progress',
    testid: 'photo-progress',
    max: 1,
    value: 0,
    attrs: { 'aria-label': this.t.t('photo.progress') },
  });
  private readonly status = h('p', { className: 'help', testid: 'photo-status', attrs: { 'aria-live': 'polite' } });
  private readonly error = h('p', { className: 'form-error', testid: 'photo-error', attrs: { role: 'alert' } });
  private readonly retry: HTMLButtonElement;
  private readonly remove: HTMLButtonElement;
  private state: State = { kind: 'none' };
  private localUrl: string | null = null;
  private shownUrl = '';
  /** Changes with every photo chosen: a late answer about an earlier one is ignored. */
  private generation = 0;

  /** `describe`: the note's text, which describes the photo shown large. */
  constructor(
    private readonly t: Translator,
    private readonly sender: PhotoSender,
    private readonly describe: () => string,
  ) {
    this.input.addEventListener('change', () => {
      const file = this.input.files?.[0];
      this.input.value = '';
      if (file) void this.choose(file);
    });
    this.pick = h(
      'button',
      { type: 'button', className: 'button secondary', testid: 'photo-pick', on: { click: () => this.input.click() } },
      t.t('photo.pick'),
    );
    this.enlargeButton = h(
      'button',
      {
        type: 'button',
        className: 'photo-field-enlarge',
        testid: 'photo-enlarge',
        attrs: { 'aria-label': t.t('photo.enlarge') },
        on: { click: () => this.shownUrl && this.sender.enlarge(this.shownUrl, this.describe()) },
      },
      this.preview,
    );
    this.retry = h(
      'button',
      { type: 'button', className: 'button primary', testid: 'photo-retry', on: { click: () => this.state.kind === 'failed' && this.send(this.state.blob) } },
      t.t('photo.retry'),
    );
    this.remove = h(
      'button',
      { type: 'button', className: 'button secondary', testid: 'photo-remove', on: { click: () => this.forget() } },
      t.t('photo.remove'),
    );
    this.element = h(
      'div',
      { className: 'photo-field stack-tight', testid: 'photo-field' },
      this.input,
      this.enlargeButton,
      this.progress,
      this.status,
      this.error,
      h('div', { className: 'photo-field-actions' }, this.pick, this.retry, this.remove),
    );
    this.render();
  }

  /** The photo the note should show: its id once sent, undefined when none. */
  get value(): string | undefined {
    return this.state.kind === 'ready' ? this.state.photo : undefined;
  }

  /** A photo is being prepared, sent, or waits for "Retry": saving now would lose it. */
  get busy(): boolean {
    return this.state.kind === 'preparing' || this.state.kind === 'uploading' || this.state.kind === 'failed';
  }

  /** The editor opens on a note: its photo, if it has one. */
  reset(photo: string | undefined): void {
    this.generation++;
    this.show(photo ? { kind: 'ready', photo, justSent: false } : { kind: 'none' });
  }

  private forget(): void {
    this.generation++;
    this.show({ kind: 'none' });
    this.pick.focus();
  }

  /** Says why saving waits, and where. */
  explainBusy(): void {
    this.error.textContent = this.t.t(this.state.kind === 'failed' ? 'photo.retryFirst' : 'photo.wait');
    (this.state.kind === 'failed' ? this.retry : this.pick).focus();
  }

  private async choose(file: File): Promise<void> {
    const generation = ++this.generation;
    this.show({ kind: 'preparing' });
    let blob: Blob;
    try {
      blob = await downscalePhoto(file);
    } catch {
      if (generation !== this.generation) return;
      this.show({ kind: 'none' });
      this.error.textContent = this.t.t('photo.unreadable');
      return;
    }
    if (generation !== this.generation) return;
    this.send(blob);
  }

  private send(blob: Blob): void {
    const generation = this.generation;
    const upload = this.sender.upload(blob, (fraction) => {
      if (generation !== this.generation) return;
      this.progress.value = fraction;
      this.status.textContent = this.t.t('photo.sending', { percent: Math.round(fraction * 100) });
    });
    this.show({ kind: 'uploading', blob, upload });
    upload.done.then(
      (sent: UploadedPhoto) => {
        if (generation === this.generation) this.show({ kind: 'ready', photo: sent.photo, justSent: true });
      },
      (error: unknown) => {
        if (generation !== this.generation) return;
        this.show({ kind: 'failed', blob });
        this.error.textContent = this.t.error(errorCodeOf(error));
      },
    );
  }

  private show(state: State): void {
    // Another photo, or none: the one on its way is not wanted any more.
    if (this.state.kind === 'uploading' && (state.kind === 'none' || state.kind === 'preparing')) this.state.upload.abort();
    this.state = state;
    this.render();
  }

  private render(): void {
    const state = this.state;
    const blob = state.kind === 'uploading' || state.kind === 'failed' ? state.blob : null;
    if (this.localUrl && (!blob || state.kind === 'none')) {
      URL.revokeObjectURL(this.localUrl);
      this.localUrl = null;
    }
    if (blob && !this.localUrl) this.localUrl = URL.createObjectURL(blob);
    this.shownUrl = state.kind === 'ready' ? this.sender.url(state.photo) : (this.localUrl ?? '');
    if (this.shownUrl && this.preview.getAttribute('src') !== this.shownUrl) this.preview.src = this.shownUrl;
    this.enlargeButton.hidden = !this.shownUrl;
    this.progress.hidden = state.kind !== 'uploading';
    if (state.kind === 'uploading') this.progress.value = 0;
    this.retry.hidden = state.kind !== 'failed';
    this.remove.hidden = state.kind === 'none' || state.kind === 'preparing';
    this.pick.textContent = this.t.t(state.kind === 'none' ? 'photo.pick' : 'photo.change');
    this.element.setAttribute('aria-busy', String(state.kind === 'preparing' || state.kind === 'uploading'));
    if (state.kind !== 'failed') this.error.textContent = '';
    this.status.textContent =
      state.kind === 'preparing'
        ? this.t.t('photo.preparing')
        : state.kind === 'uploading'
          ? this.t.t('photo.sending', { percent: 0 })
          : state.kind === 'ready' && state.justSent
            ? this.t.t('photo.sent')
            : '';
  }
}
