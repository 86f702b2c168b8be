import type { Translator } from '../i18n';
import {
  answeredCount,
  anyAnswer,
  emptyTally,
  INDICATORS,
  median,
  placedValues,
  poleNotes,
  poleZones,
  POLES,
  SCALES,
  scaleOf,
  share,
  splitOf,
  STEPS,
  UNKNOWN,
  type Answer,
  type BarometerState,
  type Indicator,
  type Scale,
  type Tally,
} from '../model/barometer';
import type { Board, Note, Role } from '../protocol/messages';
import { h, replaceKeepingFocus } from './dom';
import { notePhoto, showNotePhoto } from './note-photo';

/** What a barometer's people may do; the board screen hands these to the model. */
export interface BarometerIntents {
  answer(indicator: number, value: Answer): void;
  close(closed: boolean): void;
  set(indicators: Indicator[], scale: Scale): void;
}

const STEP_VALUES = Array.from({ length: STEPS }, (_, index) => String(index + 1));

function formatMedian(t: Translator, value: number): string {
  return new Intl.NumberFormat(t.language, { maximumFractionDigits: 1 }).format(value);
}

/** "Médiane : 3,5 · 12 réponses": what a scale's distribution comes to, in words. */
function summary(t: Translator, tally: Tally): string {
  const middle = median(tally);
  const parts = [
    middle === null ? t.t('barometer.noMedian') : t.t('barometer.median', { value: formatMedian(t, middle) }),
    t.count('barometer.answered', answeredCount(tally)),
  ];
  if (tally.unknown > 0) parts.push(t.t('barometer.unknownCount', { count: tally.unknown }));
  return parts.join(' · ');
}

/** Dots closer than this (in places of 0..100) pile up instead of covering each other. */
const STRIP_NEAR = 3;

/**
 * A continuous scale's live distribution: one dot per answer at its place, piled where places are
 * close, the median marked under the strip, and the places said in words for screen readers.
 */
function dotStrip(t: Translator, tally: Tally): { figure: HTMLElement[]; label: string } {
  const values = placedValues(tally);
  const rows: number[] = [];
  const dots = values.map((value, index) => {
    let row = 0;
    for (let earlier = index - 1; earlier >= 0 && value - values[earlier]! < STRIP_NEAR; earlier--) row = Math.max(row, rows[earlier]! + 1);
    rows[index] = row;
    const dot = h('span', { className: 'barometer-dot', attrs: { 'data-value': value } });
    dot.style.setProperty('--at', String(share(tally, value)));
    dot.style.setProperty('--row', String(row));
    return dot;
  });
  const strip = h('div', { className: 'barometer-strip', testid: 'barometer-strip' }, ...dots);
  strip.style.setProperty('--rows', String(Math.max(3, ...rows.map((row) => row + 1))));
  const label = t.t('barometer.strip', {
    values: values.length ? values.join(', ') : t.t('barometer.stripNone'),
    unknown: tally.unknown,
  });
  return { figure: [strip], label };
}

/** A 7-step scale's live distribution: a bar per step, its count written on it. */
function histogram(t: Translator, tally: Tally): { figure: HTMLElement[]; label: string } {
  const highest = Math.max(1, ...tally.steps);
  const bars = tally.steps.map((count, index) => {
    const bar = h('span', { className: 'barometer-bar', attrs: { 'data-step': index + 1 } });
    bar.style.setProperty('--share', String(count / highest));
    return h('span', { className: 'barometer-column' }, h('span', { className: 'barometer-count' }, count || ''), bar);
  });
  const steps = tally.steps.map((count, index) => `${index + 1} : ${count}`).join(', ');
  return { figure: bars, label: t.t('barometer.chart', { steps, unknown: tally.unknown }) };
}

/**
 * A scale's live distribution (bars for 7 steps, a dot strip for a continuous scale), the median
 * marked under it, and the same said in words for screen readers. Who chose what is never known here.
 */
export function distributionChart(t: Translator, tally: Tally, testid = 'barometer-chart'): HTMLElement {
  const continuous = scaleOf(tally) === 'continuous';
  const { figure, label } = continuous ? dotStrip(t, tally) : histogram(t, tally);
  const middle = median(tally);
  const marker = h('span', { className: 'barometer-median', testid: 'barometer-median', hidden: middle === null });
  if (middle !== null) {
    marker.style.setProperty('--at', String(continuous ? share(tally, middle) : (middle - 0.5) / STEPS));
    marker.dataset.median = String(middle);
  }
  return h(
    'figure',
    { className: `barometer-chart${continuous ? ' is-strip' : ''}`, testid },
    h('div', { className: continuous ? 'barometer-strip-frame' : 'barometer-bars', attrs: { role: 'img', 'aria-label': label } }, ...figure),
    h('div', { className: 'barometer-axis', attrs: { 'aria-hidden': 'true' } }, marker),
    h('figcaption', { className: 'barometer-summary', testid: 'barometer-summary' }, summary(t, tally)),
  );
}

