import type { Translator } from '../i18n';
import { isOpen, shownRanking, type VoteState } from '../model/votes';
import type { RankedItem, VoteResult } from '../protocol/messages';
import { h } from './dom';

/** A ranking, most dots first; notes with as many dots share a rank and say "ex æquo". */
export function rankingList(t: Translator, ranking: readonly RankedItem[], testid = 'vote-ranking'): HTMLElement {
  return h(
    'ol',
    { className: 'vote-ranking', testid },
    ...ranking.map((item) =>
      h(
        'li',
        {
          className: 'vote-ranked',
          testid: 'vote-ranked',
          attrs: {
            'data-rank': item.rank,
            'data-tied': item.tied,
            ...(item.cluster === undefined ? { 'data-note-id': item.noteId ?? '' } : { 'data-cluster-id': item.cluster }),
          },
        },
        h('span', { className: 'vote-rank', attrs: { 'aria-hidden': 'true' } }, String(item.rank)),
        h(
          'span',
          { className: 'vote-ranked-text' },
          h('span', { className: 'visually-hidden' }, `${item.rank}. `),
          item.cluster === undefined ? item.text : clusterLine(t, item),
          item.voters.length > 0 &&
            h('span', { className: 'vote-names' }, t.t('vote.names', { names: item.voters.join(', ') })),
        ),
        h(
          'span',
          { className: 'vote-ranked-dots' },
          t.count('vote.dots', item.dots),
          item.tied && h('span', { className: 'vote-tie', testid: 'vote-tie' }, t.t('vote.tie')),
        ),
      ),
    ),
  );
}

/** The whole result: the ranking, then one ranking per participant category that had at least 3 voters. */
export function resultView(t: Translator, result: VoteResult): HTMLElement {
  return h(
    'div',
    { className: 'vote-result' },
    h('p', { className: 'vote-voters', testid: 'vote-voters' }, t.count('vote.voters', result.voters)),
    rankingList(t, result.ranking),
    result.categories.length > 0 &&
      h(
        'div',
        { className: 'vote-categories', testid: 'vote-categories' },
        h('h3', {}, t.t('vote.byCategory')),
        ...result.categories.map((split) =>
          h(
            'section',
            { className: 'vote-category', attrs: { 'data-category': split.category } },
            h(
              'h4',
              {},
              t.t('vote.categoryVoters', { category: categoryName(t, split.category), count: split.voters }),
            ),
            rankingList(t, split.ranking.filter((item) => item.dots > 0), 'vote-category-ranking'),
          ),
        ),
      ),
  );
}

function categoryName(t: Translator, category: string): string {
  switch (category) {
    case 'elu':
    case 'acteur':
    case 'habitant':
    case 'autre':
      return t.t(`vote.category.${category}`);
    default:
      return category;
  }
}

/** The plenary's view of a vote: its progress while open (and the live ranking), its results once closed. */
export function plenaryVoteView(t: Translator, state: VoteState): HTMLElement {
  const title = state.vote.title || t.t('vote.defaultTitle');
  const ranking = shownRanking(state);
  return h(
    'div',
    { className: 'plenary-vote-inner', attrs: { 'data-status': state.vote.status } },
    h('h2', { className: 'plenary-vote-title' }, isOpen(state) ? title : t.t('vote.results', { title })),
    isOpen(state) &&
      h(
        'p',
        { className: 'plenary-vote-progress', testid: 'plenary-vote-progress' },
        t.t('vote.inProgress'),
        ' — ',
        t.count('vote.voters', state.progress.voters),
      ),
    state.result ? resultView(t, state.result) : ranking && rankingList(t, ranking),
  );
}

/** A cluster's line: its title (or "untitled") and how many of its notes it stands for. */
function clusterLine(t: Translator, item: RankedItem): string {
  return `${item.text || t.t('cluster.untitled')} (${t.count('cluster.count', item.notes ?? 0)})`;
}
