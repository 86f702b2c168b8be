import type { Translator } from '../i18n';
import {
  byIndicator,
  hasSigned,
  MAX_COMMITMENT_TEXT,
  movedOrder,
  type CharterState,
} from '../model/charter';
import type { Board, Commitment, Role, Zone } from '../protocol/messages';
import { h, replaceChildren, replaceKeepingFocus } from './dom';
import { limitLength } from './limited-text';

/** What the people of a charter may do; the board screen hands these to the model. */
export interface CharterIntents {
  write(zone: string, text: string): void;
  sign(commitmentId: string, signed: boolean): void;
  edit(commitmentId: string, change: { text?: string; zone?: string }): void;
  merge(commitmentId: string, into: string, text: string): void;
  remove(commitmentId: string): void;
  reorder(zone: string, order: string[]): void;
  freeze(frozen: boolean): void;
}

/** An animator's open form on one commitment: a new text (and indicator), or a merge into another. */
type Moderation = { kind: 'edit'; id: string } | { kind: 'merge'; id: string; into: string };

function categoryName(t: Translator, category: string): string {
  return t.t(`category.${category}` as 'category.autre');
}

function frozenDate(t: Translator, at: number | undefined): string {
  return new Intl.DateTimeFormat(t.language, { dateStyle: 'long', timeStyle: 'short' }).format(at ?? 0);
}

function signatoriesLine(t: Translator, commitment: Commitment): string {
  const names = commitment.signatures.map((signature) =>
    t.t('charter.signatory', { name: signature.name, category: categoryName(t, signature.category) }),
  );
  return names.length ? t.t('charter.signatories', { names: names.join(', ') }) : '';
}

function indicatorTitle(t: Translator, board: Board, zone: Zone): string {
  return t.zoneTitle(board.template, zone);
}

/**
 * The charter on a phone or a tablet: commitments by indicator, each with its signatures (count and
 * names); participants write and sign with large buttons, animators moderate and freeze. Each
 * commitment is rebuilt only when it changes, and the writing forms are kept, so a signature
 * arriving while someone types takes neither the text nor the focus.
 */
export class CharterPanel {
  readonly element = h('section', {
    className: 'charter-panel',
    testid: 'charter-panel',
    hidden: true,
    attrs: { 'aria-labelledby': 'charter-title' },
  });
  private readonly header = h('div', { className: 'charter-header' });
  private readonly indicators = h('div', { className: 'charter-indicators' });
  private readonly lists = new Map<string, HTMLOListElement>();
  private readonly forms = new Map<string, { element: HTMLElement; field: HTMLTextAreaElement; open: HTMLButtonElement }>();
  private moderation: Moderation | null = null;
  private moderationForm: HTMLElement | null = null;
  private state: CharterState | null = null;
  private board: Board | null = null;
  private shape = '';

  constructor(
    private readonly t: Translator,
    private readonly role: () => Role,
    private readonly self: () => string,
    private readonly intents: CharterIntents,
  ) {
    this.element.append(this.header, this.indicators);
  }

  render(state: CharterState | null, board: Board | null): void {
    if (state === this.state && board === this.board && this.element.childElementCount > 0) return;
    this.state = state;
    this.board = board;
    this.element.hidden = state === null || board === null;
    if (!state || !board) return;
    const shape = JSON.stringify([board.id, board.zones, this.role()]);
    if (shape !== this.shape) {
      this.shape = shape;
      this.buildIndicators(board);
    }
    this.renderHeader(state, board);
    for (const { zone, commitments } of byIndicator(state, board.zones)) {
      this.renderList(this.lists.get(zone.id)!, zone, commitments, state);
      const form = this.forms.get(zone.id);
      if (form) form.element.hidden = state.frozen;
    }
  }