/** After closing: each category with enough answers, with its own distribution. */
function splitList(t: Translator, state: BarometerState, indicator: number): HTMLElement | null {
  if (!state.closed) return null;
  const rows = splitOf(state, indicator);
  return h(
    'div',
    { className: 'barometer-split', testid: 'barometer-split' },
    h('h4', { className: 'barometer-split-title' }, t.t('barometer.split')),
    rows.length === 0
      ? h('p', { className: 'muted' }, t.t('barometer.splitNone'))
      : h(
          'ul',
          { className: 'barometer-split-rows' },
          ...rows.map((row) =>
            h(
              'li',
              { className: 'barometer-split-row', testid: 'barometer-split-row', attrs: { 'data-category': row.category } },
              h('span', { className: 'barometer-split-category' }, t.t(`category.${row.category}` as never)),
              distributionChart(t, row, 'barometer-split-chart'),
            ),
          ),
        ),
  );
}

/** The scale's heading: its title, and its poles at either end. */
function scaleHeading(t: Translator, indicator: Indicator, id: string, tag: 'legend' | 'h3', scale: Scale): HTMLElement[] {
  return [
    h(
      tag,
      { className: 'barometer-scale-title', id },
      indicator.title,
      h('span', { className: 'visually-hidden' }, ` — ${t.t(scale === 'continuous' ? 'barometer.scaleContinuous' : 'barometer.scale', indicator)}`),
    ),
    h(
      'div',
      { className: 'barometer-poles', attrs: { 'aria-hidden': 'true' } },
      h('span', { className: 'barometer-pole', attrs: { 'data-pole': 'low' } }, indicator.low),
      h('span', { className: 'barometer-pole', attrs: { 'data-pole': 'high' } }, indicator.high),
    ),
  ];
}

/** Seven steps and "je ne sais pas", as native radios: arrows move, the screen reader says each step. */
function answerGroup(t: Translator, indicator: Indicator, index: number, chosen: Answer, intents: BarometerIntents) {
  const name = `barometer-${index}`;
  const radio = (value: string, label: string, className: string, accessibleName: string) =>
    h(
      'label',
      { className },
      h('input', {
        type: 'radio',
        name,
        value,
        checked: chosen === value,
        testid: `barometer-answer-${index}-${value}`,
        attrs: { 'aria-label': accessibleName, 'data-indicator': index },
        on: { change: () => intents.answer(index, value) },
      }),
      h('span', { attrs: { 'aria-hidden': 'true' } }, label),
    );
  const poleOf = (value: string) => (value === '1' ? indicator.low : value === String(STEPS) ? indicator.high : null);
  return [
    h(
      'div',
      { className: 'barometer-steps' },
      ...STEP_VALUES.map((value) => {
        const pole = poleOf(value);
        return radio(value, value, 'barometer-step', pole ? t.t('barometer.stepPole', { step: value, pole }) : value);
      }),
    ),
    radio(UNKNOWN, t.t('barometer.unknown'), 'barometer-unknown', t.t('barometer.unknown')),
  ];
}

/** "64 sur 100, côté Isolement": what a screen reader says of a continuous cursor's place. */
function cursorText(t: Translator, indicator: Indicator, value: number): string {
  if (value === 50) return t.t('barometer.middle');
  return t.t('barometer.towards', { value, pole: value < 50 ? indicator.low : indicator.high });
}

/**
 * A continuous cursor from 0 (the vitality pole) to 100, as a native range input: a finger drags or
 * taps it, arrows move it by 1 and Page Up/Down by 10, and the screen reader hears the place and its
 * pole. The answer is sent when the finger lifts or the key is released, not at every pixel. Before
 * any answer the thumb waits in the middle, greyed, and touching it (or Enter) answers 50.
 */
