import type { Translator } from '../i18n';
import {
  answeredCount,
  emptyTally,
  INDICATORS,
  median,
  splitOf,
  STEPS,
  UNKNOWN,
  type Answer,
  type BarometerState,
  type Indicator,
  type Tally,
} from '../model/barometer';
import type { Role } from '../protocol/messages';
import { h, replaceKeepingFocus } from './dom';

/** What a barometer's people may do; the board screen hands these to the model. */
export interface BarometerIntents {
  answer(indicator: number, value: Answer): void;
  close(closed: boolean): void;
  set(indicators: Indicator[]): void;
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

/**
 * A scale's live distribution: a bar per step (its count written on it), the median marked under
 * the bars, and the same said in words for screen readers. Who chose what is never known here.
 */
export function distributionChart(t: Translator, tally: Tally, testid = 'barometer-chart'): HTMLElement {
  const highest = Math.max(1, ...tally.steps);
  const bars = tally.steps.map((count, index) => {
    const bar = h('span', { className: 'barometer-bar', attrs: { 'data-step': index + 1 } });
    bar.style.setProperty('--share', String(count / highest));
    return h('span', { className: 'barometer-column' }, h('span', { className: 'barometer-count' }, count || ''), bar);
  });
  const middle = median(tally);
  const marker = h('span', { className: 'barometer-median', testid: 'barometer-median', hidden: middle === null });
  if (middle !== null) {
    marker.style.setProperty('--at', String((middle - 0.5) / STEPS));
    marker.dataset.median = String(middle);
  }
  const steps = tally.steps.map((count, index) => `${index + 1} : ${count}`).join(', ');
  return h(
    'figure',
    { className: 'barometer-chart', testid },
    h(
      'div',
      { className: 'barometer-bars', attrs: { role: 'img', 'aria-label': t.t('barometer.chart', { steps, unknown: tally.unknown }) } },
      ...bars,
    ),
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
function scaleHeading(t: Translator, indicator: Indicator, id: string, tag: 'legend' | 'h3'): HTMLElement[] {
  return [
    h(
      tag,
      { className: 'barometer-scale-title', id },
      indicator.title,
      h('span', { className: 'visually-hidden' }, ` — ${t.t('barometer.scale', indicator)}`),
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
    return JSON.stringify([state.indicators, state.closed, state.split, this.role(), this.editing !== null]);
  }

  /** Only the tallies and this person's answers moved: charts redrawn, radios checked, nothing replaced under a finger. */
  private refresh(state: BarometerState): void {
    this.charts.forEach((chart, index) => chart.replaceWith((this.charts[index] = distributionChart(this.t, state.tallies[index] ?? emptyTally()))));
    for (const radio of this.element.querySelectorAll<HTMLInputElement>('input[type="radio"]')) {
      radio.checked = state.mine[Number(radio.dataset.indicator)] === radio.value;
    }
  }

  private build(state: BarometerState): void {
    const { t } = this;
    this.shape = this.shapeOf(state);
    const answering = this.role() === 'participant' && !state.closed;
    this.charts = state.indicators.map((_, index) => distributionChart(t, state.tallies[index] ?? emptyTally()));
    replaceKeepingFocus(
      this.element,
      h('h2', { className: 'barometer-title', id: 'barometer-title' }, t.t('barometer.title')),
      answering && h('p', { className: 'help' }, t.t('barometer.help')),
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
              ...scaleHeading(t, indicator, `barometer-scale-${index}`, 'legend'),
              ...answerGroup(t, indicator, index, mine, this.intents),
              chart,
            )
          : h(
              'div',
              { className: 'barometer-scale', testid: 'barometer-scale', attrs: { role: 'group', 'aria-labelledby': `barometer-scale-${index}` } },
              ...scaleHeading(t, indicator, `barometer-scale-${index}`, 'h3'),
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
    this.rebuild();
  }

  private rebuild(): void {
    if (this.state) this.build(this.state);
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
            this.intents.set(indicators.map((indicator) => ({ ...indicator })));
            this.editing = null;
            this.rebuild();
          },
        },
      },
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
 * The barometer on the projector: every scale large, side by side in two columns, with its
 * distribution, median and count of answers, then the split by category once closed.
 */
export function plenaryBarometer(t: Translator, boardId: string, state: BarometerState): HTMLElement {
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
          ...scaleHeading(t, indicator, `${boardId}-scale-${index}`, 'h3'),
          distributionChart(t, state.tallies[index] ?? emptyTally()),
          splitList(t, state, index),
        );
      }),
    ),
  );
}