  private renderHeader(state: CharterState, board: Board): void {
    const { t } = this;
    const animator = this.role() === 'animator';
    const participant = this.role() === 'participant';
    replaceKeepingFocus(
      this.header,
      h('h2', { className: 'charter-title', id: 'charter-title' }, t.t('charter.title')),
      h(
        'p',
        { className: state.frozen ? 'charter-status is-frozen' : 'charter-status', testid: 'charter-status', attrs: { role: 'status' } },
        state.frozen ? t.t('charter.frozenNote', { date: frozenDate(t, state.frozenAt) }) : t.t('charter.open'),
      ),
      !state.frozen && h('p', { className: 'charter-help muted' }, t.t('charter.help')),
      participant &&
        !state.frozen &&
        h('p', { className: 'charter-public', testid: 'charter-public', id: 'charter-public' }, t.t('charter.public')),
      h(
        'div',
        { className: 'charter-tools' },
        animator &&
          h(
            'button',
            {
              type: 'button',
              className: state.frozen ? 'button secondary' : 'button primary',
              testid: 'charter-freeze',
              on: {
                click: () => {
                  if (state.frozen || confirm(t.t('charter.freezeConfirm'))) this.intents.freeze(!state.frozen);
                },
              },
            },
            state.frozen ? t.t('charter.unfreeze') : t.t('charter.freeze'),
          ),
        h(
          'button',
          { type: 'button', className: 'button secondary', testid: 'charter-print', on: { click: () => window.print() } },
          t.t('charter.print'),
        ),
      ),
      h('p', { className: 'charter-print-title' }, t.t('charter.printTitle', { board: board.name })),
    );
  }

  private buildIndicators(board: Board): void {
    const { t } = this;
    this.lists.clear();
    this.forms.clear();
    replaceChildren(
      this.indicators,
      ...board.zones.map((zone) => {
        const list = h('ol', { className: 'charter-list', testid: 'charter-list', attrs: { 'data-zone': zone.id } });
        this.lists.set(zone.id, list);
        const title = indicatorTitle(t, board, zone);
        return h(
          'section',
          { className: 'charter-indicator', testid: 'charter-indicator', attrs: { 'aria-labelledby': `charter-${zone.id}` } },
          h('h3', { className: 'charter-indicator-title', id: `charter-${zone.id}` }, title),
          list,
          this.role() === 'observer' ? null : this.writingForm(zone, title),
        );
      }),
    );
  }

  /** A button that opens a text field under the indicator; "Ajouter" sends it, the field stays for the next one. */
  private writingForm(zone: Zone, title: string): HTMLElement {
    const { t } = this;
    const id = `charter-text-${zone.id}`;
    const field = h('textarea', {
      id,
      className: 'charter-field',
      rows: 3,
      testid: 'charter-text',
      attrs: { 'data-zone': zone.id },
    });
    const limit = limitLength(t, field, MAX_COMMITMENT_TEXT, { counterFromStart: true });
    const body = h(
      'form',
      {
        className: 'charter-form',
        hidden: true,
        on: {
          submit: (event: SubmitEvent) => {
            event.preventDefault();
            const text = field.value.trim();
            if (!text) return field.focus();
            this.intents.write(zone.id, text);
            field.value = '';
            limit.refresh();
            close();
          },
        },
      },
      h('label', { htmlFor: id }, t.t('charter.field.text')),
      field,
      limit.element,
      h(
        'div',
        { className: 'charter-form-actions' },
        h('button', { type: 'submit', className: 'button primary large', testid: 'charter-add' }, t.t('charter.add')),
        h(
          'button',
          { type: 'button', className: 'button secondary', on: { click: () => close() } },
          t.t('charter.cancel'),
        ),
      ),
    );
    const open = h(
      'button',
      {
        type: 'button',
        className: 'button secondary large charter-write',
        testid: 'charter-write',
        attrs: { 'aria-label': t.t('charter.writeIn', { indicator: title }), 'data-zone': zone.id },
        on: {
          click: () => {
            body.hidden = false;
            open.hidden = true;
            field.focus();
          },
        },
      },
      t.t('charter.write'),
    );
    const close = () => {
      body.hidden = true;
      open.hidden = false;
      open.focus();
    };
    const element = h('div', { className: 'charter-writing' }, open, body);
    this.forms.set(zone.id, { element, field, open });
    return element;
  }