function cursorGroup(t: Translator, indicator: Indicator, index: number, chosen: Answer, intents: BarometerIntents) {
  const placed = chosen !== '' && chosen !== UNKNOWN;
  const range = h('input', {
    type: 'range',
    min: '0',
    max: '100',
    step: '1',
    value: placed ? chosen : '50',
    className: 'barometer-cursor',
    testid: `barometer-cursor-${index}`,
    attrs: {
      'aria-label': t.t('barometer.cursor', indicator),
      'aria-valuetext': cursorText(t, indicator, placed ? Number(chosen) : 50),
      'data-indicator': index,
      'data-answered': placed,
    },
  });
  const send = () => {
    range.dataset.answered = 'true';
    intents.answer(index, range.value);
  };
  range.addEventListener('input', () => range.setAttribute('aria-valuetext', cursorText(t, indicator, Number(range.value))));
  range.addEventListener('change', send);
  range.addEventListener('pointerup', () => {
    if (range.dataset.answered !== 'true') send();
  });
  range.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && range.dataset.answered !== 'true') send();
  });
  const unknown = h(
    'label',
    { className: 'barometer-unknown' },
    h('input', {
      type: 'checkbox',
      checked: chosen === UNKNOWN,
      testid: `barometer-answer-${index}-${UNKNOWN}`,
      attrs: { 'data-indicator': index, 'data-unknown': 'true' },
      on: {
        change: (event: Event) => {
          if ((event.target as HTMLInputElement).checked) intents.answer(index, UNKNOWN);
          else send();
        },
      },
    }),
    h('span', {}, t.t('barometer.unknown')),
  );
  return [
    h('div', { className: 'barometer-cursor-row' }, range),
    h('p', { className: 'help barometer-not-yet', hidden: chosen !== '', testid: `barometer-not-yet-${index}` }, t.t('barometer.notYet')),
    unknown,
  ];
}

/**
 * The barometer on a barometer board (phones, tablets, the animator's screen): per indicator, a
 * participant's cursor and the live distribution; for animators, closing, reopening and editing
 * the scales; after closing, the split by category.
 */
export class BarometerPanel {
  readonly element = h('section', {
    className: 'barometer-panel',
    testid: 'barometer-panel',
    hidden: true,
    attrs: { 'aria-labelledby': 'barometer-title' },
  });
  private editing: Indicator[] | null = null;
  private editingScale: Scale = 'steps';
  private state: BarometerState | null = null;
  /** What the built elements show, apart from tallies and answers. */
  private shape = '';
  private charts: HTMLElement[] = [];

  constructor(
    private readonly t: Translator,
    private readonly role: () => Role,
    private readonly intents: BarometerIntents,
  ) {}

  render(state: BarometerState | null): void {
    if (state === this.state && this.element.childElementCount > 0) return;
    this.state = state;
    this.element.hidden = state === null;
    if (!state) return;
    if (this.shapeOf(state) === this.shape) this.refresh(state);
    else this.build(state);
  }

  private shapeOf(state: BarometerState): string {
    return JSON.stringify([state.indicators, state.scale, state.closed, state.split, this.role(), this.editing !== null]);
  }

  /** Only the tallies and this person's answers moved: charts redrawn, radios checked, nothing replaced under a finger. */
  private refresh(state: BarometerState): void {
    this.charts.forEach((chart, index) =>
      chart.replaceWith((this.charts[index] = distributionChart(this.t, state.tallies[index] ?? emptyTally(state.scale)))),
    );
    for (const radio of this.element.querySelectorAll<HTMLInputElement>('input[type="radio"][data-indicator]')) {
      radio.checked = state.mine[Number(radio.dataset.indicator)] === radio.value;
    }
    for (const box of this.element.querySelectorAll<HTMLInputElement>('input[data-unknown]')) {
      box.checked = state.mine[Number(box.dataset.indicator)] === UNKNOWN;
    }
    for (const range of this.element.querySelectorAll<HTMLInputElement>('input[type="range"]')) {
      const index = Number(range.dataset.indicator);
      const mine = state.mine[index] ?? '';
      if (mine !== '' && mine !== UNKNOWN && range !== document.activeElement) range.value = mine;
      range.dataset.answered = String(mine !== '' && mine !== UNKNOWN);
      const notYet = this.element.querySelector<HTMLElement>(`[data-testid="barometer-not-yet-${index}"]`);
      if (notYet) notYet.hidden = mine !== '';
    }
  }

