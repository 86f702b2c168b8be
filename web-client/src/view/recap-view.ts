import type { Translator } from '../i18n';
import { errorCodeOf } from '../model/errors';
import {
  filledZones,
  isEmptyRecap,
  keptActions,
  producingGroups,
  type AtelierSummary,
  type RecapBarometer,
  type RecapRanked,
  type RecapVote,
} from '../model/recap';
import type { Template } from '../protocol/messages';
import { distributionChart } from './barometer-view';
import type { ScreenContext } from './context';
import { h } from './dom';
import { rankingList } from './vote-results';

/** Where an atelier's work is shown: the projector (large, a glance), a phone (one column), the exhibition. */
export type RecapVariant = 'projector' | 'phone' | 'gallery';

/** On the projector a ranking and a zone are read from the back of the hall: their head only. */
const PROJECTOR_RANKED = 5;
const PROJECTOR_NOTES_PER_ZONE = 4;

function ranked(items: readonly RecapRanked[]) {
  return items.map((item) => ({ ...item, board: '', noteId: '', voters: [] }));
}

function voteView(t: Translator, vote: RecapVote, variant: RecapVariant): HTMLElement {
  const shown = variant === 'projector' ? vote.ranking.slice(0, PROJECTOR_RANKED) : vote.ranking;
  return h(
    'article',
    { className: 'recap-vote', testid: 'recap-vote' },
    h('h4', {}, vote.title || t.t('vote.defaultTitle')),
    h('p', { className: 'muted' }, t.count('recap.voters', vote.voters)),
    rankingList(t, ranked(shown), 'recap-ranking'),
  );
}

function barometerView(t: Translator, barometer: RecapBarometer): HTMLElement {
  return h(
    'article',
    { className: 'recap-barometer', testid: 'recap-barometer' },
    h('h4', {}, barometer.name),
    h(
      'div',
      { className: 'recap-scales' },
      ...barometer.indicators.map((raw, index) => {
        const indicator = t.indicator(index, raw);
        const tally = barometer.tallies[index];
        return h(
          'section',
          { className: 'recap-scale' },
          h('h5', {}, indicator.title),
          h(
            'p',
            { className: 'recap-poles', attrs: { 'aria-hidden': 'true' } },
            h('span', {}, indicator.low),
            h('span', {}, indicator.high),
          ),
          tally && distributionChart(t, tally, 'recap-barometer-chart'),
        );
      }),
    ),
  );
}

/**
 * An atelier's work: what each group wrote (by zone), the closed votes' rankings and the kept
 * actions, the barometer's distributions. Only what the server let through (nothing private).
 */
export function recapView(t: Translator, summary: AtelierSummary, variant: RecapVariant, heading: string): HTMLElement {
  const kept = keptActions(summary);
  const groups = producingGroups(summary);
  return h(
    'section',
    { className: 'recap', testid: 'recap', attrs: { 'data-variant': variant, 'aria-label': heading } },
    // On a phone the panel's summary already says it: the heading stays for screen readers.
    h('h2', { className: variant === 'phone' ? 'recap-title visually-hidden' : 'recap-title', testid: 'recap-title' }, heading),
    isEmptyRecap(summary) && h('p', { className: 'muted' }, t.t('recap.empty')),
    h(
      'div',
      { className: 'recap-main' },
      kept.length > 0 &&
        h(
          'div',
          { className: 'recap-kept card', testid: 'recap-kept' },
          h('h3', {}, t.t('recap.kept')),
          h('ul', {}, ...kept.map((action) => h('li', {}, action))),
        ),
      groups.length > 0 &&
      h(
        'div',
        { className: 'recap-groups', attrs: { 'data-groups': groups.length } },
        ...groups.map((group) =>
          h(
            'article',
            { className: 'recap-group card', testid: 'recap-group' },
            h('h3', {}, group.name),
            ...filledZones(group).map((zone) => {
              const shown = variant === 'projector' ? zone.notes.slice(0, PROJECTOR_NOTES_PER_ZONE) : zone.notes;
              const more = zone.notes.length - shown.length;
              return h(
                'section',
                { className: 'recap-zone' },
                h('h4', {}, t.zoneTitle(group.template as Template, zone)),
                h(
                  'ul',
                  { className: 'recap-notes' },
                  ...shown.map((note) =>
                    h('li', { className: `recap-note note-${note.color}`, testid: 'recap-note' }, note.text),
                  ),
                ),
                more > 0 && h('p', { className: 'recap-more' }, t.count('recap.more', more)),
              );
            }),
          ),
        ),
      ),
    ),
    (summary.votes.length > 0 || summary.barometers.length > 0) &&
      h(
        'div',
        { className: 'recap-side' },
        summary.votes.length > 0 &&
          h(
            'div',
            { className: 'recap-votes' },
            h('h3', {}, t.t('recap.votes')),
            ...summary.votes.map((vote) => voteView(t, vote, variant)),
          ),
        summary.barometers.length > 0 &&
          h(
            'div',
            { className: 'recap-barometers' },
            h('h3', {}, t.t('recap.barometer')),
            ...summary.barometers.map((barometer) => barometerView(t, barometer)),
          ),
      ),
  );
}

/** "Atelier 1 — what it produced", for the recap a later atelier opens with. */
export function recapHeading(t: Translator, summary: AtelierSummary): string {
  return t.t('recap.title', { step: summary.step, title: summary.title });
}

/** The message for a refusal of the démarche's routes, which the shared error list does not know. */
export function demarcheError(t: Translator, failure: unknown): string {
  const code = errorCodeOf(failure) as string;
  switch (code) {
    case 'next_exists':
      return t.t('demarche.error.nextExists');
    case 'demarche_complete':
      return t.t('demarche.error.complete');
    case 'not_in_demarche':
      return t.t('demarche.error.notInDemarche');
    case 'unknown_demarche':
      return t.t('demarche.error.unknown');
    default:
      return t.error(errorCodeOf(failure));
  }
}

/**
 * On a participant's phone: the previous atelier's recap, folded under its title so it never pushes
 * the board away, open at first so a newcomer sees it. Nothing at all when the workshop has none.
 */
export function recapPanel(context: ScreenContext, token: string): { element: HTMLElement } {
  const { t } = context;
  const element = h('details', { className: 'recap-panel card', testid: 'recap-panel', hidden: true, open: true });
  context.api.recap(token).then(
    (answer) => {
      if (!answer.recap) return;
      const heading = recapHeading(t, answer.recap);
      element.append(
        h('summary', { className: 'recap-summary', testid: 'recap-summary' }, heading),
        recapView(t, answer.recap, 'phone', heading),
      );
      element.hidden = false;
    },
    () => undefined,
  );
  return { element };
}
