import { describe, expect, it } from 'vitest';
import type { Sequence, Timer } from '../protocol/messages';
import {
  ATELIER_TEMPLATE,
  WORKSHOP_TIMER,
  agendaFromSnapshot,
  crossedAnnouncement,
  currentSequence,
  formatRemaining,
  fromTemplate,
  inputFrozen,
  moved,
  nextSequence,
  predictedGo,
  remainingMs,
  shownTimer,
  withCurrent,
  withSequences,
  withTimer,
} from './agenda';
import { workshopStreamType } from './workshop-reducer';
import { WORKSHOP } from './testing/fixtures';

const sequence = (id: string, minutes = 10): Sequence => ({ id, title: `Séquence ${id}`, kind: 'subgroups', minutes, boards: [] });
const agenda = { sequences: [sequence('a'), sequence('b'), sequence('c')] };

describe('the agenda', () => {
  it('goes to the first sequence, then the next, then none after the last', () => {
    expect(nextSequence(agenda)?.id).toBe('a');
    const atB = withCurrent(agenda, 'b', 1_000);
    expect(currentSequence(atB)?.id).toBe('b');
    expect(nextSequence(atB)?.id).toBe('c');
    expect(nextSequence(withCurrent(agenda, 'c', 1_000))).toBeNull();
  });

  it('predicts sequence.go to next, to a given sequence and to the end', () => {
    expect(predictedGo(agenda, 'next', 5).current).toBe('a');
    expect(predictedGo(withCurrent(agenda, 'a', 1), 'c', 5)).toEqual({ ...agenda, current: 'c', startedAt: 5 });
    expect(predictedGo(withCurrent(agenda, 'a', 1), 'end', 5)).toEqual(agenda);
    expect(predictedGo(withCurrent(agenda, 'c', 1), 'next', 5).current).toBe('c');
  });

  it('keeps the sequence in progress when the agenda is edited', () => {
    const edited = withSequences(withCurrent(agenda, 'b', 7), [sequence('b', 25), sequence('d')]);
    expect(currentSequence(edited)?.minutes).toBe(25);
    expect(edited.startedAt).toBe(7);
  });

  it('moves a sequence up and down, never out of the list', () => {
    const ids = (list: Sequence[]) => list.map((item) => item.id);
    expect(ids(moved(agenda.sequences, 2, -1))).toEqual(['a', 'c', 'b']);
    expect(ids(moved(agenda.sequences, 0, -1))).toEqual(['a', 'b', 'c']);
    expect(ids(moved(agenda.sequences, 0, 1))).toEqual(['b', 'a', 'c']);
  });

  it('builds the "Atelier type" template with translated titles and fresh ids, two hours and a half', () => {
    let n = 0;
    const built = fromTemplate(ATELIER_TEMPLATE, (key) => `[${key}]`, () => `s${++n}`);
    expect(built[0]).toEqual({ id: 's1', title: '[agenda.template.welcome]', kind: 'plenary', minutes: 15, boards: [] });
    expect(built.reduce((total, step) => total + step.minutes, 0)).toBe(150);
    expect(new Set(built.map((step) => step.kind))).toEqual(new Set(['plenary', 'subgroups', 'break']));
  });
});

