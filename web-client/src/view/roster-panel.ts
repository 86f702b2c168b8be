import { errorCodeOf } from '../model/errors';
import { BALANCED_SHARE, countingFrom, rosterSummary, type RosterPerson, type RosterSummary } from '../model/roster';
import type { WorkshopSession } from '../model/workshop-session';
import type { Board, Note } from '../protocol/messages';
import type { BoardHandle, ScreenContext } from './context';
import { h, replaceKeepingFocus } from './dom';

const percent = (share: number) => `${Math.round(share * 100)} %`;

/**
 * The roster on the animator's console: per group, who joined or was typed in, each one's
 * contributions (those not heard yet stand out, in words and not only in colour), the balance of
 * the categories against the thirds the method asks for, and how many said "j'ai fini". The lead
 * animator moves people between groups and closes the group menu here. It follows every board
 * read-only, to count the notes.
 */
export function rosterPanel(context: ScreenContext, token: string, session: WorkshopSession) {
  const { t } = context;
  const element = h('section', { className: 'roster card', testid: 'roster', attrs: { 'aria-labelledby': 'roster-title' } });
  const watched = new Map<string, { handle: BoardHandle; stop: () => void }>();
  const fail = (error: unknown) => context.toast(t.error(errorCodeOf(error)));
  /** In an atelier of a démarche after the first: who came to none before (name and category). */
  let newcomers: ReadonlySet<string> = new Set();
  let newcomersCountedAt = -1;

  /** Asked again whenever someone joins: the server matches people across the démarche's ateliers. */
  function countNewcomers(participants: number): void {
    if (participants === newcomersCountedAt) return;
    newcomersCountedAt = participants;
    context.api.newcomers(token).then((answer) => {
      newcomers = new Set(answer.earlier ? answer.newcomers : []);
      render();
    }, () => undefined);
  }

  function watch(boards: readonly Board[]): void {
    for (const board of boards) {
      if (watched.has(board.id)) continue;
      const handle = context.watchBoard(board.id, token);
      watched.set(board.id, { handle, stop: handle.model.subscribe(render) });
    }
  }

  function personRow(person: RosterPerson, boards: readonly Board[], lead: boolean) {
    const silent = person.contributions === 0;
    const move =
      lead &&
      !person.guest &&
      h(
        'select',
        {
          className: 'roster-move',
          testid: `move-${person.id}`,
          attrs: { 'aria-label': t.t('roster.moveTo', { name: person.name }) },
          on: {
            change: (event) => {
              const target = (event.target as HTMLSelectElement).value;
              session.moveParticipant(person.id, target).catch(fail);
            },
          },
        },
        ...boards.map((board) => h('option', { value: board.id, selected: board.id === person.board }, board.name)),
      );
    return h(
      'li',
      {
        className: `roster-person${silent ? ' is-silent' : ''}`,
        testid: 'roster-person',
        attrs: { 'data-person': person.name, 'data-silent': silent, 'data-count': person.contributions },
      },
      h('span', { className: 'roster-name' }, person.name),
      h('span', { className: 'muted' }, t.t(`category.${person.category}`)),
      h(
        'span',
        { className: 'roster-count' },
        silent ? t.t('roster.silent') : t.count('roster.contributions', person.contributions),
      ),
      person.done && h('span', { className: 'badge' }, t.t('roster.done')),
      newcomers.has(person.id) && h('span', { className: 'badge badge-new', testid: 'newcomer-badge' }, t.t('roster.newcomer')),
      person.guest && h('span', { className: 'muted' }, t.t('roster.typed')),
      move,
    );
  }

  function balanceTable(summary: RosterSummary) {
    return h(
      'table',
      { className: 'roster-balance', testid: 'roster-balance' },
      h('caption', {}, t.t('roster.balance', { third: percent(BALANCED_SHARE) })),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, t.t('roster.category')),
          h('th', { scope: 'col' }, t.t('roster.people')),
          h('th', { scope: 'col' }, t.t('roster.notes')),
        ),
      ),
      h(
        'tbody',
        {},
        ...summary.balance
          .filter((line) => line.category !== 'autre' || line.people > 0)
          .map((line) =>
            h(
              'tr',
              { attrs: { 'data-category': line.category, 'data-under': line.under } },
              h('th', { scope: 'row' }, t.t(`category.${line.category}`)),
              h('td', {}, `${line.people} (${percent(line.peopleShare)})`, line.under && ` — ${t.t('roster.under')}`),
              h('td', {}, `${line.contributions} (${percent(line.contributionShare)})`),
            ),
          ),
      ),
    );
  }

  function render(): void {
    const state = session.state;
    if (!state) return;
    const { workshop } = state;
    watch(workshop.boards);
    countNewcomers(state.participants.length);
    const notes = new Map<string, readonly Note[]>(
      [...watched].map(([boardId, { handle }]) => [boardId, handle.model.view.notes]),
    );
    const since = countingFrom(state.agenda);
    const summary = rosterSummary(workshop.boards, state.participants, notes, since);
    const sequence = state.agenda.sequences.find((candidate) => candidate.id === state.agenda.current);
    const lead = state.animator?.lead === true;
    const locked = workshop.groupsLocked === true;
    replaceKeepingFocus(
      element,
      h('h2', { id: 'roster-title' }, t.t('roster.title')),
      h(
        'p',
        { className: 'muted', testid: 'roster-since' },
        since && sequence ? t.t('roster.sinceSequence', { title: sequence.title }) : t.t('roster.sinceStart'),
      ),
      h(
        'p',
        { testid: 'roster-done', attrs: { 'aria-live': 'polite' } },
        t.t('roster.doneCount', { done: summary.done, count: summary.participants }),
      ),
      lead &&
        h(
          'p',
          { className: 'roster-menu' },
          h('span', { testid: 'groups-state' }, t.t(locked ? 'roster.menuClosed' : 'roster.menuOpen')),
          ' ',
          h(
            'button',
            {
              type: 'button',
              className: 'button secondary',
              testid: 'groups-lock',
              on: { click: () => session.setGroupsLocked(!locked).catch(fail) },
            },
            t.t(locked ? 'roster.openMenu' : 'roster.closeMenu'),
          ),
        ),
      balanceTable(summary),
      ...summary.groups.map((group) =>
        h(
          'div',
          { className: 'roster-group', testid: 'roster-group', attrs: { 'data-board-id': group.board.id } },
          h(
            'h3',
            {},
            t.known(group.board.name),
            group.silent > 0 && ' ',
            group.silent > 0 && h('span', { className: 'muted' }, t.count('roster.silentCount', group.silent)),
          ),
          group.people.length
            ? h('ul', { className: 'roster-people' }, ...group.people.map((person) => personRow(person, workshop.boards, lead)))
            : h('p', { className: 'help' }, t.t('roster.empty')),
        ),
      ),
    );
  }

  const unsubscribe = session.subscribe(render);
  render();
  return {
    element,
    destroy: () => {
      unsubscribe();
      watched.forEach(({ handle, stop }) => {
        stop();
        handle.stop();
      });
    },
  };
}