  private build(state: BarometerState): void {
    const { t } = this;
    this.shape = this.shapeOf(state);
    const answering = this.role() === 'participant' && !state.closed;
    this.charts = state.indicators.map((_, index) => distributionChart(t, state.tallies[index] ?? emptyTally(state.scale)));
    replaceKeepingFocus(
      this.element,
      h('h2', { className: 'barometer-title', id: 'barometer-title' }, t.t('barometer.title')),
      answering && h('p', { className: 'help' }, t.t(state.scale === 'continuous' ? 'barometer.helpContinuous' : 'barometer.help')),
      state.closed && h('p', { className: 'barometer-closed', testid: 'barometer-closed', attrs: { role: 'status' } }, t.t('barometer.closedNote')),
      this.role() === 'animator' && this.animatorTools(state),
      this.editing ? this.editor(this.editing) : null,
      ...state.indicators.map((written, index) => {
        const indicator = t.indicator(index, written);
        const mine = state.mine[index] ?? '';
        const chart = this.charts[index];
        return answering
          ? h(
              'fieldset',
              { className: 'barometer-scale', testid: 'barometer-scale' },
              ...scaleHeading(t, indicator, `barometer-scale-${index}`, 'legend', state.scale),
              ...(state.scale === 'continuous'
                ? cursorGroup(t, indicator, index, mine, this.intents)
                : answerGroup(t, indicator, index, mine, this.intents)),
              chart,
            )
          : h(
              'div',
              { className: 'barometer-scale', testid: 'barometer-scale', attrs: { role: 'group', 'aria-labelledby': `barometer-scale-${index}` } },
              ...scaleHeading(t, indicator, `barometer-scale-${index}`, 'h3', state.scale),
              mine &&
                h(
                  'p',
                  { className: 'barometer-mine', testid: 'barometer-mine' },
                  t.t('barometer.mine', { value: mine === UNKNOWN ? t.t('barometer.unknown') : mine }),
                ),
              chart,
              splitList(t, state, index),
            );
      }),
    );
  }

  private animatorTools(state: BarometerState): HTMLElement {
    const { t } = this;
    return h(
      'div',
      { className: 'barometer-tools' },
      h(
        'button',
        {
          type: 'button',
          className: state.closed ? 'button' : 'button primary',
          testid: 'barometer-close',
          on: { click: () => this.intents.close(!state.closed) },
        },
        t.t(state.closed ? 'barometer.reopen' : 'barometer.close'),
      ),
      h(
        'button',
        {
          type: 'button',
          className: 'button ghost',
          testid: 'barometer-edit',
          attrs: { 'aria-expanded': this.editing !== null },
          on: { click: () => this.toggleEditor() },
        },
        t.t('barometer.edit'),
      ),
    );
  }

  private toggleEditor(): void {
    this.editing = this.editing ? null : [...(this.state?.indicators ?? [])].map((indicator) => ({ ...indicator }));
    this.editingScale = this.state?.scale ?? 'steps';
    this.rebuild();
  }

  private rebuild(): void {
    if (this.state) this.build(this.state);
  }

  /** 7 steps or continuous: the animator's choice, fixed once anyone answered (the server says so too). */
  private scaleChoice(): HTMLElement {
    const { t } = this;
    const fixed = this.state !== null && anyAnswer(this.state);
    return h(
      'fieldset',
      { className: 'barometer-editor-kind', testid: 'barometer-kind' },
      h('legend', { className: 'label' }, t.t('barometer.kind')),
      h(
        'div',
        { className: 'choices' },
        ...SCALES.map((scale) =>
          h(
            'label',
            { className: 'choice' },
            h('input', {
              type: 'radio',
              name: 'barometer-kind',
              value: scale,
              checked: scale === this.editingScale,
              disabled: fixed,
              testid: `barometer-kind-${scale}`,
              on: { change: () => (this.editingScale = scale) },
            }),
            t.t(`barometer.kind.${scale}`),
          ),
        ),
      ),
      fixed && h('p', { className: 'help' }, t.t('barometer.kindFixed')),
    );
  }

