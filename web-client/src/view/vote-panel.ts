import { dotsLeft, isOpen, itemKey, mayPlace, mayTakeBack, type VoteState } from '../model/votes';
import type { WorkshopSession } from '../model/workshop-session';
import type { Translator } from '../i18n';
import { errorCodeOf } from '../model/errors';
import type { ScreenContext } from './context';
import { h, replaceKeepingFocus } from './dom';
import { resultView } from './vote-results';

/**
 * A participant's ballot on its phone: each note of the latest vote with its dots, a − and a +
 * within the thumb's reach, and how many dots are left; the results once the animator closes it.
 */
export function votePanel(context: ScreenContext, session: WorkshopSession): { element: HTMLElement; update(): void } {
  const { t } = context;
  const element = h('section', {
    className: 'vote-panel card',
    testid: 'vote-panel',
    hidden: true,
    attrs: { 'aria-labelledby': 'vote-panel-title' },
  });
  const fail = (error: unknown) => context.toast(t.error(errorCodeOf(error)));

  function update(): void {
    const state = session.state;
    const shown = state?.role === 'participant' ? state.votes.at(-1) : undefined;
    element.hidden = !shown;
    if (!shown) return;
    const title = shown.vote.title || t.t('vote.defaultTitle');
    replaceKeepingFocus(
      element,
      h('h2', { id: 'vote-panel-title' }, isOpen(shown) ? title : t.t('vote.results', { title })),
      ...(isOpen(shown) ? ballot(t, shown, session, fail) : [shown.result && resultView(t, shown.result)]),
    );
  }

  return { element, update };
}

function ballot(t: Translator, shown: VoteState, session: WorkshopSession, fail: (error: unknown) => void): HTMLElement[] {
  const { vote } = shown;
  return [
    h(
      'p',
      { className: 'vote-left', testid: 'vote-left', attrs: { 'aria-live': 'polite' } },
      t.count('vote.left', dotsLeft(shown)),
    ),
    h('p', { className: 'help' }, t.t('vote.rules', { budget: vote.budget, max: vote.maxPerItem }), ' ', t.t('vote.secret')),
    h(
      'ul',
      { className: 'vote-items' },
      ...vote.items.map((item) => {
        const key = itemKey(item);
        const mine = shown.mine[key] ?? 0;
        return h(
          'li',
          { className: 'vote-item', testid: 'vote-item', attrs: { 'data-note-id': item.noteId, 'data-mine': mine } },
          h('span', { className: 'vote-item-text' }, item.text),
          h(
            'span',
            { className: 'vote-dots', attrs: { 'aria-hidden': 'true' } },
            ...Array.from({ length: mine }, () => h('span', { className: 'vote-dot' })),
          ),
          h('span', { className: 'visually-hidden' }, t.count('vote.mine', mine)),
          h(
            'span',
            { className: 'vote-buttons' },
            h(
              'button',
              {
                type: 'button',
                className: 'button secondary vote-button',
                testid: 'vote-remove',
                disabled: !mayTakeBack(shown, key),
                attrs: { 'aria-label': t.t('vote.remove', { text: item.text }), 'data-board-id': key },
                on: { click: () => session.moveDot(vote.id, item, true).catch(fail) },
              },
              '−',
            ),
            h(
              'button',
              {
                type: 'button',
                className: 'button primary vote-button',
                testid: 'vote-add',
                disabled: !mayPlace(shown, key),
                attrs: { 'aria-label': t.t('vote.add', { text: item.text }), 'data-board-id': key },
                on: { click: () => session.moveDot(vote.id, item).catch(fail) },
              },
              '+',
            ),
          ),
        );
      }),
    ),
  ];
}
