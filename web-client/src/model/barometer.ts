import type { CommandOf, EventOf } from '../protocol/messages';

/** The barometer of social vitality (atelier 1): bipolar scales where each participant places the territory. */

export type Indicator = CommandOf<'barometer.set'>['indicators'][number];
export type Tally = EventOf<'barometer.answered'>['tally'];
export type SplitRow = EventOf<'barometer.closed'>['split'][number];

/** A cursor of 7 steps: 1 is the vitality pole (`low`), 7 the depression pole (`high`). */
export const STEPS = 7;
export const UNKNOWN = 'unknown';
export const INDICATORS = { min: 2, max: 8, title: 60, pole: 40 } as const;
/** An answer: "1" to "7" (steps) or "0" to "100" (continuous), or "unknown" ("je ne sais pas"); '' for none yet. */
export type Answer = string;

/** The animator's choice per barometer: a cursor of 7 steps, or a continuous one from 0 to 100. */
export type Scale = 'steps' | 'continuous';
export const SCALES: readonly Scale[] = ['steps', 'continuous'];
/** Each scale's places as a tally counts them, and the value of the first: steps 1..7, continuous 0..100. */
export const PLACES: Readonly<Record<Scale, { count: number; first: number }>> = {
  steps: { count: STEPS, first: 1 },
  continuous: { count: 101, first: 0 },
};

/** What a reader may know of a barometer: its own answers, everyone's tallies, the split once closed. */
export interface BarometerState {
  readonly indicators: readonly Indicator[];
  readonly scale: Scale;
  readonly tallies: readonly Tally[];
  readonly closed: boolean;
  readonly split: readonly SplitRow[];
  /** This reader's answers, per indicator; '' where it has not answered. */
  readonly mine: readonly Answer[];
}

export function emptyTally(scale: Scale = 'steps'): Tally {
  return { steps: Array.from({ length: PLACES[scale].count }, () => 0), unknown: 0 };
}

/** The scale a tally counts, told by its number of places (a split row has no scale of its own). */
export function scaleOf(tally: Tally): Scale {
  return tally.steps.length === PLACES.continuous.count ? 'continuous' : 'steps';
}

/** The value of a tally's place at `index` (from 0): a step 1..7, or 0..100. */
export function valueAt(tally: Tally, index: number): number {
  return index + PLACES[scaleOf(tally)].first;
}

/** Every place chosen, smallest first, once per person: what a dot strip draws (never who). */
export function placedValues(tally: Tally): number[] {
  return tally.steps.flatMap((count, index) => Array.from({ length: count }, () => valueAt(tally, index)));
}

/** The scale's value as a number from 0 (vitality pole) to 1 (depression pole), to place it on a drawing. */
export function share(tally: Tally, value: number): number {
  const { count, first } = PLACES[scaleOf(tally)];
  return (value - first) / (count - 1);
}

/** Everyone who answered, "je ne sais pas" included: what the room sees, not what each chose. */
export function answeredCount(tally: Tally): number {
  return tally.steps.reduce((sum, count) => sum + count, tally.unknown);
}

/** Those who placed the territory on the scale ("je ne sais pas" left out). */
export function placedCount(tally: Tally): number {
  return tally.steps.reduce((sum, count) => sum + count, 0);
}

/**
 * The median place of those who placed the territory (a step 1 to 7, or 0 to 100), halfway between
 * the two middle answers when their number is even (3.5); null when nobody placed it. "Je ne sais
 * pas" is not a place.
 */
export function median(tally: Tally): number | null {
  const placed = placedCount(tally);
  if (placed === 0) return null;
  const nth = (rank: number): number => {
    let seen = 0;
    for (let step = 0; step < tally.steps.length; step++) {
      seen += tally.steps[step] ?? 0;
      if (seen > rank) return valueAt(tally, step);
    }
    return valueAt(tally, tally.steps.length - 1);
  };
  return placed % 2 === 1 ? nth((placed - 1) / 2) : (nth(placed / 2 - 1) + nth(placed / 2)) / 2;
}

/** A tally with one answer moved: `before` taken away (if any), `after` added. */
export function moved(tally: Tally, before: Answer, after: Answer): Tally {
  const steps = [...tally.steps];
  let unknown = tally.unknown;
  const first = PLACES[scaleOf(tally)].first;
  const add = (answer: Answer, delta: number) => {
    const index = Number(answer) - first;
    if (answer === UNKNOWN) unknown += delta;
    else if (answer !== '' && index >= 0 && index < steps.length) steps[index] = Math.max(0, (steps[index] ?? 0) + delta);
  };
  add(before, -1);
  add(after, 1);
  return { steps, unknown };
}

