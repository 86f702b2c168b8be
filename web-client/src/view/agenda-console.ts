import {
  ATELIER_TEMPLATE,
  WORKSHOP_TIMER,
  currentSequence,
  fromTemplate,
  isRunning,
  moved,
  nextSequence,
  remainingMs,
} from '../model/agenda';
import { errorCodeOf } from '../model/errors';
import type { WorkshopSession, WorkshopState } from '../model/workshop-session';
import { randomId } from '../protocol/ids';
import { SEQUENCE_KINDS, type Sequence, type SequenceKind } from '../protocol/messages';
import type { ScreenContext } from './context';
import { append, h, replaceChildren } from './dom';

const MINUTE_MS = 60_000;

/**
 * The animator's controls for the evening: the next sequence in one tap, the timer (the workshop's,
 * or a group's), and the agenda editor. The lead animator edits the agenda and moves through it; an
 * animator of a group runs its group's timer.
 */
export function agendaConsole(context: ScreenContext, session: WorkshopSession, onScope: (group: string | null) => void) {
  const { t } = context;
  const fail = (error: unknown) => context.toast(t.error(errorCodeOf(error)));
  /** The agenda being edited, not saved yet; null while the console follows the stored one. */
  let draft: Sequence[] | null = null;
  let scope: string | null = null;

  const go = h('div', { className: 'agenda-go' });
  const timerCard = h('section', { className: 'timer-console card', attrs: { 'aria-labelledby': 'timer-console-title' } });
  const editor = h('div', { className: 'agenda-editor' });
  const details = h(
    'details',
    { className: 'agenda-details card', testid: 'agenda-details' },
    h('summary', {}, h('h2', { className: 'agenda-details-title' }, t.t('agenda.console.title'))),
    editor,
  );
  const element = h('div', { className: 'agenda-console', testid: 'agenda-console' }, go, timerCard, details);

  const isLead = (state: WorkshopState) => state.animator?.lead !== false;
  const sequences = (state: WorkshopState) => draft ?? [...state.agenda.sequences];

  function renderGo(state: WorkshopState): void {
    if (!isLead(state) || state.agenda.sequences.length === 0) {
      replaceChildren(go);
      return;
    }
    const current = currentSequence(state.agenda);
    const next = nextSequence(state.agenda);
    const label = next
      ? t.t(current ? 'agenda.console.next' : 'agenda.console.start', { title: next.title })
      : t.t('agenda.console.end');
    const button = h(
      'button',
      {
        type: 'button',
        className: 'button primary large agenda-next',
        testid: 'sequence-next',
        on: { click: () => session.goToSequence(next ? 'next' : 'end').catch(fail) },
      },
      label,
    );
    button.disabled = !next && !current;
    replaceChildren(go, button);
  }

  function timerScopes(state: WorkshopState): { value: string; label: string }[] {
    const own = state.animator?.board ?? null;
    const groups = state.workshop.boards.filter((board) => isLead(state) || board.id === own);
    return [
      ...(isLead(state) ? [{ value: WORKSHOP_TIMER, label: t.t('timer.console.workshop') }] : []),
      ...groups.map((board) => ({ value: board.id, label: board.name })),
    ];
  }

  // The timer's controls stay the same nodes (what is typed, and the focus, survive every event).
  const act = (action: Parameters<WorkshopSession['setTimer']>[0]) => session.setTimer(action, scope ?? undefined).catch(fail);
  /** `description`: said after the visible label ("+1 min"), which stays the button's name. */
  const timerButton = (testid: string, label: string, onClick: () => void, description?: string, primary = false) =>
    h(
      'button',
      {
        type: 'button',
        className: `button ${primary ? 'primary' : 'secondary'}`,
        testid,
        title: description ?? '',
        on: { click: onClick },
      },
      label,
    );
  const scopeSelect = h('select', {
    id: 'timer-scope',
    testid: 'timer-scope',
    on: { change: () => setScope(scopeSelect.value === WORKSHOP_TIMER ? null : scopeSelect.value) },
  });
  const minutesInput = h('input', {
    type: 'number',
    id: 'timer-minutes',
    className: 'timer-minutes',
    testid: 'timer-minutes',
    min: '1',
    max: '240',
    value: '10',
  });
  const freeze = h('input', { type: 'checkbox', testid: 'timer-freeze' });
  const startButton = timerButton(
    'timer-start',
    t.t('timer.console.start'),
    () => {
      const chosen = Math.round(Number(minutesInput.value));
      if (!Number.isFinite(chosen) || chosen < 1 || chosen > 240) {
        context.toast(t.error('invalid_field'));
        minutesInput.focus();
        return;
      }
      void act({ action: 'start', durationMs: chosen * MINUTE_MS, freezeAtZero: freeze.checked });
    },
    undefined,
    true,
  );
  const pauseButton = timerButton('timer-pause', t.t('timer.console.pause'), () => {
    const timer = session.state?.timers[scope ?? WORKSHOP_TIMER];
    void act({ action: timer && !isRunning(timer) ? 'resume' : 'pause' });
  });
  const plusButton = timerButton('timer-plus', t.t('timer.console.plus'), () => void act({ action: 'add', deltaMs: MINUTE_MS }), t.t('timer.console.plusLabel'));
  const minusButton = timerButton('timer-minus', t.t('timer.console.minus'), () => void act({ action: 'add', deltaMs: -MINUTE_MS }), t.t('timer.console.minusLabel'));
  const stopButton = timerButton('timer-stop', t.t('timer.console.stop'), () => void act({ action: 'stop' }));
  const stopped = h('p', { className: 'muted', testid: 'timer-stopped' }, t.t('timer.console.stopped'));
  append(
    timerCard,
    h('h2', { id: 'timer-console-title' }, t.t('timer.console.title')),
    h(
      'div',
      { className: 'timer-settings' },
      h('label', { htmlFor: 'timer-scope' }, t.t('timer.console.scope')),
      scopeSelect,
      h('label', { htmlFor: 'timer-minutes' }, t.t('timer.console.minutes')),
      minutesInput,
      h('label', { className: 'choice' }, freeze, t.t('timer.console.freeze')),
    ),
    h('div', { className: 'timer-buttons' }, startButton, pauseButton, plusButton, minusButton, stopButton),
    stopped,
  );
  let plannedFor: string | undefined;

  function renderTimer(state: WorkshopState): void {
    const scopes = timerScopes(state);
    timerCard.hidden = scopes.length === 0;
    if (scopes.length === 0) return;
    if (!scopes.some((candidate) => candidate.value === (scope ?? WORKSHOP_TIMER))) {
      scope = scopes[0]!.value === WORKSHOP_TIMER ? null : scopes[0]!.value;
      onScope(scope);
    }
    const options = scopes.map((option) => `${option.value}\n${option.label}`).join('\n');
    if (scopeSelect.dataset.options !== options) {
      scopeSelect.dataset.options = options;
      replaceChildren(scopeSelect, ...scopes.map((option) => h('option', { value: option.value }, option.label)));
    }
    scopeSelect.value = scope ?? WORKSHOP_TIMER;
    const current = currentSequence(state.agenda);
    if (current && current.id !== plannedFor) {
      plannedFor = current.id;
      minutesInput.value = String(current.minutes);
    }
    const timer = state.timers[scope ?? WORKSHOP_TIMER];
    const atZero = timer ? remainingMs(timer, session.serverNow()) === 0 : false;
    for (const button of [pauseButton, plusButton, minusButton, stopButton]) button.hidden = !timer;
    stopped.hidden = Boolean(timer);
    pauseButton.textContent = t.t(timer && !isRunning(timer) ? 'timer.console.resume' : 'timer.console.pause');
    stopButton.textContent = t.t(timer?.freezeAtZero && atZero ? 'timer.console.reopen' : 'timer.console.stop');
  }

  function setScope(group: string | null): void {
    scope = group;
    onScope(group);
    const state = session.state;
    if (state) renderTimer(state);
  }

  function edit(state: WorkshopState, change: (list: Sequence[]) => Sequence[]): void {
    draft = change(sequences(state));
    renderEditor(state);
  }

  function sequenceRow(state: WorkshopState, sequence: Sequence, index: number, list: Sequence[]) {
    const number = index + 1;
    const isCurrent = !draft && state.agenda.current === sequence.id;
    const field = (label: string, control: HTMLElement) => h('label', { className: 'agenda-field' }, h('span', {}, label), control);
    const update = (patch: Partial<Sequence>) => {
      draft = sequences(state).map((candidate) => (candidate.id === sequence.id ? { ...candidate, ...patch } : candidate));
      saveState.textContent = t.t('agenda.console.unsaved');
    };
    const title = h('input', {
      type: 'text',
      // A template's title in the interface language; saved as shown only if the lead animator edits it.
      value: t.known(sequence.title),
      maxLength: 80,
      testid: 'sequence-title',
      on: { input: () => update({ title: title.value }) },
    });
    const kind = h(
      'select',
      { testid: 'sequence-kind', on: { change: () => update({ kind: kind.value as SequenceKind }) } },
      ...SEQUENCE_KINDS.map((value) => h('option', { value, selected: value === sequence.kind }, t.t(`agenda.kind.${value}`))),
    );
    const minutes = h('input', {
      type: 'number',
      min: '1',
      max: '240',
      value: String(sequence.minutes),
      testid: 'sequence-minutes',
      on: { input: () => update({ minutes: Math.round(Number(minutes.value)) }) },
    });
    const small = (testid: string, label: string, text: string, onClick: () => void, disabled = false) =>
      h('button', { type: 'button', className: 'button ghost', testid, disabled, attrs: { 'aria-label': label }, on: { click: onClick } }, text);
    const lead = isLead(state);
    return h(
      'li',
      { className: 'agenda-row', testid: 'sequence-row', attrs: { 'data-sequence-id': sequence.id, 'data-current': isCurrent } },
      h('span', { className: 'agenda-row-number', attrs: { 'aria-hidden': true } }, String(number)),
      lead
        ? h(
            'div',
            { className: 'agenda-row-fields' },
            field(t.t('agenda.console.titleField'), title),
            field(t.t('agenda.console.kindField'), kind),
            field(t.t('agenda.console.minutesField'), minutes),
          )
        : h('div', { className: 'agenda-row-fields' }, h('strong', {}, t.known(sequence.title)), ` · ${t.t(`agenda.kind.${sequence.kind}`)} · ${sequence.minutes} min`),
      isCurrent && h('span', { className: 'badge', testid: 'sequence-current' }, t.t('agenda.console.current')),
      lead &&
        h(
          'div',
          { className: 'agenda-row-actions' },
          small('sequence-up', t.t('agenda.console.up', { index: number }), '↑', () => edit(state, (all) => moved(all, index, -1)), index === 0),
          small('sequence-down', t.t('agenda.console.down', { index: number }), '↓', () => edit(state, (all) => moved(all, index, 1)), index === list.length - 1),
          small('sequence-remove', t.t('agenda.console.remove', { index: number }), '✕', () =>
            edit(state, (all) => all.filter((candidate) => candidate.id !== sequence.id)),
          ),
          !draft &&
            !isCurrent &&
            small('sequence-go', t.t('agenda.console.goTo', { index: number, title: sequence.title }), '▶', () =>
              session.goToSequence(sequence.id).catch(fail),
            ),
        ),
    );
  }

  const saveState = h('p', { className: 'muted', testid: 'agenda-save-state', attrs: { role: 'status' } });

  function renderEditor(state: WorkshopState): void {
    const list = sequences(state);
    const lead = isLead(state);
    saveState.textContent = draft ? t.t('agenda.console.unsaved') : '';
    const focused = document.activeElement instanceof HTMLElement && editor.contains(document.activeElement) ? document.activeElement : null;
    const refocus = focused && {
      testid: focused.dataset.testid,
      row: focused.closest<HTMLElement>('[data-sequence-id]')?.dataset.sequenceId,
    };
    replaceChildren(
      editor,
      list.length === 0 && h('p', { className: 'help' }, t.t('agenda.console.empty')),
      h('ol', { className: 'agenda-list', testid: 'agenda-list' }, ...list.map((sequence, index) => sequenceRow(state, sequence, index, list))),
      lead
        ? h(
            'div',
            { className: 'agenda-editor-actions' },
            h(
              'button',
              {
                type: 'button',
                className: 'button secondary',
                testid: 'agenda-template',
                on: { click: () => edit(state, () => fromTemplate(ATELIER_TEMPLATE, (key) => t.t(key), randomId)) },
              },
              t.t('agenda.console.template'),
            ),
            h(
              'button',
              {
                type: 'button',
                className: 'button secondary',
                testid: 'agenda-add',
                on: {
                  click: () =>
                    edit(state, (all) => [
                      ...all,
                      { id: randomId(), title: t.t('agenda.console.newSequence'), kind: 'subgroups', minutes: 15, boards: [] },
                    ]),
                },
              },
              t.t('agenda.console.add'),
            ),
            h(
              'button',
              {
                type: 'button',
                className: 'button primary',
                testid: 'agenda-save',
                disabled: !draft,
                on: {
                  click: () => {
                    if (!draft) return;
                    const saving = draft.map((sequence) => ({ ...sequence, title: sequence.title.trim() }));
                    session.setAgenda(saving).then(() => {
                      if (draft && JSON.stringify(draft) === JSON.stringify(saving)) draft = null;
                      context.toast(t.t('agenda.console.saved'));
                      const now = session.state;
                      if (now) renderEditor(now);
                    }, fail);
                  },
                },
              },
              t.t('agenda.console.save'),
            ),
            saveState,
          )
        : h('p', { className: 'help' }, t.t('agenda.console.leadOnly')),
    );
    if (refocus?.testid) {
      const row = refocus.row ? `[data-sequence-id="${CSS.escape(refocus.row)}"] ` : '';
      editor.querySelector<HTMLElement>(`${row}[data-testid="${CSS.escape(refocus.testid)}"]`)?.focus();
    }
  }

  let shownAgenda: unknown = null;
  let shownTimers: unknown = null;
  function update(): void {
    const state = session.state;
    if (!state || state.role !== 'animator') return;
    renderGo(state);
    // The timer and the editor keep what is being typed: redrawn only when what they show changed.
    if (shownTimers !== state.timers || shownAgenda !== state.agenda) renderTimer(state);
    if (shownAgenda !== state.agenda && !draft) renderEditor(state);
    shownAgenda = state.agenda;
    shownTimers = state.timers;
  }

  const unsubscribe = session.subscribe(update);
  // "Stop" becomes "Reopen input" when a freezing timer reaches zero, which no event announces.
  const interval = setInterval(() => session.state?.role === 'animator' && renderTimer(session.state), 1_000);
  update();
  return {
    element,
    stop: () => {
      unsubscribe();
      clearInterval(interval);
    },
  };
}