  /** Keyed: a commitment's element is rebuilt only when what it shows changed; the one being moderated stays as it is. */
  private renderList(list: HTMLOListElement, zone: Zone, commitments: Commitment[], state: CharterState): void {
    const existing = new Map<string, HTMLElement>();
    for (const child of Array.from(list.children) as HTMLElement[]) existing.set(child.dataset.commitmentId ?? '', child);
    if (commitments.length === 0) {
      replaceChildren(list, h('li', { className: 'charter-empty muted', attrs: { 'data-commitment-id': '' } }, this.t.t('charter.empty')));
      return;
    }
    existing.get('')?.remove();
    commitments.forEach((commitment, index) => {
      const moderated = this.moderation?.id === commitment.id && this.moderationForm !== null;
      // Signatures are updated in place: the sign button a finger or the focus is on stays the same element.
      const { signatures: _signatures, ...shown } = commitment;
      const key = moderated
        ? `moderating:${this.moderation!.kind}`
        : JSON.stringify([shown, state.frozen, index, commitments.length, this.role() === 'animator' && this.mergeTargets(state, commitment).map(({ id, text }) => [id, text])]);
      let element = existing.get(commitment.id);
      existing.delete(commitment.id);
      if (!element || element.dataset.key !== key) {
        const built = moderated ? this.moderationForm! : this.item(commitment, zone, index, commitments.length, state);
        built.dataset.key = key;
        built.dataset.commitmentId = commitment.id;
        if (element && element !== built) element.replaceWith(built);
        element = built;
      }
      if (!moderated) this.showSignatures(element, commitment, state.frozen);
      if (list.children[index] !== element) list.insertBefore(element, list.children[index] ?? null);
    });
    existing.forEach((gone) => gone.remove());
  }

  private mergeTargets(state: CharterState, commitment: Commitment): Commitment[] {
    return state.commitments.filter((other) => other.id !== commitment.id);
  }

  private item(commitment: Commitment, zone: Zone, index: number, count: number, state: CharterState): HTMLElement {
    const { t } = this;
    return h(
      'li',
      { className: 'charter-commitment', testid: 'charter-commitment' },
      h('p', { className: 'charter-text', testid: 'charter-commitment-text' }, commitment.text),
      h(
        'p',
        { className: 'charter-meta muted' },
        t.t('charter.author', { category: categoryName(t, commitment.category) }),
        commitment.edited && h('span', { className: 'charter-edited' }, ` · ${t.t('charter.edited')}`),
      ),
      h(
        'p',
        { className: 'charter-signatures' },
        h('strong', { className: 'charter-count', testid: 'charter-count' }),
        h('span', { className: 'charter-names', testid: 'charter-names' }),
      ),
      this.role() === 'participant' && this.signButton(commitment),
      this.role() === 'animator' && !state.frozen && this.moderationTools(commitment, zone, index, count, state),
    );
  }

  /** "Je m'engage", or taking it back: what a tap does is read from the button's state when tapped. */
  private signButton(commitment: Commitment): HTMLElement {
    const button: HTMLButtonElement = h('button', {
      type: 'button',
      className: 'button large charter-sign',
      testid: 'charter-sign',
      attrs: { 'aria-describedby': 'charter-public' },
      on: { click: () => this.intents.sign(commitment.id, button.getAttribute('aria-pressed') !== 'true') },
    });
    return button;
  }