  private editor(indicators: Indicator[]): HTMLElement {
    const { t } = this;
    const field = (label: string, value: string, max: number, testid: string, set: (text: string) => void) =>
      h(
        'label',
        { className: 'field' },
        h('span', { className: 'label' }, label),
        h('input', {
          type: 'text',
          value,
          maxLength: max,
          required: true,
          testid,
          on: { input: (event: Event) => set((event.target as HTMLInputElement).value) },
        }),
      );
    const changed = (next: Indicator[]) => {
      this.editing = next;
      this.rebuild();
    };
    return h(
      'form',
      {
        className: 'barometer-editor card',
        testid: 'barometer-editor',
        on: {
          submit: (event: SubmitEvent) => {
            event.preventDefault();
            this.intents.set(
              indicators.map((indicator) => ({ ...indicator })),
              this.editingScale,
            );
            this.editing = null;
            this.rebuild();
          },
        },
      },
      this.scaleChoice(),
      ...indicators.map((indicator, index) =>
        h(
          'fieldset',
          { className: 'barometer-editor-scale' },
          h('legend', {}, t.t('barometer.field.title', { number: index + 1 })),
          field(t.t('barometer.field.title', { number: index + 1 }), indicator.title, INDICATORS.title, `barometer-title-${index}`, (text) => {
            indicator.title = text;
          }),
          field(t.t('barometer.field.low'), indicator.low, INDICATORS.pole, `barometer-low-${index}`, (text) => {
            indicator.low = text;
          }),
          field(t.t('barometer.field.high'), indicator.high, INDICATORS.pole, `barometer-high-${index}`, (text) => {
            indicator.high = text;
          }),
          indicators.length > INDICATORS.min &&
            h(
              'button',
              { type: 'button', className: 'button ghost', on: { click: () => changed(indicators.filter((_, at) => at !== index)) } },
              t.t('barometer.remove'),
            ),
        ),
      ),
      h(
        'div',
        { className: 'barometer-tools' },
        indicators.length < INDICATORS.max &&
          h(
            'button',
            {
              type: 'button',
              className: 'button',
              on: { click: () => changed([...indicators, { title: '', low: '', high: '' }]) },
            },
            t.t('barometer.add'),
          ),
        h('button', { type: 'submit', className: 'button primary', testid: 'barometer-save' }, t.t('barometer.save')),
      ),
    );
  }
}

/**
 * A barometer board as its screens show it: its zones are the poles of the indicators it has, each
 * titled by the pole's name in this language (the notes there are the images associated with it).
 */
export function withPoleZones(t: Translator, board: Board, state: BarometerState | null): Board {
  if (!state) return board;
  const indicators = state.indicators.map((indicator, index) => t.indicator(index, indicator));
  return { ...board, zones: poleZones(board.zones, indicators).map(({ id, title }) => ({ id, title })) };
}

/** A pole note's photo (the image associated with the pole), its text read with it. */
function polePhoto(boardId: string, photo: string): HTMLImageElement {
  const image = notePhoto('barometer-pole-photo');
  image.loading = 'eager';
  showNotePhoto(image, boardId, photo);
  return image;
}

/** The images associated with each pole of one scale, under their pole, for the projector. */
function poleImages(
  t: Translator,
  boardId: string,
  indicator: Indicator,
  index: number,
  zones: readonly { id: string }[],
  notes: readonly Note[],
) {
  const lists = POLES.map((pole) => {
    const here = poleNotes(zones, index, pole, notes);
    return h(
      'ul',
      {
        className: 'barometer-pole-notes',
        testid: 'barometer-pole-notes',
        attrs: { 'data-pole': pole, 'aria-label': t.t('barometer.poleNotes', { pole: indicator[pole] }) },
      },
      ...here.map((note) =>
        h(
          'li',
          { className: 'barometer-pole-note', testid: 'barometer-pole-note', attrs: { 'data-color': note.color } },
          note.photo ? polePhoto(boardId, note.photo) : null,
          h('span', { className: 'barometer-pole-note-text' }, note.text),
        ),
      ),
    );
  });
  return lists.some((list) => list.childElementCount > 0) ? h('div', { className: 'barometer-poles-notes' }, ...lists) : null;
}

/**
 * The barometer on the projector: every scale large, side by side in two columns, with its
 * distribution, median and count of answers, the notes and images associated with each pole beside
 * it, then the split by category once closed.
 */
export function plenaryBarometer(
  t: Translator,
  boardId: string,
  state: BarometerState,
  images: { zones: readonly { id: string }[]; notes: readonly Note[] } = { zones: [], notes: [] },
): HTMLElement {
  return h(
    'div',
    { className: 'plenary-barometer', testid: 'plenary-barometer' },
    state.closed && h('p', { className: 'barometer-closed', testid: 'barometer-closed' }, t.t('barometer.closedNote')),
    h(
      'div',
      { className: 'plenary-barometer-scales', attrs: { 'data-scales': state.indicators.length } },
      ...state.indicators.map((written, index) => {
        const indicator = t.indicator(index, written);
        return h(
          'section',
          { className: 'barometer-scale', testid: 'barometer-scale', attrs: { 'aria-labelledby': `${boardId}-scale-${index}` } },
          ...scaleHeading(t, indicator, `${boardId}-scale-${index}`, 'h3', state.scale),
          distributionChart(t, state.tallies[index] ?? emptyTally(state.scale)),
          poleImages(t, boardId, indicator, index, images.zones, images.notes),
          splitList(t, state, index),
        );
      }),
    ),
  );
}
