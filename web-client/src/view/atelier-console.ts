import { errorCodeOf } from '../model/errors';
import { axisSplit, MAX_AXES, typedAxes } from '../model/axes';
import type { WorkshopSession, WorkshopState } from '../model/workshop-session';
import type { ScreenContext } from './context';
import { h, replaceChildren } from './dom';

const DEFAULT_KEEP = 4;
const MAX_KEEP = 8;

/**
 * The animator's part of the ateliers: once a vote is closed, "Approfondir les actions retenues"
 * (a Qui / Quoi / Quand / Ressources board per kept action); for the lead animator, the thematic
 * axes (up to six, a board each) and then the split of the room by axis, with the people without
 * one to place. Built once: what is typed survives the workshop's updates.
 */
export function atelierConsole(
  context: ScreenContext,
  session: WorkshopSession,
): { element: HTMLElement; update(state: WorkshopState): void } {
  const { t } = context;
  const fail = (error: unknown) => context.toast(t.error(errorCodeOf(error)));

  const voteSelect = h('select', { id: 'deepen-vote', testid: 'deepen-vote' });
  const keep = h('input', {
    id: 'deepen-keep',
    type: 'number',
    min: '1',
    max: String(MAX_KEEP),
    value: String(DEFAULT_KEEP),
    testid: 'deepen-keep',
  });
  const deepenButton = h(
    'button',
    {
      type: 'button',
      className: 'button primary',
      testid: 'deepen-submit',
      on: {
        click: () => {
          deepenButton.disabled = true;
          session
            .deepenActions(voteSelect.value, Number(keep.value) || DEFAULT_KEEP)
            .then(() => context.toast(t.t('atelier.deepenDone')), fail)
            .finally(() => (deepenButton.disabled = false));
        },
      },
    },
    t.t('atelier.deepenSubmit'),
  );
  const deepen = h(
    'section',
    { className: 'atelier-deepen card stack', testid: 'deepen', hidden: true, attrs: { 'aria-labelledby': 'deepen-title' } },
    h('h2', { id: 'deepen-title' }, t.t('atelier.deepenTitle')),
    h('p', { className: 'help' }, t.t('atelier.deepenHelp')),
    h('label', { htmlFor: 'deepen-vote', className: 'label' }, t.t('atelier.deepenVote')),
    voteSelect,
    h('label', { htmlFor: 'deepen-keep', className: 'label' }, t.t('atelier.deepenKeep')),
    keep,
    deepenButton,
  );

  const axisInputs = Array.from({ length: MAX_AXES }, (_, index) =>
    h('input', { id: `axis-${index + 1}`, testid: 'axis-input', attrs: { 'aria-label': t.t('axes.input', { n: index + 1 }) } }),
  );
  const axesForm = h(
    'form',
    {
      className: 'stack',
      noValidate: true,
      on: {
        submit: (event: SubmitEvent) => {
          event.preventDefault();
          const axes = typedAxes(axisInputs.map((input) => input.value));
          if (!axes.length) {
            axisInputs[0]!.focus();
            return;
          }
          session.setAxes(axes).then(() => context.toast(t.t('axes.created')), fail);
        },
      },
    },
    h('ol', { className: 'axis-inputs' }, ...axisInputs.map((input) => h('li', {}, input))),
    h('button', { type: 'submit', className: 'button primary', testid: 'axes-submit' }, t.t('axes.submit')),
  );
  const split = h('div', { className: 'axis-split', testid: 'axis-split', attrs: { 'aria-live': 'polite' } });
  const axes = h(
    'details',
    { className: 'atelier-axes card', testid: 'axes' },
    h('summary', {}, h('h2', { className: 'atelier-axes-title' }, t.t('axes.title'))),
    h('p', { className: 'help' }, t.t('axes.help')),
    axesForm,
    split,
  );
  const element = h('div', { className: 'atelier-console stack' }, deepen, axes);

  function renderSplit(state: WorkshopState): void {
    const { axes: groups, unassigned, spread } = axisSplit(state.workshop.boards, state.participants);
    const boards = groups.map((group) => group.board);
    replaceChildren(
      split,
      h(
        'ul',
        { className: 'axis-groups' },
        ...groups.map((group) =>
          h(
            'li',
            { className: 'axis-group', testid: 'axis-group', attrs: { 'data-board-id': group.board.id } },
            h('strong', {}, group.board.name),
            ' ',
            h('span', { className: 'axis-count', testid: 'axis-count' }, t.count('axes.count', group.people.length)),
            group.people.length > 0 && h('p', { className: 'muted' }, group.people.map((person) => person.name).join(', ')),
          ),
        ),
      ),
      h('p', { testid: 'axis-balance' }, spread <= 1 ? t.t('axes.balanced') : t.t('axes.unbalanced', { count: spread })),
      unassigned.length > 0 &&
        h(
          'div',
          { className: 'stack-tight' },
          h('p', {}, t.t('axes.unassigned', { names: unassigned.map((person) => person.name).join(', ') })),
          ...unassigned.map((person) =>
            h(
              'label',
              { className: 'axis-assign' },
              t.t('axes.assign', { name: person.name }),
              ' ',
              h(
                'select',
                {
                  testid: 'axis-assign',
                  on: {
                    change: (event) => {
                      const board = (event.target as HTMLSelectElement).value;
                      if (board) session.moveParticipant(person.id, board).catch(fail);
                    },
                  },
                },
                h('option', { value: '' }, '—'),
                ...boards.map((board) => h('option', { value: board.id }, board.name)),
              ),
            ),
          ),
        ),
    );
  }

  function update(state: WorkshopState): void {
    const closedVotes = state.votes.filter((vote) => vote.vote.status === 'closed');
    deepen.hidden = closedVotes.length === 0;
    const options = closedVotes.map((vote) => `${vote.vote.id}\n${vote.vote.title}`).join('\n');
    if (voteSelect.dataset.options !== options) {
      const chosen = voteSelect.value;
      voteSelect.dataset.options = options;
      replaceChildren(
        voteSelect,
        ...closedVotes.map((vote) => h('option', { value: vote.vote.id }, vote.vote.title || t.t('vote.defaultTitle'))),
      );
      // The latest closed vote unless the animator chose another that still is.
      voteSelect.value = closedVotes.some((vote) => vote.vote.id === chosen) ? chosen : (closedVotes.at(-1)?.vote.id ?? '');
    }
    const lead = state.animator?.lead ?? false;
    const hasAxes = state.workshop.boards.some((board) => board.template === 'axe');
    axes.hidden = !lead;
    axesForm.hidden = hasAxes;
    split.hidden = !hasAxes;
    if (hasAxes) {
      axes.open = true;
      renderSplit(state);
    }
  }

  return { element, update };
}
