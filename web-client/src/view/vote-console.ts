import { errorCodeOf } from '../model/errors';
import {
  groupDotsLeft,
  isOpen,
  shownRanking,
  targetSettings,
  VOTE_TARGET_KINDS,
  type VoteState,
  type VoteTarget,
  type VoteTargetKind,
} from '../model/votes';
import type { VoteSettings, WorkshopSession, WorkshopState } from '../model/workshop-session';
import type { Board, Note } from '../protocol/messages';
import type { BoardHandle, ScreenContext } from './context';
import { h, replaceChildren, replaceKeepingFocus } from './dom';
import { rankingList, resultView } from './vote-results';

/** Notes everyone may read: a vote's notes reach every phone, so private and hidden ones are not offered. */
function votableNotes(notes: readonly Note[]): Note[] {
  return notes.filter((note) => !note.unrevealed && !note.hiddenBy);
}

/**
 * What the vote is on: a kind (a board, a zone, notes ticked, the whole workshop), the board, the
 * zone, and the board's notes to tick, read live from the board. Built once: a tick survives updates.
 */
function targetPicker(context: ScreenContext, token: string, boards: readonly Board[], changed: () => void) {
  const { t } = context;
  let kind: VoteTargetKind = 'board';
  const ticked = new Set<string>();
  let watched: { board: string; handle: BoardHandle; stop: () => void } | null = null;
  let shownNotes = '';

  const kinds = VOTE_TARGET_KINDS.map((value) =>
    h(
      'label',
      { className: 'choice' },
      h('input', {
        type: 'radio',
        name: 'vote-kind',
        value,
        checked: value === kind,
        testid: `vote-kind-${value}`,
        on: { change: () => choose(value) },
      }),
      t.t(`vote.target.${value}`),
    ),
  );
  const board = h(
    'select',
    { id: 'vote-board', testid: 'vote-board', on: { change: () => boardChanged() } },
    ...boards.map((one) => h('option', { value: one.id }, one.name)),
  );
  const zone = h('select', { id: 'vote-zone', testid: 'vote-zone', on: { change: changed } });
  const boardField = field('vote-board', t.t('vote.targetBoard'), board);
  const zoneField = field('vote-zone', t.t('vote.targetZone'), zone);
  const count = h('span', { className: 'muted', testid: 'vote-notes-count', attrs: { 'aria-live': 'polite' } });
  const checklist = h('ul', { className: 'vote-notes-list' });
  const notesField = h(
    'fieldset',
    { className: 'vote-notes', testid: 'vote-notes' },
    h('legend', { className: 'label' }, t.t('vote.notesLegend'), ' ', count),
    checklist,
  );

  function field(id: string, label: string, input: HTMLElement) {
    return h('div', { className: 'vote-field' }, h('label', { htmlFor: id, className: 'label' }, label), input);
  }

  function selectedBoard(): Board | undefined {
    return boards.find((one) => one.id === board.value);
  }

  function choose(next: VoteTargetKind): void {
    kind = next;
    show();
    changed();
  }

  function boardChanged(): void {
    ticked.clear();
    show();
    changed();
  }

  function show(): void {
    boardField.hidden = kind === 'workshop';
    zoneField.hidden = kind !== 'zone';
    notesField.hidden = kind !== 'notes';
    const current = selectedBoard();
    if (kind === 'zone' && current && zone.dataset.board !== current.id) {
      zone.dataset.board = current.id;
      replaceChildren(zone, ...current.zones.map((one) => h('option', { value: one.id }, t.zoneTitle(current.template, one))));
    }
    if (kind === 'notes' && current && watched?.board !== current.id) {
      watched?.stop();
      watched?.handle.stop();
      const handle = context.watchBoard(current.id, token);
      watched = { board: current.id, handle, stop: handle.model.subscribe(renderNotes) };
      shownNotes = '';
    }
    renderNotes();
  }

  /** The board's notes as checkboxes; rebuilt only when the notes themselves change. */
  function renderNotes(): void {
    const notes = kind === 'notes' && watched ? votableNotes(watched.handle.model.view.notes) : [];
    // A ticked note deleted (or made private) since is no longer chosen; another kind keeps the ticks.
    const present = new Set(notes.map((note) => note.id));
    if (kind === 'notes') for (const id of ticked) if (!present.has(id)) ticked.delete(id);
    count.textContent = `(${t.count('vote.notesChosen', ticked.size)})`;
    const signature = JSON.stringify(notes.map((note) => [note.id, note.text]));
    if (signature === shownNotes) return;
    shownNotes = signature;
    const focused = document.activeElement instanceof HTMLInputElement ? document.activeElement.value : null;
    replaceChildren(
      checklist,
      ...(notes.length === 0
        ? [h('li', { className: 'muted' }, t.t('vote.notesNone'))]
        : notes.map((note) =>
            h(
              'li',
              {},
              h(
                'label',
                { className: 'checkbox' },
                h('input', {
                  type: 'checkbox',
                  value: note.id,
                  checked: ticked.has(note.id),
                  testid: 'vote-note',
                  attrs: { 'data-note-id': note.id },
                  on: {
                    change: (event: Event) => {
                      if ((event.target as HTMLInputElement).checked) ticked.add(note.id);
                      else ticked.delete(note.id);
                      count.textContent = `(${t.count('vote.notesChosen', ticked.size)})`;
                      changed();
                    },
                  },
                }),
                note.text,
              ),
            ),
          )),
    );
    if (focused) checklist.querySelector<HTMLInputElement>(`input[value="${CSS.escape(focused)}"]`)?.focus();
    changed();
  }

  function target(): VoteTarget {
    switch (kind) {
      case 'board':
        return { kind, board: board.value };
      case 'zone':
        return { kind, board: board.value, zone: zone.value };
      case 'notes':
        return { kind, board: board.value, notes: [...ticked] };
      case 'workshop':
        return { kind };
    }
  }

  show();
  const element = h(
    'fieldset',
    { className: 'vote-target stack-tight', testid: 'vote-target' },
    h('legend', { className: 'label' }, t.t('vote.scope')),
    h('div', { className: 'vote-kinds' }, ...kinds),
    boardField,
    zoneField,
    notesField,
  );
  return { element, target };
}

