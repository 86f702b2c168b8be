import type { Translator } from '../i18n';
import type { BoardCanvas } from './board-canvas';
import { h } from './dom';
import { fitZoom } from './geometry';

const MIN_FACTOR = 0.4;
const MAX_FACTOR = 2.5;
const STEP = 1.25;

const clamp = (factor: number) => Math.min(MAX_FACTOR, Math.max(MIN_FACTOR, factor));

/**
 * How big the board is drawn. On its own it fits every column into a tablet's width with the text
 * kept at its usual size; an animator may zoom out and in on top of that, by buttons or by pinching.
 */
export class BoardZoom {
  readonly controls: HTMLElement | null = null;
  private factor = 1;
  private readonly level = h('button', { type: 'button', className: 'button ghost zoom-level', testid: 'zoom-reset' });
  private readonly resize = new ResizeObserver(() => this.apply());
  private pinch: { distance: number; factor: number } | null = null;

  constructor(
    private readonly t: Translator,
    private readonly scroller: HTMLElement,
    private readonly canvas: BoardCanvas,
    private readonly zoneCount: () => number,
    zoomable: boolean,
  ) {
    this.resize.observe(scroller);
    if (!zoomable) return;
    const button = (testid: string, label: string, text: string, change: () => void) =>
      h('button', { type: 'button', className: 'button ghost', testid, attrs: { 'aria-label': label }, on: { click: change } }, text);
    this.level.addEventListener('click', () => this.setFactor(1));
    this.controls = h(
      'div',
      { className: 'zoom-controls', attrs: { role: 'group', 'aria-label': t.t('zoom.group') } },
      button('zoom-out', t.t('zoom.out'), '−', () => this.setFactor(this.factor / STEP)),
      this.level,
      button('zoom-in', t.t('zoom.in'), '+', () => this.setFactor(this.factor * STEP)),
    );
    scroller.classList.add('is-zoomable');
    scroller.addEventListener('touchstart', (event) => this.startPinch(event), { passive: true });
    scroller.addEventListener('touchmove', (event) => this.movePinch(event), { passive: false });
    scroller.addEventListener('touchend', () => (this.pinch = null));
    scroller.addEventListener('touchcancel', () => (this.pinch = null));
  }

  apply(): void {
    const fit = fitZoom(this.scroller.clientWidth, this.zoneCount());
    this.canvas.setZoom(Math.round(fit * this.factor * 1000) / 1000, Math.ceil(1000 / fit) / 1000);
    this.level.textContent = `${Math.round(this.factor * 100)} %`;
    this.level.setAttribute('aria-label', this.t.t('zoom.reset', { percent: Math.round(this.factor * 100) }));
  }

  stop(): void {
    this.resize.disconnect();
  }

  private setFactor(factor: number): void {
    this.factor = Math.round(clamp(factor) * 100) / 100;
    this.apply();
  }

  private startPinch(event: TouchEvent): void {
    if (event.touches.length === 2) this.pinch = { distance: spread(event.touches), factor: this.factor };
  }

  private movePinch(event: TouchEvent): void {
    if (!this.pinch || event.touches.length !== 2) return;
    event.preventDefault();
    this.setFactor((this.pinch.factor * spread(event.touches)) / this.pinch.distance);
  }
}

function spread(touches: TouchList): number {
  const [a, b] = [touches[0]!, touches[1]!];
  return Math.max(1, Math.hypot(a.clientX - b.clientX, a.clientY - b.clientY));
}
