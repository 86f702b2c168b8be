import { h } from './dom';

const TOAST_MS = 6_000;
const MAX_TOASTS = 3;

/** Short messages that read themselves out (role=alert) and go away on their own or on a tap. */
export function createToasts(closeLabel: () => string): { element: HTMLElement; show(message: string): void } {
  const element = h('div', { className: 'toasts' });
  const show = (message: string) => {
    const existing = [...element.children].find((toast) => toast.firstChild?.textContent === message);
    existing?.remove();
    const toast = h(
      'div',
      { className: 'toast', testid: 'toast', attrs: { role: 'alert' } },
      h('span', {}, message),
      h(
        'button',
        {
          type: 'button',
          className: 'toast-close',
          attrs: { 'aria-label': closeLabel() },
          on: { click: () => toast.remove() },
        },
        '×',
      ),
    );
    element.append(toast);
    while (element.children.length > MAX_TOASTS) element.firstElementChild?.remove();
    setTimeout(() => toast.remove(), TOAST_MS);
  };
  return { element, show };
}
