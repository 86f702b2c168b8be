import { describe, expect, it } from 'vitest';
import type { BarometerSnapshot, BoardEvent } from '../protocol/messages';
import { answeredCount, emptyTally, median, moved, onScale, placedValues, poleNotes, poleZones, share, splitOf, withIndicators, type Tally } from './barometer';
import { BOARD, STREAM, hashAt, newModel } from './testing/fixtures';

/** A tally from the steps chosen ("unknown" for "je ne sais pas"). */
function tallyOf(...answers: string[]): Tally {
  return answers.reduce((tally, answer) => moved(tally, '', answer), emptyTally());
}

/** A continuous scale's tally from the places chosen, 0 to 100. */
function continuousOf(...answers: string[]): Tally {
  return answers.reduce((tally, answer) => moved(tally, '', answer), emptyTally('continuous'));
}

const FOUR = [
  { title: 'Sociabilité', low: 'Rendez-vous', high: 'Isolement' },
  { title: 'Accès aux ressources', low: 'Perspectives', high: 'Impuissance' },
  { title: 'Émancipation', low: 'Solidarités interactives', high: 'Dépendance' },
  { title: 'Intégration dans la vie locale', low: 'Initiatives', high: 'Passivité' },
];

function barometerSnapshot(fields: Partial<BarometerSnapshot> = {}): BarometerSnapshot {
  return { indicators: FOUR, tallies: FOUR.map(() => emptyTally()), closed: false, split: [], mine: ['', '', '', ''], ...fields };
}

function loadedBarometer(fields: Partial<BarometerSnapshot> = {}) {
  const model = newModel();
  model.stream.receiveSync({
    ok: true,
    stream: STREAM,
    rev: 3,
    h: hashAt(3),
    snapshot: { board: { ...BOARD, template: 'barometre' }, notes: [], barometer: barometerSnapshot(fields) },
  });
  return model;
}

const envelope = (rev: number, cmd: string, by = 'p-other') => ({ stream: STREAM, rev, h: hashAt(rev), cmd, by, at: rev });

describe('the images associated with each pole', () => {
  const zones = Array.from({ length: 16 }, (_, index) => ({ id: `z${index + 1}`, title: `zone ${index + 1}` }));

  it('are the notes of the pole’s zone, two zones per indicator, titled by the poles as they are now', () => {
    const three = [...FOUR.slice(0, 2), { title: 'Mobilité', low: 'Proximité', high: 'Éloignement' }];
    const shown = poleZones(zones, three);
    expect(shown.map((zone) => [zone.id, zone.title, zone.indicator, zone.pole])).toEqual([
      ['z1', 'Rendez-vous', 0, 'low'],
      ['z2', 'Isolement', 0, 'high'],
      ['z3', 'Perspectives', 1, 'low'],
      ['z4', 'Impuissance', 1, 'high'],
      ['z5', 'Proximité', 2, 'low'],
      ['z6', 'Éloignement', 2, 'high'],
    ]);
    const notes = [
      { id: 'a', zone: 'z4' },
      { id: 'b', zone: 'z3' },
      { id: 'c', zone: 'z4' },
    ];
    expect(poleNotes(zones, 1, 'high', notes).map((note) => note.id)).toEqual(['a', 'c']);
    expect(poleNotes(zones, 1, 'low', notes).map((note) => note.id)).toEqual(['b']);
    expect(poleNotes(zones, 9, 'low', notes)).toEqual([]);
  });
});

describe('the distribution of a scale', () => {
  it('counts who answered, "je ne sais pas" included', () => {
    expect(answeredCount(emptyTally())).toBe(0);
    const tally = tallyOf('2', '5', 'unknown', '5');
    expect(tally).toEqual({ steps: [0, 1, 0, 0, 2, 0, 0], unknown: 1 });
    expect(answeredCount(tally)).toBe(4);
  });

  it('has no median while nobody placed the territory, "je ne sais pas" being no place', () => {
    expect(median(emptyTally())).toBeNull();
    expect(median(tallyOf('unknown', 'unknown'))).toBeNull();
  });

  it('takes the middle answer of an odd count, ignoring "je ne sais pas"', () => {
    expect(median(tallyOf('7'))).toBe(7);
    expect(median(tallyOf('2', '6', '5'))).toBe(5);
    expect(median(tallyOf('1', '1', '7', 'unknown', 'unknown', 'unknown'))).toBe(1);
  });

  it('goes halfway between the two middle answers of an even count', () => {
    expect(median(tallyOf('2', '5'))).toBe(3.5);
    expect(median(tallyOf('3', '3', '4', '6'))).toBe(3.5);
    expect(median(tallyOf('4', '4', '4', '5', 'unknown'))).toBe(4);
    expect(median(tallyOf('1', '2', '6', '7'))).toBe(4);
  });

  it('moves one answer from a step to another, or to "je ne sais pas"', () => {
    const tally = tallyOf('3', '3');
    expect(moved(tally, '3', '6')).toEqual({ steps: [0, 0, 1, 0, 0, 1, 0], unknown: 0 });
    expect(moved(tally, '3', 'unknown')).toEqual({ steps: [0, 0, 1, 0, 0, 0, 0], unknown: 1 });
    expect(moved(tally, '', '3')).toEqual({ steps: [0, 0, 3, 0, 0, 0, 0], unknown: 0 });
  });

  it('counts a continuous cursor at each of its 101 places, with its median and its dot strip', () => {
    const tally = continuousOf('0', '63', '64', 'unknown', '100');
    expect(tally.steps).toHaveLength(101);
    expect(tally.steps[63]).toBe(1);
    expect(answeredCount(tally)).toBe(5);
    expect(median(tally)).toBe(63.5);
    expect(median(continuousOf('12', '80', '40'))).toBe(40);
    expect(median(continuousOf('0'))).toBe(0);
    expect(placedValues(tally)).toEqual([0, 63, 64, 100]);
    expect(share(tally, 100)).toBe(1);
    expect(share(tallyOf('1'), 1)).toBe(0);
    expect(share(tallyOf('1'), 4)).toBe(0.5);
    expect(moved(tally, '63', '20').steps[20]).toBe(1);
    expect(moved(tally, '63', '20').steps[63]).toBe(0);
  });

  it('accepts on each scale what the server accepts', () => {
    expect(['1', '7', 'unknown'].every((value) => onScale('steps', value))).toBe(true);
    expect(['0', '8', '3.5', ''].some((value) => onScale('steps', value))).toBe(false);
    expect(['0', '57', '100', 'unknown'].every((value) => onScale('continuous', value))).toBe(true);
    expect(['101', '-1', 'x'].some((value) => onScale('continuous', value))).toBe(false);
  });

  it('starts the counts again when the animator changes the kind of scale', () => {
    const state = { ...barometerSnapshot(), scale: 'steps' as const };
    const continuous = withIndicators(state, FOUR, 'continuous');
    expect(continuous.scale).toBe('continuous');
    expect(continuous.tallies.every((tally) => tally.steps.length === 101)).toBe(true);
  });

  it('keeps tallies and answers in place when the animator renames, adds or removes scales', () => {
    const state = { ...barometerSnapshot({ mine: ['4', '', '', ''] }), scale: 'steps' as const, tallies: [tallyOf('4'), ...FOUR.slice(1).map(() => emptyTally())] };
    const three = withIndicators(state, [{ ...FOUR[0]!, title: 'Vie sociale' }, FOUR[1]!, FOUR[2]!]);
    expect(three.indicators[0]?.title).toBe('Vie sociale');
    expect(three.mine).toEqual(['4', '', '']);
    expect(three.tallies[0]).toEqual(tallyOf('4'));
    const five = withIndicators(three, [...FOUR, { title: 'Mobilité', low: 'Proximité', high: 'Éloignement' }]);
    expect(five.tallies).toHaveLength(5);
    expect(five.mine).toEqual(['4', '', '', '', '']);
  });
});