/**
 * The animator's votes: a form to open one (what on, the budget, the limit per note, anonymous,
 * live), then each vote with its progress only while open (who voted, dots placed, dots left in the
 * group), a button to close and reveal it, and its results once closed. The form is built once, so
 * what is typed and ticked survives the workshop's updates.
 */
export function voteConsole(
  context: ScreenContext,
  session: WorkshopSession,
  boards: readonly Board[],
  token: string,
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
  const budget = h('input', { id: 'vote-budget', type: 'number', min: '1', max: '99', value: '3', testid: 'vote-budget' });
  const maxPerItem = h('input', { id: 'vote-max', type: 'number', min: '1', max: '99', testid: 'vote-max' });
  const anonymous = h('input', { id: 'vote-anonymous', type: 'checkbox', checked: true, testid: 'vote-anonymous' });
  const live = h('input', { id: 'vote-live', type: 'checkbox', testid: 'vote-live' });
  const submit = h('button', { type: 'submit', className: 'button primary large', testid: 'vote-open' }, t.t('vote.open'));
  const hint = h('p', { className: 'help', id: 'vote-open-hint', testid: 'vote-open-hint' }, t.t('vote.notesHint'));
  /** Whether the vote can open: a board, a zone, or at least one note ticked. */
  function sync(): void {
    const ready = targetSettings(picker.target()) !== null;
    submit.disabled = !ready;
    hint.hidden = ready;
  }
  const picker = targetPicker(context, token, boards, () => queueMicrotask(sync));
  sync();
  submit.setAttribute('aria-describedby', 'vote-open-hint');

  function settings(): VoteSettings | null {
    const target = targetSettings(picker.target());
    if (!target) return null;
    const max = maxPerItem.value.trim();
    return {
      title: title.value.trim(),
      budget: Number(budget.value),
      anonymous: anonymous.checked,
      live: live.checked,
      ...target,
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
          const chosen = settings();
          if (chosen) session.openVote(chosen).then(() => context.toast(t.t('vote.opened')), fail);
        },
      },
    },
    h('h3', {}, t.t('vote.new')),
    field('vote-title', t.t('vote.title'), title),
    picker.element,
    h(
      'div',
      { className: 'vote-numbers' },
      field('vote-budget', t.t('vote.budget'), budget),
      field('vote-max', t.t('vote.maxPerItem'), maxPerItem),
    ),
    h('label', { className: 'checkbox' }, anonymous, t.t('vote.anonymous')),
    h('label', { className: 'checkbox' }, live, t.t('vote.live')),
    hint,
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

  function voteRow(state: VoteState, participants: number): HTMLElement {
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
        isOpen(state) && ` · ${t.count('vote.groupLeft', groupDotsLeft(state, participants))}`,
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
      const participants = state.participants.length;
      const rows = [...state.votes].reverse().map((vote) => voteRow(vote, participants));
      replaceKeepingFocus(list, ...(rows.length ? rows : [h('p', { className: 'muted' }, t.t('vote.none'))]));
    },
  };
}
