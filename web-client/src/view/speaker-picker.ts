import type { Translator } from '../i18n';
import { byName } from '../model/roster';
import { rememberedSpeakers, rememberSpeaker, speakerKey, type TypedSpeaker } from '../model/speakers';
import type { KeyValueStorage } from '../model/storage';
import { CATEGORIES, LIMITS, type Category, type Participant, type Speaker } from '../protocol/messages';
import { h, replaceChildren } from './dom';

/** A choice of the picker: the animator itself (no speaker), a roster participant, or a typed speaker. */
interface Choice {
  key: string;
  speaker: Speaker | null;
  label: string;
}

/**
 * Scribe mode's "for whom": chips for the animator itself, the group's participants and the
 * speakers typed on this tablet, and a quick "name + category" entry, remembered on the tablet.
 * The choice stays from one note to the next, so the pen moves on in one tap.
 */
export class SpeakerPicker {
  readonly element: HTMLElement;
  private readonly chips = h('div', { className: 'speaker-choices', attrs: { role: 'group', 'aria-labelledby': 'speaker-legend' } });
  private readonly nameInput: HTMLInputElement;
  private readonly categorySelect: HTMLSelectElement;
  private selectedKey = 'self';
  private choices: Choice[] = [];
  /** The roster the chips show, to rebuild them only when it changes. */
  private shownRoster = '';

  constructor(
    private readonly t: Translator,
    private readonly storage: KeyValueStorage,
    private readonly workshopId: string,
    /** The participants to offer first: the board's group. */
    private readonly roster: () => readonly Participant[],
    /** After a speaker was added: where the pen goes next. */
    private readonly added: () => void,
  ) {
    this.nameInput = h('input', {
      id: 'speaker-name',
      type: 'text',
      maxLength: LIMITS.participantName,
      autocomplete: 'off',
      testid: 'speaker-name',
      on: {
        keydown: (event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            this.addTyped();
          }
        },
      },
    });
    this.categorySelect = h(
      'select',
      { id: 'speaker-category', testid: 'speaker-category' },
      ...CATEGORIES.map((category) => h('option', { value: category }, t.t(`category.${category}`))),
    );
    this.categorySelect.value = 'habitant';
    this.element = h(
      'div',
      { className: 'speaker-picker stack-tight', testid: 'speaker-picker' },
      h('p', { className: 'label', id: 'speaker-legend' }, t.t('scribe.forWhom')),
      this.chips,
      h(
        'details',
        { className: 'speaker-entry' },
        h('summary', { testid: 'speaker-entry-toggle' }, t.t('scribe.typeSpeaker')),
        h(
          'div',
          { className: 'speaker-entry-fields' },
          h('label', { htmlFor: 'speaker-name', className: 'label' }, t.t('scribe.name')),
          this.nameInput,
          h('label', { htmlFor: 'speaker-category', className: 'label' }, t.t('scribe.category')),
          this.categorySelect,
          h(
            'button',
            { type: 'button', className: 'button secondary', testid: 'speaker-add', on: { click: () => this.addTyped() } },
            t.t('scribe.addSpeaker'),
          ),
        ),
      ),
    );
  }

  /** Whom the next note is for; null: the animator itself. */
  get speaker(): Speaker | null {
    return this.choices.find((choice) => choice.key === this.selectedKey)?.speaker ?? null;
  }

  /** The chosen speaker's name, to say whom a note was added for. */
  get speakerName(): string | null {
    return this.speaker ? (this.choices.find((choice) => choice.key === this.selectedKey)?.label ?? null) : null;
  }

  /** The workshop changed: the group's roster may have come or changed since the chips were built. */
  rosterChanged(): void {
    if (rosterKey(this.roster()) !== this.shownRoster) this.refresh();
  }

  refresh(): void {
    const typed = rememberedSpeakers(this.storage, this.workshopId);
    const roster = this.roster();
    this.shownRoster = rosterKey(roster);
    this.choices = [
      { key: 'self', speaker: null, label: this.t.t('scribe.myself') },
      ...[...roster].sort(byName).map((participant) => ({
        key: `p:${participant.id}`,
        speaker: { id: participant.id },
        label: participant.name,
      })),
      ...typed.map((one) => ({ key: `t:${speakerKey(one.name)}`, speaker: { ...one }, label: one.name })),
    ];
    if (!this.choices.some((choice) => choice.key === this.selectedKey)) this.selectedKey = 'self';
    replaceChildren(
      this.chips,
      ...this.choices.map((choice) =>
        h(
          'button',
          {
            type: 'button',
            className: 'speaker-choice',
            testid: 'speaker-choice',
            attrs: { 'aria-pressed': choice.key === this.selectedKey, 'data-speaker': choice.label },
            on: { click: () => this.select(choice.key) },
          },
          choice.label,
        ),
      ),
    );
  }

  private select(key: string): void {
    this.selectedKey = key;
    for (const chip of this.chips.children) {
      const index = [...this.chips.children].indexOf(chip);
      chip.setAttribute('aria-pressed', String(this.choices[index]?.key === key));
    }
  }

  private addTyped(): void {
    const typed: TypedSpeaker = { name: this.nameInput.value, category: this.categorySelect.value as Category };
    const remembered = rememberSpeaker(this.storage, this.workshopId, typed);
    if (!remembered) {
      this.nameInput.focus();
      return;
    }
    this.nameInput.value = '';
    this.selectedKey = `t:${speakerKey(remembered.name)}`;
    this.refresh();
    (this.element.querySelector('details') as HTMLDetailsElement).open = false;
    this.added();
  }
}

function rosterKey(roster: readonly Participant[]): string {
  return roster.map((participant) => `${participant.id}:${participant.name}`).join('\n');
}