describe('the timers', () => {
  const running: Timer = { durationMs: 600_000, endsAt: 1_000_000, freezeAtZero: false };
  const paused: Timer = { durationMs: 600_000, remainingMs: 42_000, freezeAtZero: false };

  it('count down from the end instant at the server time, never below zero, and stand still while paused', () => {
    expect(remainingMs(running, 940_000)).toBe(60_000);
    expect(remainingMs(running, 1_000_500)).toBe(0);
    expect(remainingMs(paused, 0)).toBe(42_000);
    expect(remainingMs(paused, 9_999_999)).toBe(42_000);
  });

  it('show whole seconds rounded up, so 0:00 means zero was reached', () => {
    expect(formatRemaining(600_000)).toBe('10:00');
    expect(formatRemaining(59_001)).toBe('1:00');
    expect(formatRemaining(1)).toBe('0:01');
    expect(formatRemaining(0)).toBe('0:00');
    expect(formatRemaining(3_723_000)).toBe('1:02:03');
  });

  it('a group shows its own timer when it has one, the workshop\'s otherwise', () => {
    const timers = withTimer(withTimer({}, undefined, running), 'w-2', paused);
    expect(shownTimer(timers, 'w-2')).toEqual({ group: 'w-2', timer: paused });
    expect(shownTimer(timers, 'w-1')).toEqual({ timer: running });
    expect(shownTimer(timers, null)).toEqual({ timer: running });
    expect(shownTimer(withTimer(timers, undefined, undefined), 'w-1')).toBeNull();
  });

  it('freeze a board\'s input at zero only when asked to, the workshop\'s on every board, a group\'s on its own', () => {
    const freezing: Timer = { ...running, freezeAtZero: true };
    expect(inputFrozen(withTimer({}, undefined, freezing), 'w-1', 999_999)).toBe(false);
    expect(inputFrozen(withTimer({}, undefined, freezing), 'w-1', 1_000_000)).toBe(true);
    expect(inputFrozen(withTimer({}, undefined, running), 'w-1', 2_000_000)).toBe(false);
    expect(inputFrozen(withTimer({}, 'w-2', freezing), 'w-1', 2_000_000)).toBe(false);
    expect(inputFrozen(withTimer({}, 'w-2', freezing), 'w-2', 2_000_000)).toBe(true);
    expect(inputFrozen(withTimer({}, 'w-2', { ...paused, remainingMs: 0, freezeAtZero: true }), 'w-2', 0)).toBe(true);
  });

  it('are announced a few times a sequence, not every second', () => {
    expect(crossedAnnouncement(300_400, 299_900)).toBe(300_000);
    expect(crossedAnnouncement(299_900, 299_400)).toBeNull();
    expect(crossedAnnouncement(200, 0)).toBe(0);
    expect(crossedAnnouncement(61_000, 0)).toBe(0);
  });
});

describe('the workshop stream with an agenda', () => {
  it('reads the agenda and timers from the snapshot, then follows their events', () => {
    const workshop = WORKSHOP;
    let state = workshopStreamType.fromSnapshot({
      workshop,
      agenda: { sequences: agenda.sequences, current: 'a', startedAt: 3 },
      timers: [{ timer: running() }, { group: 'w-2', timer: running() }],
    });
    expect(state.agenda.current).toBe('a');
    expect(Object.keys(state.timers).sort()).toEqual(['w-2', WORKSHOP_TIMER]);
    const envelope = { stream: `workshop:${workshop.id}`, rev: 1, h: 'h', cmd: 'c', by: 'animator', at: 9 };
    state = workshopStreamType.events['sequence.changed'](state, { type: 'sequence.changed', ...envelope, current: 'b', startedAt: 9, snapshot: 1 });
    expect(state.agenda).toEqual({ sequences: agenda.sequences, current: 'b', startedAt: 9 });
    state = workshopStreamType.events['timer.changed'](state, { type: 'timer.changed', ...envelope, group: 'w-2' });
    expect(Object.keys(state.timers)).toEqual([WORKSHOP_TIMER]);
    state = workshopStreamType.events['agenda.changed'](state, { type: 'agenda.changed', ...envelope, sequences: [sequence('b')] });
    expect(currentSequence(state.agenda)?.id).toBe('b');
  });

  it('a snapshot from before agendas existed reads as an empty agenda with no timer', () => {
    expect(agendaFromSnapshot({ workshop: WORKSHOP })).toEqual({ agenda: { sequences: [] }, timers: {} });
  });
});

function running(): Timer {
  return { durationMs: 60_000, endsAt: 100_000, freezeAtZero: true };
}
