import type { Translator } from '../i18n';
import { h } from './dom';

/** Past this share of the limit, a counter that was not shown from the start appears. */
const NEAR_LIMIT = 0.8;

type TextField = HTMLInputElement | HTMLTextAreaElement;

const length = (text: string) => [...text].length;
const firstChars = (text: string, count: number) => [...text].slice(0, Math.max(0, count)).join('');

/**
 * A limit that says so: a counter (from the start, or from 80 %) and, when typing or pasting goes
 * past the limit, the text is cut where it was inserted and the person is told how much was cut.
 * Lengths are counted in characters (code points), as the server counts them.
 */
export function limitLength(
  t: Translator,
  field: TextField,
  max: number,
  { counterFromStart = false, id = field.id } = {},
): { element: HTMLElement; refresh(): void } {
  const counter = h('span', { className: 'counter', id: `${id}-counter` });
  const message = h('span', { className: 'limit-message', testid: `${id}-cut`, attrs: { role: 'status' } });
  field.setAttribute('aria-describedby', [field.getAttribute('aria-describedby'), counter.id].filter(Boolean).join(' '));

  let before = { value: field.value, start: 0, end: 0 };
  field.addEventListener('beforeinput', () => {
    before = { value: field.value, start: field.selectionStart ?? field.value.length, end: field.selectionEnd ?? field.value.length };
  });
  field.addEventListener('input', () => {
    const over = length(field.value) - max;
    message.textContent = over > 0 ? t.count('limit.cut', over, { max }) : '';
    if (over > 0) cutInserted();
    refresh();
  });

  /** Keeps what was there and as much of the insertion as fits. */
  function cutInserted(): void {
    const prefix = before.value.slice(0, before.start);
    const suffix = before.value.slice(before.end);
    const matches = field.value.startsWith(prefix) && field.value.endsWith(suffix);
    if (!matches) {
      field.value = firstChars(field.value, max);
      return;
    }
    const inserted = field.value.slice(prefix.length, field.value.length - suffix.length);
    const kept = firstChars(inserted, max - length(prefix) - length(suffix));
    field.value = prefix + kept + suffix;
    field.setSelectionRange(prefix.length + kept.length, prefix.length + kept.length);
  }

  function refresh(): void {
    const count = length(field.value);
    const shown = counterFromStart || count >= max * NEAR_LIMIT;
    counter.textContent = shown ? t.t('limit.counter', { count, max }) : '';
    counter.classList.toggle('is-near', count >= max * NEAR_LIMIT);
  }

  field.addEventListener('focus', () => (message.textContent = ''));
  refresh();
  return {
    element: h('div', { className: 'limit' }, counter, message),
    refresh: () => {
      message.textContent = '';
      refresh();
    },
  };
}
