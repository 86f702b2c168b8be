import type { Translator } from '../i18n';
import { h } from './dom';

/**
 * A photo shown large, over everything: a modal dialog (focus stays inside, Escape or "Close"
 * closes it and the focus goes back where it was), the picture described by the note's text.
 */
export class PhotoViewer {
  readonly element: HTMLDialogElement;
  private readonly image = h('img', { className: 'photo-viewer-image', testid: 'photo-viewer-image', alt: '' });
  private readonly caption = h('p', { className: 'photo-viewer-caption', id: 'photo-viewer-caption' });

  constructor(t: Translator) {
    const close = h(
      'button',
      { type: 'button', className: 'button secondary', testid: 'photo-viewer-close', on: { click: () => this.close() } },
      t.t('photo.close'),
    );
    this.element = h(
      'dialog',
      {
        className: 'photo-viewer',
        testid: 'photo-viewer',
        attrs: { 'aria-labelledby': 'photo-viewer-caption' },
        // A tap on the backdrop (outside the picture and its caption) closes it too.
        on: { click: (event) => event.target === this.element && this.close() },
      },
      this.image,
      this.caption,
      close,
    );
  }

  open(url: string, text: string): void {
    this.image.src = url;
    this.image.alt = text;
    this.caption.textContent = text;
    if (!this.element.isConnected) document.body.append(this.element);
    if (!this.element.open) this.element.showModal();
  }

  close(): void {
    if (this.element.open) this.element.close();
  }
}