  /** The count, the names and the sign button of a commitment, as its signatures stand. */
  private showSignatures(element: HTMLElement, commitment: Commitment, frozen: boolean): void {
    const { t } = this;
    const mine = hasSigned(commitment, this.self());
    const count = commitment.signatures.length;
    element.classList.toggle('is-signed', mine);
    element.querySelector('.charter-count')!.textContent = t.count('charter.count', count);
    element.querySelector('.charter-names')!.textContent = count > 0 ? ` — ${signatoriesLine(t, commitment)}` : '';
    const button = element.querySelector<HTMLButtonElement>('.charter-sign');
    if (!button) return;
    button.disabled = frozen;
    button.classList.toggle('primary', !mine);
    button.classList.toggle('secondary', mine);
    button.setAttribute('aria-pressed', String(mine));
    button.setAttribute('aria-label', t.t(mine ? 'charter.unsignLabel' : 'charter.signLabel', { text: commitment.text }));
    button.textContent = mine ? t.t('charter.unsign') : t.t('charter.sign');
  }

  private moderationTools(commitment: Commitment, zone: Zone, index: number, count: number, state: CharterState): HTMLElement {
    const { t } = this;
    const move = (by: -1 | 1) => {
      const order = movedOrder(state, zone.id, commitment.id, by);
      if (order) this.intents.reorder(zone.id, order);
    };
    const targets = this.mergeTargets(state, commitment);
    const mergeSelect = h(
      'select',
      {
        className: 'charter-merge',
        testid: 'charter-merge',
        attrs: { 'aria-label': t.t('charter.merge') },
        on: {
          change: () => {
            if (mergeSelect.value) this.openModeration({ kind: 'merge', id: commitment.id, into: mergeSelect.value });
          },
        },
      },
      h('option', { value: '' }, t.t('charter.merge')),
      ...targets.map((other) => h('option', { value: other.id }, other.text.slice(0, 60))),
    );
    return h(
      'div',
      { className: 'charter-moderation', attrs: { role: 'group', 'aria-label': t.t('charter.moderate') } },
      h(
        'button',
        {
          type: 'button',
          className: 'button secondary',
          testid: 'charter-edit',
          on: { click: () => this.openModeration({ kind: 'edit', id: commitment.id }) },
        },
        t.t('charter.edit'),
      ),
      targets.length > 0 && mergeSelect,
      h(
        'button',
        { type: 'button', className: 'button secondary', disabled: index === 0, attrs: { 'aria-label': t.t('charter.up') }, on: { click: () => move(-1) } },
        '↑',
      ),
      h(
        'button',
        {
          type: 'button',
          className: 'button secondary',
          disabled: index === count - 1,
          attrs: { 'aria-label': t.t('charter.down') },
          on: { click: () => move(1) },
        },
        '↓',
      ),
      h(
        'button',
        {
          type: 'button',
          className: 'button danger',
          testid: 'charter-delete',
          on: {
            click: () => {
              if (confirm(t.t('charter.deleteConfirm'))) this.intents.remove(commitment.id);
            },
          },
        },
        t.t('charter.delete'),
      ),
    );
  }