describe('a barometer board', () => {
  it('shows a participant its own answer at once, then the tally the server sends back', () => {
    const model = loadedBarometer();
    model.answerBarometer(0, '5');
    expect(model.view.barometer?.mine[0]).toBe('5');
    expect(model.view.barometer?.tallies[0]).toEqual(tallyOf('5'));
    expect(model.pendingCount).toBe(1);

    const [command] = model.stream.pendingCommands;
    const answered: BoardEvent = {
      type: 'barometer.answered',
      ...envelope(4, command!.id, 'p-me'),
      indicator: 0,
      value: '5',
      tally: tallyOf('5', '2'),
    };
    model.stream.receive(answered);
    expect(model.pendingCount).toBe(0);
    expect(model.view.barometer?.tallies[0]).toEqual(tallyOf('5', '2'));
  });

  it('folds a cursor moved step by step into one answer, per scale', () => {
    const model = loadedBarometer();
    model.answerBarometer(1, '2');
    model.answerBarometer(1, '3');
    model.answerBarometer(2, 'unknown');
    expect(model.stream.pendingCommands.map((command) => command.type === 'barometer.answer' && command.value)).toEqual([
      '3',
      'unknown',
    ]);
    expect(model.view.barometer?.tallies[1]).toEqual(tallyOf('3'));
  });

  it('learns the tally of the others from the shadow of their answers, and nothing of whose they are', () => {
    const model = loadedBarometer({ mine: ['6', '', '', ''], tallies: [tallyOf('6'), ...FOUR.slice(1).map(() => emptyTally())] });
    model.stream.receive({ type: 'hidden', stream: STREAM, rev: 4, h: hashAt(4), at: 4, indicator: 0, tally: tallyOf('6', '1') } as never);
    expect(model.revision).toBe(4);
    expect(model.view.barometer?.tallies[0]).toEqual(tallyOf('6', '1'));
    expect(model.view.barometer?.mine).toEqual(['6', '', '', '']);
    model.stream.receive({ type: 'hidden', stream: STREAM, rev: 5, h: hashAt(5), at: 5 });
    expect(model.revision).toBe(5);
    expect(model.view.barometer?.tallies[0]).toEqual(tallyOf('6', '1'));
  });

  it('shows the split by category once closed, and drops it when reopened', () => {
    const model = loadedBarometer();
    const split = [{ indicator: 0, category: 'habitant', steps: [0, 1, 1, 0, 0, 0, 0], unknown: 1 }];
    model.stream.receive({ type: 'barometer.closed', ...envelope(4, 'c1', 'animator'), closed: true, split });
    expect(model.view.barometer?.closed).toBe(true);
    expect(splitOf(model.view.barometer!, 0)).toEqual(split);
    expect(splitOf(model.view.barometer!, 1)).toEqual([]);
    model.stream.receive({ type: 'barometer.closed', ...envelope(5, 'c2', 'animator'), closed: false, split: [] });
    expect(model.view.barometer?.closed).toBe(false);
    expect(model.view.barometer?.split).toEqual([]);
  });

  it('does not show an answer as taken once the barometer is closed', () => {
    const model = loadedBarometer({ closed: true });
    model.answerBarometer(0, '2');
    expect(model.view.barometer?.mine[0]).toBe('');
  });

  it('has no barometer on a board of notes', () => {
    const model = newModel();
    model.stream.receiveSync({ ok: true, stream: STREAM, rev: 1, h: hashAt(1), snapshot: { board: BOARD, notes: [] } });
    expect(model.view.barometer).toBeNull();
  });
});
