import type { Translator } from '../i18n';
import { LIMITS, NOTE_COLORS, type NoteColor, type Zone } from '../protocol/messages';
import { h, replaceChildren } from './dom';
import { limitLength } from './limited-text';
import { PhotoField, type PhotoSender } from './photo-field';

/** A note being written before it exists, or an existing one. */
export type EditedNote =
  | { kind: 'new'; zone: string; color: NoteColor }
  | { kind: 'existing'; noteId: string; text: string; zone: string; color: NoteColor; photo?: string };

export interface EditorActions {
  /** Closing with `save`: the text, colour and zone chosen; without: nothing to keep. */
  close(note: EditedNote, result: EditorResult | null): void;
  remove(noteId: string): void;
  /** Scribe mode's "Add": a new note is kept and the editor stays open for the next one. */
  add?(result: EditorResult): void;
}

export interface EditorResult {
  text: string;
  color: NoteColor;
  zone: string;
  /** The id of the photo the note shows; none when absent. */
  photo?: string;
}

/** What opened the editor: on `pointerup`, the gesture of the finger or mouse is not over yet. */
export type OpenedBy = 'pointerup' | 'click' | 'key';

/**
 * After a tap opens the editor, the browser still sends that tap's compatibility mouse events and
 * click, aimed at whatever now lies under the finger. They are swallowed until the next press
 * starts, or this long at most.
 */
const OPENING_GESTURE_MS = 800;
const GESTURE_TAIL_EVENTS = ['mousedown', 'mouseup', 'click', 'dblclick'] as const;

/**
 * A sheet at the bottom of the screen, in reach of a thumb: the text, the colour (each with its
 * name), the column, and delete. Nothing reaches the board before "Done", Ctrl+Enter, or a tap or
 * Tab outside; Escape and "Cancel" drop every change, colour and column included.
 */
export class NoteEditor {
  readonly element: HTMLElement;
  private readonly heading = h('h2', { className: 'sheet-title', id: 'note-editor-title' });
  private readonly textarea: HTMLTextAreaElement;
  private readonly limit: ReturnType<typeof limitLength>;
  private readonly error = h('p', { className: 'form-error', testid: 'note-editor-error', attrs: { role: 'alert' } });
  private readonly colors: HTMLElement;
  private readonly zoneSelect = h('select', { id: 'note-editor-zone', testid: 'note-zone-select' });
  private readonly zoneField: HTMLElement;
  private readonly deleteButton: HTMLButtonElement;
  private readonly addButton: HTMLButtonElement;
  private readonly photo: PhotoField;
  /** Filled by the screen with an animator's moderation of the note being edited (hide, restore, merge). */
  readonly moderation = h('div', { className: 'editor-moderation stack-tight', testid: 'note-moderation' });
  private edited: EditedNote | null = null;
  private color: NoteColor = 'yellow';
  /** The colour or column was chosen here, so what others do to them no longer shows. */
  private touched = { color: false, zone: false };
  private openingGestureTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly onPointerDownOutside = (event: PointerEvent) => {
    this.endOpeningGesture();
    if (!this.element.contains(event.target as Node)) this.close('away');
  };
  private readonly swallowGestureTail = (event: MouseEvent) => {
    // A click from the keyboard (Enter or Space on a button) has no pointer behind it: detail 0.
    if (event.type === 'click' && event.detail === 0) return;
    event.preventDefault();
    event.stopImmediatePropagation();
  };