  /** The edit or merge form in place of the commitment, kept as it is while others sign. */
  private openModeration(moderation: Moderation): void {
    const { t } = this;
    const state = this.state;
    const board = this.board;
    const commitment = state?.commitments.find((known) => known.id === moderation.id);
    if (!state || !board || !commitment) return;
    const into = moderation.kind === 'merge' ? state.commitments.find((known) => known.id === moderation.into) : undefined;
    const id = `charter-moderate-${commitment.id}`;
    const field = h('textarea', { id, className: 'charter-field', rows: 3, testid: 'charter-moderate-text' });
    field.value = into ? `${into.text} ${commitment.text}` : commitment.text;
    const limit = limitLength(t, field, MAX_COMMITMENT_TEXT, { counterFromStart: true });
    const zone = h(
      'select',
      { id: `${id}-zone` },
      ...board.zones.map((candidate) =>
        h('option', { value: candidate.id, selected: candidate.id === commitment.zone }, indicatorTitle(t, board, candidate)),
      ),
    );
    const close = () => {
      this.moderation = null;
      this.moderationForm = null;
      this.rerender();
    };
    const form = h(
      'li',
      { className: 'charter-commitment is-moderated' },
      h(
        'form',
        {
          className: 'charter-form',
          on: {
            submit: (event: SubmitEvent) => {
              event.preventDefault();
              const text = field.value.trim();
              if (!text) return field.focus();
              if (into) this.intents.merge(commitment.id, into.id, text);
              else this.intents.edit(commitment.id, { ...(text !== commitment.text && { text }), ...(zone.value !== commitment.zone && { zone: zone.value }) });
              close();
            },
          },
        },
        into && h('p', { className: 'charter-meta' }, t.t('charter.mergeInto', { text: into.text })),
        h('label', { htmlFor: id }, t.t('charter.field.text')),
        field,
        limit.element,
        !into && h('label', { htmlFor: `${id}-zone` }, t.t('charter.field.zone')),
        !into && zone,
        h(
          'div',
          { className: 'charter-form-actions' },
          h('button', { type: 'submit', className: 'button primary', testid: 'charter-moderate-save' }, into ? t.t('charter.mergeDo') : t.t('charter.save')),
          h('button', { type: 'button', className: 'button secondary', on: { click: close } }, t.t('charter.cancel')),
        ),
      ),
    );
    this.moderation = moderation;
    this.moderationForm = form;
    this.rerender();
    field.focus();
  }

  /** Renders the state held again, after a change of this panel's own (a form opened or closed). */
  private rerender(): void {
    const { state, board } = this;
    this.state = null;
    this.render(state, board);
  }
}

/** The charter on the projector: large, by indicator, each commitment with its count; once frozen, a clean page with the signatories. */
export function plenaryCharter(t: Translator, board: Board, state: CharterState): HTMLElement {
  const signatures = state.commitments.reduce((sum, commitment) => sum + commitment.signatures.length, 0);
  return h(
    'div',
    { className: state.frozen ? 'plenary-charter is-frozen' : 'plenary-charter', testid: 'plenary-charter' },
    h(
      'p',
      { className: 'plenary-charter-status', testid: 'plenary-charter-status' },
      state.frozen ? t.t('charter.frozenNote', { date: frozenDate(t, state.frozenAt) }) : t.t('charter.open'),
      ' · ',
      t.t('charter.total', { commitments: state.commitments.length, signatures }),
    ),
    h(
      'div',
      { className: 'plenary-charter-indicators' },
      ...byIndicator(state, board.zones).map(({ zone, commitments }) =>
        h(
          'section',
          { className: 'plenary-charter-indicator', attrs: { 'aria-labelledby': `${board.id}-charter-${zone.id}` } },
          h('h3', { id: `${board.id}-charter-${zone.id}` }, indicatorTitle(t, board, zone)),
          commitments.length === 0
            ? h('p', { className: 'muted' }, t.t('charter.empty'))
            : h(
                'ol',
                { className: 'plenary-charter-list' },
                ...commitments.map((commitment) =>
                  h(
                    'li',
                    { className: 'plenary-commitment', testid: 'plenary-commitment' },
                    h(
                      'span',
                      { className: 'plenary-commitment-count', testid: 'plenary-commitment-count', attrs: { 'aria-label': t.count('charter.count', commitment.signatures.length) } },
                      String(commitment.signatures.length),
                    ),
                    h(
                      'div',
                      { className: 'plenary-commitment-body' },
                      h('p', { className: 'plenary-commitment-text' }, commitment.text),
                      h(
                        'p',
                        { className: 'plenary-commitment-meta' },
                        t.t('charter.author', { category: categoryName(t, commitment.category) }),
                        commitment.signatures.length > 0 && ` — ${signatoriesLine(t, commitment)}`,
                      ),
                    ),
                  ),
                ),
              ),
        ),
      ),
    ),
  );
}