/** New scales, and maybe a new kind of scale (only while nobody answered: the counts start again). */
export function withIndicators(state: BarometerState, indicators: readonly Indicator[], scale: Scale = state.scale): BarometerState {
  const kept = scale === state.scale;
  const resize = <T>(list: readonly T[], empty: () => T) => indicators.map((_, index) => (kept ? list[index] : undefined) ?? empty());
  return {
    ...state,
    indicators,
    scale,
    tallies: resize(state.tallies, () => emptyTally(scale)),
    mine: resize(state.mine, () => ''),
  };
}

export function isScale(value: string | undefined): value is Scale {
  return SCALES.includes(value as Scale);
}

/** Whether anyone answered any indicator: the kind of scale is fixed from then on. */
export function anyAnswer(state: BarometerState): boolean {
  return state.tallies.some((tally) => answeredCount(tally) > 0);
}

/** The new tally of one indicator, as everyone learns it (the author's answer stays the author's). */
export function withTally(state: BarometerState, indicator: number, tally: Tally): BarometerState {
  if (indicator < 0 || indicator >= state.tallies.length) return state;
  return { ...state, tallies: state.tallies.map((known, index) => (index === indicator ? tally : known)) };
}

export function withOwnAnswer(state: BarometerState, indicator: number, value: Answer, tally: Tally): BarometerState {
  const tallied = withTally(state, indicator, tally);
  return { ...tallied, mine: tallied.mine.map((known, index) => (index === indicator ? value : known)) };
}

/** An answer a cursor may give on this scale ("je ne sais pas" included): what the server would accept. */
export function onScale(scale: Scale, value: Answer): boolean {
  if (value === UNKNOWN) return true;
  const { count, first } = PLACES[scale];
  const number = Number(value);
  return /^\d+$/.test(value) && number >= first && number < first + count;
}

/** Shown before the server confirms it: the answer in place, and the tally moved by it. */
export function predictAnswer(state: BarometerState, indicator: number, value: Answer): BarometerState {
  const tally = state.tallies[indicator];
  if (!tally || state.closed) return state;
  return withOwnAnswer(state, indicator, value, moved(tally, state.mine[indicator] ?? '', value));
}

export function withClosed(state: BarometerState, closed: boolean, split: readonly SplitRow[]): BarometerState {
  return { ...state, closed, split: closed ? split : [] };
}

/** The split of one indicator, in the server's category order (only categories with enough answers are there). */
export function splitOf(state: BarometerState, indicator: number): SplitRow[] {
  return state.split.filter((row) => row.indicator === indicator);
}

/** The shadow of someone else's answer: `{indicator, tally}` on a `hidden` event. */
export function isTallyShadow(event: object): event is { indicator: number; tally: Tally } {
  const candidate = event as { indicator?: unknown; tally?: { steps?: unknown; unknown?: unknown } };
  return (
    typeof candidate.indicator === 'number' &&
    Array.isArray(candidate.tally?.steps) &&
    typeof candidate.tally?.unknown === 'number'
  );
}

/** A pole of a scale: `low` the vitality pole, `high` the depression pole. */
export type Pole = 'low' | 'high';
export const POLES: readonly Pole[] = ['low', 'high'];

/**
 * The zones of a barometer board that hold the images of each pole (zone 2i+1 the low pole of
 * indicator i, 2i+2 its high pole), for the indicators the barometer has, titled by the poles' names.
 */
export function poleZones<Z extends { id: string; title: string }>(
  zones: readonly Z[],
  indicators: readonly Indicator[],
): (Z & { indicator: number; pole: Pole })[] {
  return indicators.flatMap((indicator, index) =>
    POLES.flatMap((pole, side) => {
      const zone = zones[2 * index + side];
      return zone ? [{ ...zone, title: indicator[pole], indicator: index, pole }] : [];
    }),
  );
}

/** The notes associated with one pole of one indicator: those written in that pole's zone. */
export function poleNotes<N extends { zone: string }>(zones: readonly { id: string }[], indicator: number, pole: Pole, notes: readonly N[]): N[] {
  const zone = zones[2 * indicator + POLES.indexOf(pole)];
  return zone ? notes.filter((note) => note.zone === zone.id) : [];
}
