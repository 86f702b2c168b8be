import { errorCodeOf } from '../model/errors';
import { isOpen, shownRanking, type VoteState } from '../model/votes';
import type { VoteSettings, WorkshopSession, WorkshopState } from '../model/workshop-session';
import type { Board } from '../protocol/messages';
import type { ScreenContext } from './context';
import { h, replaceKeepingFocus } from './dom';
import { rankingList, resultView } from './vote-results';

/** Where a vote may be: a board, one of its zones, or every board (`''`). Values are `board` or `board zone`. */
function scopeOptions(context: ScreenContext, boards: readonly Board[]): HTMLOptionElement[] {
  const { t } = context;
  return [
    ...boards.flatMap((board) => [
      h('option', { value: board.id }, t.t('vote.scopeBoard', { board: board.name })),
      ...board.zones.map((zone) =>
        h(
          'option',
          { value: `${board.id} ${zone.id}` },
          t.t('vote.scopeZone', { board: board.name, zone: t.zoneTitle(board.template, zone) }),
        ),
      ),
    ]),
    h('option', { value: '' }, t.t('vote.scopeAll')),
  ];
}

/**
 * The animator's votes: a form to open one (what on, the budget, the limit per note, anonymous,
 * live), then each vote with its progress only while open, a button to close and reveal it, and its
 * results once closed. The form is built once, so what is typed survives the workshop's updates.
 */
export function voteConsole(
  context: ScreenContext,
  session: WorkshopSession,
  boards: readonly Board[],
): { element: HTMLElement; update(state: WorkshopState): void } {
  const { t } = context;
  const fail = (error: unknown) => context.toast(t.error(errorCodeOf(error)));
  const field = (id: string, label: string, input: HTMLElement) =>
    h('div', { className: 'vote-field' }, h('label', { htmlFor: id, className: 'label' }, label), input);
  const title = h('input', {
    id: 'vote-title',
    type: 'text',
    value: t.t('vote.defaultTitle'),
    testid: 'vote-title',
    maxLength: 120,
  });
  const scope = h('select', { id: 'vote-scope', testid: 'vote-scope' }, ...scopeOptions(context, boards));
  const budget = h('input', { id: 'vote-budget', type: 'number', min: '1', max: '99', value: '3', testid: 'vote-budget' });
  const maxPerItem = h('input', { id: 'vote-max', type: 'number', min: '1', max: '99', testid: 'vote-max' });
  const anonymous = h('input', { id: 'vote-anonymous', type: 'checkbox', checked: true, testid: 'vote-anonymous' });
  const live = h('input', { id: 'vote-live', type: 'checkbox', testid: 'vote-live' });
  const submit = h('button', { type: 'submit', className: 'button primary large', testid: 'vote-open' }, t.t('vote.open'));

  function settings(): VoteSettings {
    const [board, zone] = scope.value.split(' ');
    const max = maxPerItem.value.trim();
    return {
      title: title.value.trim(),
      notes: [],
      budget: Number(budget.value),
      anonymous: anonymous.checked,
      live: live.checked,
      ...(board ? { board } : {}),
      ...(zone ? { zone } : {}),
      ...(max ? { maxPerItem: Number(max) } : {}),
    };
  }

  const form = h(
    'form',
    {
      className: 'vote-form stack',
      on: {
        submit: (event: SubmitEvent) => {
          event.preventDefault();
          session.openVote(settings()).then(() => context.toast(t.t('vote.opened')), fail);
        },
      },
    },
    h('h3', {}, t.t('vote.new')),
    field('vote-title', t.t('vote.title'), title),
    field('vote-scope', t.t('vote.scope'), scope),
    h(
      'div',
      { className: 'vote-numbers' },
      field('vote-budget', t.t('vote.budget'), budget),
      field('vote-max', t.t('vote.maxPerItem'), maxPerItem),
    ),
    h('label', { className: 'checkbox' }, anonymous, t.t('vote.anonymous')),
    h('label', { className: 'checkbox' }, live, t.t('vote.live')),
    submit,
  );
  const list = h('div', { className: 'vote-list stack' });
  const element = h(
    'section',
    { className: 'vote-console card stack', testid: 'vote-console', attrs: { 'aria-labelledby': 'vote-console-title' } },
    h('h2', { id: 'vote-console-title' }, t.t('vote.console')),
    list,
    form,
  );

  function voteRow(state: VoteState): HTMLElement {
    const { vote, progress } = state;
    const ranking = shownRanking(state);
    return h(
      'article',
      { className: 'vote-row', testid: 'vote-row', attrs: { 'data-vote-id': vote.id, 'data-status': vote.status } },
      h('h3', {}, vote.title || t.t('vote.defaultTitle'), !isOpen(state) && ` — ${t.t('vote.closed')}`),
      h(
        'p',
        { testid: 'vote-progress', attrs: { 'aria-live': 'polite' } },
        t.t('vote.progress', { voters: t.count('vote.voters', progress.voters), dots: t.count('vote.dots', progress.dots) }),
      ),
      isOpen(state) &&
        h(
          'button',
          {
            type: 'button',
            className: 'button primary large',
            testid: 'vote-close',
            attrs: { 'data-vote-id': vote.id },
            on: { click: () => session.closeVote(vote.id).then(() => context.toast(t.t('vote.closedDone')), fail) },
          },
          t.t('vote.close'),
        ),
      state.result ? resultView(t, state.result) : ranking && rankingList(t, ranking),
    );
  }

  return {
    element,
    update: (state) => {
      const rows = [...state.votes].reverse().map(voteRow);
      replaceKeepingFocus(list, ...(rows.length ? rows : [h('p', { className: 'muted' }, t.t('vote.none'))]));
    },
  };
}
