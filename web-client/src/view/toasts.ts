import { h } from './dom';

const TOAST_MS = 6_000;
const MAX_TOASTS = 3;

/** A button in a toast, such as "Annuler" after a deletion; the toast goes once it is pressed. */
export interface ToastAction {
  label: string;
  run(): void;
}

export interface ToastOptions {
  action?: ToastAction;
  durationMs?: number;
}

export interface Toasts {
  element: HTMLElement;
  show(message: string, options?: ToastOptions): void;
}

/**
 * Short messages that read themselves out and go away on their own or on a tap. Plain messages are
 * alerts; a message with an action (an undo) is a status, so it does not cut a screen reader short.
 */
export function createToasts(closeLabel: () => string): Toasts {
  const element = h('div', { className: 'toasts' });
  const show = (message: string, { action, durationMs = TOAST_MS }: ToastOptions = {}) => {
    const existing = [...element.children].find((toast) => toast.firstChild?.textContent === message);
    existing?.remove();
    const dismiss = () => {
      clearTimeout(timer);
      toast.remove();
    };
    const toast = h(
      'div',
      { className: 'toast', testid: 'toast', attrs: { role: action ? 'status' : 'alert' } },
      h('span', {}, message),
      action &&
        h(
          'button',
          {
            type: 'button',
            className: 'toast-action',
            testid: 'toast-action',
            on: {
              click: () => {
                dismiss();
                action.run();
              },
            },
          },
          action.label,
        ),
      h(
        'button',
        {
          type: 'button',
          className: 'toast-close',
          attrs: { 'aria-label': closeLabel() },
          on: { click: dismiss },
        },
        '×',
      ),
    );
    element.append(toast);
    while (element.children.length > MAX_TOASTS) element.firstElementChild?.remove();
    const timer = setTimeout(dismiss, durationMs);
  };
  return { element, show };
}
