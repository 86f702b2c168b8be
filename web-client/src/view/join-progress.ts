import type { Translator } from '../i18n';
import { h, replaceChildren } from './dom';

/** What joining goes through: the code checked, the person's identity (token), their board's first snapshot. */
export type JoinStep = 'code' | 'identity' | 'board';

const STEPS: readonly JoinStep[] = ['code', 'identity', 'board'];

/** A join answered sooner than this shows nothing: the progress is for a busy server, not a flicker on every join. */
export const SLOW_JOIN_MS = 600;

export interface JoinProgress {
  readonly element: HTMLElement;
  /** The steps before `step` are done, `step` is under way; shown once it has lasted {@link SLOW_JOIN_MS}. */
  reach(step: JoinStep): void;
  /** Done (or given up): hidden, and no timer left behind. */
  stop(): void;
}

/**
 * "Connexion en cours…" with the steps of a join, for when the server is busy (everyone scanning the
 * QR code at once): the person sees it moving instead of a frozen screen. A polite live region, so a
 * screen reader says each step without interrupting.
 */
export function joinProgress(t: Translator): JoinProgress {
  const list = h('ol', { className: 'join-progress-steps' });
  const element = h(
    'div',
    { className: 'join-progress', testid: 'join-progress', hidden: true, attrs: { role: 'status', 'aria-live': 'polite' } },
    h('p', { className: 'join-progress-title' }, t.t('joinProgress.title')),
    list,
    h('p', { className: 'help' }, t.t('joinProgress.busy')),
  );
  let timer: ReturnType<typeof setTimeout> | undefined;

  function render(current: JoinStep): void {
    const reached = STEPS.indexOf(current);
    replaceChildren(
      list,
      ...STEPS.map((step, index) => {
        const state = index < reached ? 'done' : index === reached ? 'current' : 'todo';
        return h(
          'li',
          { className: `join-progress-step is-${state}`, testid: `join-progress-${step}`, attrs: { 'data-state': state } },
          t.t('joinProgress.line', { step: t.t(`joinProgress.step.${step}`), state: t.t(`joinProgress.state.${state}`) }),
        );
      }),
    );
  }

  return {
    element,
    reach(step) {
      render(step);
      if (timer === undefined && element.hidden) {
        timer = setTimeout(() => {
          timer = undefined;
          element.hidden = false;
        }, SLOW_JOIN_MS);
      }
    },
    stop() {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      element.hidden = true;
    },
  };
}