  /**
   * `photos`: how a note's photo is sent and shown. `scribe`: what an animator picks the speaker
   * with, shown for new notes, with an "Add" that keeps the pen.
   */
  constructor(
    private readonly t: Translator,
    private readonly actions: EditorActions,
    photos: PhotoSender,
    private readonly scribe?: HTMLElement,
  ) {
    this.photo = new PhotoField(t, photos, () => this.textarea.value);
    this.textarea = h('textarea', {
      id: 'note-editor-text',
      testid: 'note-editor-text',
      rows: 4,
      attrs: { 'aria-describedby': 'note-editor-hint' },
      on: {
        input: () => {
          this.error.textContent = '';
        },
        keydown: (event) => {
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
            event.preventDefault();
            this.close('done');
          }
        },
      },
    });
    this.limit = limitLength(t, this.textarea, LIMITS.noteText, { counterFromStart: true });
    this.colors = h(
      'div',
      { className: 'color-choices' },
      ...NOTE_COLORS.map((color) =>
        h(
          'button',
          {
            type: 'button',
            className: 'color-choice',
            testid: `note-color-${color}`,
            attrs: { 'data-color': color },
            on: { click: () => this.pickColor(color) },
          },
          h('span', { className: 'swatch', attrs: { 'aria-hidden': 'true' } }),
          t.t(`color.${color}`),
        ),
      ),
    );
    this.zoneField = h(
      'div',
      { className: 'stack-tight' },
      h('label', { htmlFor: 'note-editor-zone', className: 'label' }, t.t('editor.zone')),
      this.zoneSelect,
    );
    this.zoneSelect.addEventListener('change', () => {
      this.touched.zone = true;
    });
    this.deleteButton = h(
      'button',
      {
        type: 'button',
        className: 'button danger',
        testid: 'note-delete',
        on: {
          click: () => {
            if (this.edited?.kind !== 'existing') return;
            const { noteId } = this.edited;
            this.hide();
            this.actions.remove(noteId);
          },
        },
      },
      t.t('editor.delete'),
    );
    this.addButton = h(
      'button',
      {
        type: 'button',
        className: 'button primary',
        testid: 'note-editor-add',
        hidden: true,
        on: { click: () => this.add() },
      },
      t.t('scribe.add'),
    );
    this.element = h(
      'div',
      {
        className: 'sheet',
        hidden: true,
        testid: 'note-editor',
        attrs: { role: 'dialog', 'aria-labelledby': 'note-editor-title' },
        on: {
          keydown: (event) => {
            if (event.key === 'Escape') {
              event.preventDefault();
              this.close('cancel');
            }
          },
          focusout: (event) => {
            const next = event.relatedTarget as Node | null;
            if (next && !this.element.contains(next)) this.close('away');
          },
        },
      },
      this.heading,
      this.scribe,
      this.zoneField,
      h('label', { htmlFor: 'note-editor-text', className: 'label' }, t.t('editor.text')),
      this.textarea,
      h(
        'div',
        { className: 'editor-notes' },
        // A keyboard shortcut means nothing under a finger; screen readers still hear it.
        h(
          'span',
          { id: 'note-editor-hint', className: matchMedia('(pointer: coarse)').matches ? 'visually-hidden' : 'help' },
          t.t('editor.saveHint'),
        ),
        this.limit.element,
      ),
      this.error,
      // The main action right after the text: one Tab away.
      h(
        'div',
        { className: 'sheet-actions' },
        this.addButton,
        h(
          'button',
          {
            type: 'button',
            className: 'button primary',
            testid: 'note-editor-done',
            attrs: { 'aria-keyshortcuts': 'Control+Enter' },
            on: { click: () => this.close('done') },
          },
          t.t('action.done'),
        ),
        h(
          'button',
          {
            type: 'button',
            className: 'button secondary',
            testid: 'note-editor-cancel',
            on: { click: () => this.close('cancel') },
          },
          t.t('action.cancel'),
        ),
      ),
      // After the main action, so "Done" stays one Tab from the text.
      this.photo.element,
      h('fieldset', { className: 'colors' }, h('legend', { className: 'label' }, t.t('editor.color')), this.colors),
      this.moderation,
      this.deleteButton,
    );
  }

  get editing(): EditedNote | null {
    return this.edited;
  }

  open(note: EditedNote, zones: readonly Zone[], openedBy: OpenedBy): void {
    if (this.edited) this.close('away');
    this.edited = note;
    this.touched = { color: false, zone: false };
    this.error.textContent = '';
    this.heading.textContent = this.t.t(note.kind === 'new' ? 'editor.newTitle' : 'editor.editTitle');
    this.textarea.value = note.kind === 'existing' ? note.text : '';
    this.photo.reset(note.kind === 'existing' ? note.photo : undefined);
    this.deleteButton.hidden = note.kind === 'new';
    this.addButton.hidden = !this.scribe || note.kind !== 'new';
    if (this.scribe) this.scribe.hidden = note.kind !== 'new';
    this.moderation.hidden = note.kind === 'new';
    replaceChildren(
      this.zoneSelect,
      ...zones.map((zone) => h('option', { value: zone.id, selected: zone.id === note.zone }, zone.title)),
    );
    this.zoneField.hidden = zones.length < 2;
    this.showColor(note.color);
    this.limit.refresh();
    this.element.hidden = false;
    document.addEventListener('pointerdown', this.onPointerDownOutside, true);
    if (openedBy === 'pointerup') this.startOpeningGesture();
    this.textarea.focus();
    this.textarea.setSelectionRange(this.textarea.value.length, this.textarea.value.length);
  }

  private startOpeningGesture(): void {
    this.endOpeningGesture();
    for (const type of GESTURE_TAIL_EVENTS) document.addEventListener(type, this.swallowGestureTail, true);
    this.openingGestureTimer = setTimeout(() => this.endOpeningGesture(), OPENING_GESTURE_MS);
  }

  private endOpeningGesture(): void {
    clearTimeout(this.openingGestureTimer);
    for (const type of GESTURE_TAIL_EVENTS) document.removeEventListener(type, this.swallowGestureTail, true);
  }

  /** Follows what others do to the note being edited, except its text, which is being written. */
  refresh(note: { color: NoteColor; zone: string } | undefined): void {
    if (this.edited?.kind !== 'existing') return;
    if (!note) {
      this.hide();
      return;
    }
    if (!this.touched.color) this.showColor(note.color);
    if (!this.touched.zone) this.zoneSelect.value = note.zone;
  }

  private showColor(selected: NoteColor): void {
    this.color = selected;
    for (const button of this.colors.children) {
      button.setAttribute('aria-pressed', String((button as HTMLElement).dataset.color === selected));
    }
  }

  private pickColor(color: NoteColor): void {
    this.touched.color = true;
    this.showColor(color);
  }

  /** Scribe mode: the note is added, the text emptied for the next idea, the pen kept. */
  private add(): void {
    if (this.edited?.kind !== 'new') return;
    if (!this.textarea.value.trim()) {
      this.error.textContent = this.t.t('editor.emptyNew');
      this.textarea.focus();
      return;
    }
    if (this.photo.busy) {
      this.photo.explainBusy();
      return;
    }
    this.actions.add?.({
      text: this.textarea.value,
      color: this.color,
      zone: this.zoneSelect.value || this.edited.zone,
      ...(this.photo.value && { photo: this.photo.value }),
    });
    this.photo.reset(undefined);
    this.textarea.value = '';
    this.error.textContent = '';
    this.limit.refresh();
    this.textarea.focus();
  }

  /** After the speaker was picked: the pen goes back to the text. */
  focusText(): void {
    this.textarea.focus();
  }

  /**
   * "Done" keeps the changes, but never an empty note: it says why and stays open. Leaving (a tap or
   * Tab outside) keeps them too, and drops an emptied text; "Cancel" and Escape drop everything.
   */
  close(how: 'done' | 'away' | 'cancel'): void {
    const note = this.edited;
    if (!note) return;
    const text = this.textarea.value;
    // A photo on its way, or waiting for "Retry", is not dropped by a tap outside or by "Done".
    if (how !== 'cancel' && this.photo.busy) {
      if (how === 'done') this.photo.explainBusy();
      return;
    }
    if (how === 'done' && !text.trim()) {
      this.error.textContent = this.t.t(note.kind === 'new' ? 'editor.emptyNew' : 'editor.emptyExisting');
      this.textarea.focus();
      return;
    }
    const keptText = text.trim() ? text : note.kind === 'existing' ? note.text : null;
    const result =
      how !== 'cancel' && keptText !== null
        ? {
            text: keptText,
            color: this.color,
            zone: this.zoneSelect.value || note.zone,
            ...(this.photo.value && { photo: this.photo.value }),
          }
        : null;
    this.hide();
    this.actions.close(note, result);
  }

  private hide(): void {
    this.photo.reset(undefined);
    this.edited = null;
    this.element.hidden = true;
    document.removeEventListener('pointerdown', this.onPointerDownOutside, true);
    this.endOpeningGesture();
  }
}
