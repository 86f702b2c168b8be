import { errorCodeOf } from '../model/errors';
import { ballotVote, dotsLeft, isOpen, itemKey, mayPlace, mayTakeBack, type VoteState } from '../model/votes';
import type { WorkshopSession } from '../model/workshop-session';
import type { Translator } from '../i18n';
import type { VoteItem } from '../protocol/messages';
import type { ScreenContext } from './context';
import { h, replaceChildren } from './dom';
import { resultView } from './vote-results';

interface ItemRow {
  readonly element: HTMLElement;
  update(state: VoteState): void;
}

/**
 * A participant's ballot on its phone: each note of the latest open vote with its dots, a − and a +
 * within the thumb's reach, and how many dots are left; the results once the animator closes it.
 * The ballot is built once per vote and then updated in place: someone else's dot (its progress)
 * must never replace the button under a finger.
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
  const left = h('p', { className: 'vote-left', testid: 'vote-left', attrs: { 'aria-live': 'polite' } });
  let built: { vote: string; status: string; rows: ItemRow[] } | null = null;

  function build(shown: VoteState): ItemRow[] {
    const { vote } = shown;
    const title = vote.title || t.t('vote.defaultTitle');
    const open = isOpen(shown);
    const move = (item: VoteItem) => (takeBack: boolean) => void session.moveDot(vote.id, item, takeBack).catch(fail);
    // A note of a cluster says so: the results count the cluster's notes as one line.
    const clusterTitles = new Map<string, string>();
    for (const cluster of vote.clusters ?? []) {
      for (const noteId of cluster.notes) clusterTitles.set(itemKey({ board: cluster.board, noteId }), cluster.title || t.t('cluster.untitled'));
    }
    const rows = open ? vote.items.map((item) => itemRow(t, item, move(item), clusterTitles.get(itemKey(item)))) : [];
    const rules =
      vote.maxPerItem < vote.budget
        ? t.t('vote.rulesLimit', { budget: vote.budget, max: vote.maxPerItem })
        : t.t('vote.rules', { budget: vote.budget });
    replaceChildren(
      element,
      h('h2', { id: 'vote-panel-title' }, open ? title : t.t('vote.results', { title })),
      open && left,
      open && h('p', { className: 'help' }, rules, ' ', t.t('vote.secret')),
      open && h('ul', { className: 'vote-items' }, ...rows.map((row) => row.element)),
      shown.result && resultView(t, shown.result),
    );
    return rows;
  }

  function update(): void {
    const state = session.state;
    const shown = state?.role === 'participant' ? ballotVote(state.votes) : undefined;
    element.hidden = !shown;
    if (!shown) return;
    if (built?.vote !== shown.vote.id || built.status !== shown.vote.status) {
      built = { vote: shown.vote.id, status: shown.vote.status, rows: build(shown) };
    }
    left.textContent = t.count('vote.left', dotsLeft(shown));
    built.rows.forEach((row) => row.update(shown));
  }

  return { element, update };
}

function itemRow(t: Translator, item: VoteItem, moveDot: (takeBack: boolean) => void, cluster?: string): ItemRow {
  const key = itemKey(item);
  const dots = h('span', { className: 'vote-dots', attrs: { 'aria-hidden': 'true' } });
  const count = h('span', { className: 'visually-hidden' });
  const button = (testid: string, label: string, text: string, takeBack: boolean) =>
    h(
      'button',
      {
        type: 'button',
        className: `button ${takeBack ? 'secondary' : 'primary'} vote-button`,
        testid,
        attrs: { 'aria-label': label },
        on: { click: () => moveDot(takeBack) },
      },
      text,
    );
  const remove = button('vote-remove', t.t('vote.remove', { text: item.text }), '−', true);
  const add = button('vote-add', t.t('vote.add', { text: item.text }), '+', false);
  const element = h(
    'li',
    { className: 'vote-item', testid: 'vote-item', attrs: { 'data-note-id': item.noteId } },
    h(
      'span',
      { className: 'vote-item-text' },
      cluster !== undefined && h('span', { className: 'vote-item-cluster', testid: 'vote-item-cluster' }, t.t('cluster.groupInto', { title: cluster })),
      item.text,
    ),
    dots,
    count,
    h('span', { className: 'vote-buttons' }, remove, add),
  );
  return {
    element,
    update: (state) => {
      const mine = state.mine[key] ?? 0;
      if (element.dataset.mine === String(mine) && add.disabled === !mayPlace(state, key)) return;
      element.dataset.mine = String(mine);
      replaceChildren(dots, ...Array.from({ length: mine }, () => h('span', { className: 'vote-dot' })));
      count.textContent = t.count('vote.mine', mine);
      remove.disabled = !mayTakeBack(state, key);
      add.disabled = !mayPlace(state, key);
    },
  };
}
