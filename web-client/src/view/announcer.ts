import { h } from './dom';

const GATHER_MS = 1_500;
const MAX_DETAILED = 3;

/**
 * A polite live region. Announcements that come close together are read as one sentence, or as a
 * summary past a few, so a busy board does not drown a screen-reader user.
 */
export function createAnnouncer(summary: (count: number) => string) {
  const element = h('div', { className: 'visually-hidden', testid: 'live-region', attrs: { 'aria-live': 'polite' } });
  let gathered: string[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  return {
    element,
    announce(message: string): void {
      gathered.push(message);
      timer ??= setTimeout(() => {
        element.textContent = gathered.length > MAX_DETAILED ? summary(gathered.length) : gathered.join(' ');
        gathered = [];
        timer = undefined;
      }, GATHER_MS);
    },
    stop(): void {
      clearTimeout(timer);
    },
  };
}
