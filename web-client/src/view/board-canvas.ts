import type { Translator } from '../i18n';
import type { BoardView, ViewNote } from '../model/optimistic';
import type { Board, Cluster, NoteFields, Zone } from '../protocol/messages';
import { h } from './dom';
import type { OpenedBy } from './note-editor';
import { notePhoto, showNotePhoto } from './note-photo';
import {
  CANVAS_PADDING,
  clampPosition,
  KEYBOARD_STEP,
  moveBy,
  neighbour,
  NOTE_WIDTH,
  placeBelow,
  readingOrder,
  type NoteKey,
  ZONE_GAP,
  ZONE_WIDTH,
  zoneHeight,
} from './geometry';

export interface NoteActions {
  /** Whether this person may change this note (any note: a new one, when none is given). */
  canEdit(noteId?: string): boolean;
  edit(noteId: string, openedBy: OpenedBy): void;
  move(noteId: string, fields: NoteFields): void;
  remove(noteId: string): void;
  /** A tap on a note's photo: the photo, large. */
  showPhoto(noteId: string): void;
  /** A note dropped onto another: into that note's cluster, or a new cluster of the two. */
  group(noteId: string, ontoNoteId: string): void;
  renameCluster(clusterId: string, title: string): void;
  moveCluster(clusterId: string, dx: number, dy: number): void;
  dissolveCluster(clusterId: string): void;
}

/** Room around a cluster's notes, and above them for its title bar. */
const CLUSTER_MARGIN = 10;
const CLUSTER_HEADER = 58;

interface Card {
  element: HTMLElement;
  text: HTMLElement;
  more: HTMLElement;
  author: HTMLElement;
  color: HTMLElement;
  pending: HTMLElement;
  marks: HTMLElement;
  photo: HTMLImageElement;
  note: ViewNote;
}

interface ClusterFrame {
  element: HTMLElement;
  update(cluster: Cluster, members: number): void;
}

let canvasCount = 0;

/** Past this many pixels a press on a note is a drag, not a tap. */
const DRAG_THRESHOLD = 6;
/** A click this soon after a pointer press is that press's own click. */
const CLICK_AFTER_POINTER_MS = 1_000;
/** How close to the edge of the scrolling area a drag starts scrolling it. */
const EDGE = 40;

/**
 * Zones as columns and notes as cards positioned inside them. With `actions` the notes can be
 * edited, dragged (finger or mouse) and moved by keyboard; without, the board is read-only.
 */
export class BoardCanvas {
  readonly element = h('div', { className: 'board-canvas' });
  private readonly zoneAreas = new Map<string, HTMLElement>();
  private readonly cards = new Map<string, Card>();
  private readonly frames = new Map<string, ClusterFrame>();
  private zonesKey = '';
  private board: Board | null = null;
  private draggedNoteId: string | null = null;
  /** Drops the press under way: a second finger makes the gesture a pinch, not a drag or a tap. */
  private abandonPress: (() => void) | null = null;
  /** The note that holds the board's one tab stop (a roving tabindex); the others are reached by arrows. */
  private currentNoteId: string | null = null;
  private keyboardZone: string | undefined;
  private zoom = 1;
  /** Several canvases share a page on the plenary screen; their element ids must not collide. */
  private readonly idPrefix = `canvas${++canvasCount}`;

  constructor(
    private readonly t: Translator,
    private readonly scroller: HTMLElement,
    private readonly actions: NoteActions | null,
  ) {
    this.element.style.gap = `${ZONE_GAP}px`;
    this.element.style.padding = `${CANVAS_PADDING}px`;
    if (actions) {
      scroller.addEventListener('pointerdown', (event) => event.isPrimary || this.abandonPress?.(), true);
    }
  }

  render(view: BoardView): void {
    if (!view.board) return;
    this.board = view.board;
    this.renderZones(view.board);
    const firstZone = view.board.zones[0]?.id ?? '';
    const seen = new Set<string>();
    const notesByZone = new Map<string, ViewNote[]>();
    // The view lists notes bottom to top: each card follows the one below it, so they stack alike everywhere.
    const lastCardIn = new Map<string, HTMLElement>();
    for (const note of view.notes) {
      const zone = this.zoneAreas.has(note.zone) ? note.zone : firstZone;
      seen.add(note.id);
      notesByZone.set(zone, [...(notesByZone.get(zone) ?? []), note]);
      const card = this.cards.get(note.id) ?? this.createCard(note);
      this.updateCard(card, note);
      const area = this.zoneAreas.get(zone);
      const below = lastCardIn.get(zone);
      const place = below ? below.nextElementSibling : (area?.firstElementChild ?? null);
      if (area && place !== card.element) {
        const hadFocus = document.activeElement === card.element;
        area.insertBefore(card.element, place);
        if (hadFocus) card.element.focus();
      }
      lastCardIn.set(zone, card.element);
    }
    for (const [id, card] of this.cards) {
      if (!seen.has(id)) {
        card.element.remove();
        this.cards.delete(id);
      }
    }
    for (const [zone, area] of this.zoneAreas) area.style.height = `${zoneHeight(notesByZone.get(zone) ?? [])}px`;
    this.renderClusters(view.clusters);
    if (this.actions) {
      this.keepTabStop(view.board.zones);
      this.markFolded();
    }
  }

  /**
   * Draws the board at `zoom` (CSS zoom, so the scrolling area follows), its text `textScale` times
   * its usual size: a board shrunk to fit a tablet keeps its text readable.
   */
  setZoom(zoom: number, textScale: number): void {
    if (zoom === this.zoom && this.element.style.getPropertyValue('--text-scale') === String(textScale)) return;
    this.zoom = zoom;
    this.element.style.zoom = String(zoom);
    this.element.style.setProperty('--text-scale', String(textScale));
    if (this.actions) this.markFolded();
  }

  /** The zone of the note last reached by keyboard, which a new note goes into. */
  keyboardZoneId(): string | undefined {
    return this.keyboardZone && this.zoneAreas.has(this.keyboardZone) ? this.keyboardZone : undefined;
  }

  private keepTabStop(zones: readonly Zone[]): void {
    if (!this.currentNoteId || !this.cards.has(this.currentNoteId)) {
      this.currentNoteId = readingOrder([...this.cards.values()].map((card) => card.note), zones)[0]?.id ?? null;
    }
    for (const [id, card] of this.cards) card.element.tabIndex = id === this.currentNoteId ? 0 : -1;
  }

  /** A free place at the bottom of a zone, measured on the cards as they are drawn. */
  freePlaceIn(zoneId: string, exceptNoteId?: string): { x: number; y: number } {
    const bottoms = [...this.cards.values()]
      .filter(({ note }) => note.zone === zoneId && note.id !== exceptNoteId)
      .map(({ element, note }) => note.y + element.offsetHeight);
    return placeBelow(bottoms);
  }

  focusNote(noteId: string): void {
    this.moveTabStop(noteId);
    const element = this.cards.get(noteId)?.element;
    element?.focus({ preventScroll: true });
    element?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }

  /** The zone whose column shows the most in the scrolling area, the leftmost of equals. */
  visibleZoneId(): string | undefined {
    const view = this.scroller.getBoundingClientRect();
    let best: { id: string; shown: number } | undefined;
    for (const [id, area] of this.zoneAreas) {
      const rect = area.getBoundingClientRect();
      const shown = Math.round(Math.min(rect.right, view.right) - Math.max(rect.left, view.left));
      if (!best || shown > best.shown) best = { id, shown };
    }
    return best?.id;
  }

  /** Notes whose text is longer than the fold shows say "voir plus". Reads layout once for all. */
  markFolded(): void {
    const folded = [...this.cards.values()].map(
      ({ element, text }) => !element.classList.contains('is-expanded') && text.scrollHeight > text.clientHeight + 1,
    );
    [...this.cards.values()].forEach(({ element }, index) => element.classList.toggle('is-folded', folded[index]));
  }

  private moveTabStop(noteId: string): void {
    if (!this.cards.has(noteId)) return;
    this.cards.get(this.currentNoteId ?? '')?.element.setAttribute('tabindex', '-1');
    this.currentNoteId = noteId;
    this.cards.get(noteId)!.element.tabIndex = 0;
  }

  private renderZones(board: Board): void {
    const key = JSON.stringify([board.template, board.zones]);
    if (key === this.zonesKey) return;
    this.zonesKey = key;
    this.zoneAreas.clear();
    this.cards.clear();
    this.frames.clear();
    this.element.replaceChildren(
      ...board.zones.map((zone) => {
        const area = h('div', { className: 'zone-area' });
        this.zoneAreas.set(zone.id, area);
        const titleId = `${this.idPrefix}-zone-${zone.id}`;
        const column = h(
          'section',
          { className: 'zone', testid: 'zone', attrs: { 'data-zone-id': zone.id, 'aria-labelledby': titleId } },
          h('h2', { className: 'zone-title', id: titleId }, this.t.zoneTitle(board.template, zone)),
          area,
        );
        column.style.width = `${ZONE_WIDTH}px`;
        return column;
      }),
    );
  }

  private createCard(note: ViewNote): Card {
    const text = h('p', { className: 'note-text', testid: 'note-text' });
    const author = h('span', { className: 'note-author' });
    const color = h('span', { className: 'note-color-name' });
    const pending = h('span', { className: 'note-pending' });
    const marks = h('span', { className: 'note-marks', testid: 'note-marks' });
    const photo = notePhoto('note-photo');
    // Shown under a folded note; the whole text is read out anyway, so screen readers skip it.
    const more = h('span', { className: 'note-more', testid: 'note-more', attrs: { 'aria-hidden': 'true' } }, this.t.t('note.more'));
    // An editable note is a button (tap to edit); a read-only one, as on the plenary, an article.
    const element = h(
      this.actions ? 'div' : 'article',
      { className: 'note', testid: 'note', attrs: { 'data-note-id': note.id } },
      photo,
      text,
      h('p', { className: 'note-meta' }, more, author, color, pending, marks),
    );
    element.style.width = `${NOTE_WIDTH}px`;
    if (this.actions) this.makeInteractive(element, note.id, this.actions);
    const card = { element, text, more, author, color, pending, marks, photo, note };
    this.cards.set(note.id, card);
    return card;
  }

  private updateCard(card: Card, note: ViewNote): void {
    card.note = note;
    const { element } = card;
    setText(card.text, note.text);
    setText(
      card.author,
      note.anonymous
        ? this.t.t('note.anonymous')
        : note.scribeName
          ? this.t.t('note.scribed', { name: note.authorName, scribe: note.scribeName })
          : note.authorName,
    );
    setText(card.color, this.t.t(`color.${note.color}`));
    if (this.board) showNotePhoto(card.photo, this.board.id, note.photo);
    setText(card.pending, note.pending ? this.t.t('note.pending') : '');
    // The marks are for the note's author and the animators at work, not for the plenary's screen.
    setText(card.marks, this.actions ? noteMarks(this.t, note) : '');
    element.classList.toggle('is-unrevealed', note.unrevealed === true);
    element.classList.toggle('is-hidden-note', note.hiddenBy !== undefined);
    element.dataset.color = note.color;
    element.dataset.zone = note.zone;
    element.classList.toggle('is-pending', note.pending);
    if (this.draggedNoteId !== note.id) {
      element.style.left = `${note.x}px`;
      element.style.top = `${note.y}px`;
    }
    if (this.actions) {
      const editable = this.actions.canEdit(note.id);
      element.classList.toggle('is-editable', editable);
      element.setAttribute('aria-disabled', String(!editable));
    }
  }

  private makeInteractive(element: HTMLElement, noteId: string, actions: NoteActions): void {
    element.tabIndex = -1;
    element.setAttribute('role', 'button');
    element.addEventListener('focus', () => {
      this.moveTabStop(noteId);
      this.keyboardZone = element.matches(':focus-visible') ? this.cards.get(noteId)?.note.zone : undefined;
    });
    element.setAttribute('aria-describedby', 'note-keyboard-help');
    let press: { pointerId: number; x: number; y: number; scrollLeft: number; scrollTop: number } | null = null;
    let dragged = false;
    /** The press began on the note's photo: a tap shows it large rather than opening the editor. */
    let onPhoto = false;
    let lastPointerUp = -Infinity;

    const offset = (event: PointerEvent) =>
      press && {
        dx: event.clientX - press.x + this.scroller.scrollLeft - press.scrollLeft,
        dy: event.clientY - press.y + this.scroller.scrollTop - press.scrollTop,
      };

    const endPress = () => {
      if (this.abandonPress === endPress) this.abandonPress = null;
      press = null;
      this.draggedNoteId = null;
      element.classList.remove('is-dragging');
      element.style.transform = '';
    };

    const unfold = () => {
      element.classList.toggle('is-expanded');
      this.markFolded();
    };
    element.addEventListener('pointerdown', (event) => {
      onPhoto = event.target instanceof HTMLImageElement && event.target.classList.contains('note-photo');
      if (!actions.canEdit(noteId)) {
        if (event.isPrimary && event.button === 0) {
          if (onPhoto) actions.showPhoto(noteId);
          else unfold();
        }
        return;
      }
      if (!event.isPrimary || event.button !== 0) return;
      press = {
        pointerId: event.pointerId,
        x: event.clientX,
        y: event.clientY,
        scrollLeft: this.scroller.scrollLeft,
        scrollTop: this.scroller.scrollTop,
      };
      dragged = false;
      this.abandonPress = endPress;
      element.setPointerCapture(event.pointerId);
    });
    element.addEventListener('pointermove', (event) => {
      if (event.pointerId !== press?.pointerId) return;
      const moved = offset(event)!;
      if (!dragged && Math.hypot(moved.dx, moved.dy) < DRAG_THRESHOLD) return;
      dragged = true;
      this.draggedNoteId = noteId;
      element.classList.add('is-dragging');
      this.scrollNearEdges(event);
      const current = offset(event)!;
      element.style.transform = `translate(${current.dx / this.zoom}px, ${current.dy / this.zoom}px)`;
    });
    element.addEventListener('pointerup', (event) => {
      if (event.pointerId !== press?.pointerId) return;
      const card = this.cards.get(noteId);
      const target = dragged && card ? this.dropTarget(card) : null;
      const onto = dragged && card ? this.noteUnder(card) : null;
      const tapped = !dragged;
      endPress();
      lastPointerUp = event.timeStamp;
      if (onto) {
        actions.move(noteId, this.placeUnder(onto, noteId));
        actions.group(noteId, onto);
      } else if (target) actions.move(noteId, target);
      else if (tapped && onPhoto) actions.showPhoto(noteId);
      else if (tapped) actions.edit(noteId, 'pointerup');
    });
    element.addEventListener('pointercancel', endPress);
    // Taps are handled on pointerup: browsers may skip the click after a drag. Clicks that do not
    // follow a pointer press come from the keyboard or from assistive technologies.
    element.addEventListener('click', (event) => {
      if (event.timeStamp - lastPointerUp < CLICK_AFTER_POINTER_MS) return;
      if (actions.canEdit(noteId)) actions.edit(noteId, event.detail === 0 ? 'key' : 'click');
    });
    element.addEventListener('keydown', (event) => {
      const card = this.cards.get(noteId);
      if (!card || !this.board || event.target !== element) return;
      const zones = this.board.zones;
      const arrows: Record<string, [number, number]> = {
        ArrowLeft: [-KEYBOARD_STEP, 0],
        ArrowRight: [KEYBOARD_STEP, 0],
        ArrowUp: [0, -KEYBOARD_STEP],
        ArrowDown: [0, KEYBOARD_STEP],
      };
      const arrow = arrows[event.key];
      const editable = actions.canEdit(noteId);
      if (arrow && event.shiftKey) {
        if (editable) actions.move(noteId, moveBy(card.note, arrow[0], arrow[1], zones));
      } else if (arrow || event.key === 'Home' || event.key === 'End') {
        const notes = [...this.cards.values()].map((other) => other.note);
        const next = neighbour(notes, zones, noteId, event.key as NoteKey);
        if (next) this.focusNote(next);
      } else if (event.key === 'Enter' || event.key === ' ') {
        if (editable) actions.edit(noteId, 'key');
        else unfold();
      }
      else if (editable && (event.key === 'Delete' || event.key === 'Backspace')) actions.remove(noteId);
      else return;
      event.preventDefault();
    });
  }

  /** Where a dragged note lands: the column nearest its middle, and its place inside that column. */
  private dropTarget(card: Card): NoteFields | null {
    const rect = card.element.getBoundingClientRect();
    const centerX = rect.left + rect.width / 2;
    let nearest: { zone: string; area: DOMRect; distance: number } | undefined;
    for (const [zone, area] of this.zoneAreas) {
      const areaRect = area.getBoundingClientRect();
      const distance = Math.max(areaRect.left - centerX, 0, centerX - areaRect.right);
      if (!nearest || distance < nearest.distance) nearest = { zone, area: areaRect, distance };
    }
    if (!nearest) return null;
    // Rectangles are measured on the screen; positions are stored unzoomed.
    const position = clampPosition((rect.left - nearest.area.left) / this.zoom, (rect.top - nearest.area.top) / this.zoom);
    return nearest.zone === card.note.zone ? position : { zone: nearest.zone, ...position };
  }

  /** Where a note grouped with another goes: just under it, in its column, so the two read together. */
  private placeUnder(ontoNoteId: string, noteId: string): NoteFields {
    const onto = this.cards.get(ontoNoteId)!;
    const position = clampPosition(onto.note.x + CLUSTER_MARGIN, onto.note.y + onto.element.offsetHeight + CLUSTER_MARGIN);
    return this.cards.get(noteId)?.note.zone === onto.note.zone ? position : { zone: onto.note.zone, ...position };
  }

  /** The other note under the middle of a dragged one, if any: where it is dropped to be grouped. */
  private noteUnder(card: Card): string | null {
    const rect = card.element.getBoundingClientRect();
    const x = rect.left + rect.width / 2;
    const y = rect.top + rect.height / 2;
    for (const [id, other] of this.cards) {
      if (id === card.note.id) continue;
      const box = other.element.getBoundingClientRect();
      if (x >= box.left && x <= box.right && y >= box.top && y <= box.bottom) return id;
    }
    return null;
  }

  /**
   * Each cluster as a frame around its notes in the column of its first note, behind them, with
   * its title and its number of notes; with actions, a bar to drag it by, rename it, dissolve it.
   * Frames are kept from one render to the next: a rename being typed survives others' changes.
   */
  private renderClusters(clusters: readonly Cluster[]): void {
    const seen = new Set<string>();
    for (const cluster of clusters) {
      const members = cluster.notes.flatMap((id) => this.cards.get(id) ?? []);
      const first = members[0];
      const area = first && this.zoneAreas.get(first.note.zone);
      if (!first || !area) continue;
      seen.add(cluster.id);
      const inColumn = members.filter((card) => card.note.zone === first.note.zone);
      const left = Math.min(...inColumn.map((card) => card.note.x)) - CLUSTER_MARGIN;
      const top = Math.min(...inColumn.map((card) => card.note.y)) - CLUSTER_HEADER;
      // Wide enough for its title and its buttons: to the column's right edge at least.
      const right = Math.max(ZONE_WIDTH - 4, ...inColumn.map((card) => card.note.x + card.element.offsetWidth + CLUSTER_MARGIN));
      const bottom = Math.max(...inColumn.map((card) => card.note.y + card.element.offsetHeight)) + CLUSTER_MARGIN;
      const frame = this.frames.get(cluster.id) ?? this.clusterFrame(cluster.id);
      frame.update(cluster, members.length);
      Object.assign(frame.element.style, { left: `${left}px`, top: `${top}px`, width: `${right - left}px`, height: `${bottom - top}px` });
      if (frame.element.parentElement !== area) area.prepend(frame.element);
    }
    for (const [id, frame] of this.frames) {
      if (!seen.has(id)) {
        frame.element.remove();
        this.frames.delete(id);
      }
    }
  }

  private clusterFrame(clusterId: string): ClusterFrame {
    const title = h('span', { className: 'cluster-name' });
    const count = h('span', { className: 'cluster-count', testid: 'cluster-count' });
    const bar = h('div', { className: 'cluster-bar' }, h('span', { className: 'cluster-title', testid: 'cluster-title' }, title, count));
    const element = h('section', { className: 'cluster', testid: 'cluster', attrs: { 'data-cluster-id': clusterId } }, bar);
    const input = h('input', {
      className: 'cluster-rename-input',
      testid: 'cluster-rename-input',
      attrs: { 'aria-label': this.t.t('cluster.renameLabel'), maxlength: '80' },
    });
    let knownTitle = '';
    const frame: ClusterFrame = {
      element,
      update: (cluster, members) => {
        knownTitle = cluster.title;
        const shownTitle = cluster.title || this.t.t('cluster.untitled');
        const counted = this.t.count('cluster.count', members);
        setText(title, shownTitle);
        setText(count, ` · ${counted}`);
        element.setAttribute('aria-label', this.t.t('cluster.label', { title: shownTitle, count: counted }));
        if (form.hidden) input.value = cluster.title;
      },
    };
    const form = h('form', { className: 'cluster-rename', hidden: true }, input);
    this.frames.set(clusterId, frame);
    const actions = this.actions;
    if (!actions || !actions.canEdit()) return frame;
    const save = h('button', { type: 'button', className: 'button primary', testid: 'cluster-rename-save' }, this.t.t('cluster.renameSave'));
    onActivate(save, () => form.requestSubmit());
    form.append(save);
    input.addEventListener('keydown', (event) => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      form.hidden = true;
      input.value = knownTitle;
    });
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      form.hidden = true;
      actions.renameCluster(clusterId, input.value.trim());
    });
    // Small icons with their names for screen readers: the title keeps the room on a phone.
    const button = (testid: string, label: string, icon: string, run: () => void) => {
      const element = h(
        'button',
        { type: 'button', className: 'button secondary cluster-button', testid, title: label, attrs: { 'aria-label': label } },
        icon,
      );
      onActivate(element, run);
      return element;
    };
    bar.append(
      button('cluster-rename', this.t.t('cluster.rename'), '✎', () => {
        form.hidden = false;
        input.focus();
      }),
      button('cluster-dissolve', this.t.t('cluster.dissolve'), '✕', () => actions.dissolveCluster(clusterId)),
    );
    bar.append(form);
    this.makeClusterDraggable(bar, element, clusterId, actions);
    return frame;
  }

  /** Dragging a cluster's bar moves the cluster and its notes, in one command when it is dropped. */
  private makeClusterDraggable(bar: HTMLElement, frame: HTMLElement, clusterId: string, actions: NoteActions): void {
    let press: { pointerId: number; x: number; y: number } | null = null;
    let moved = { dx: 0, dy: 0 };
    bar.addEventListener('pointerdown', (event) => {
      if (!event.isPrimary || event.button !== 0 || (event.target as HTMLElement).closest('button')) return;
      press = { pointerId: event.pointerId, x: event.clientX, y: event.clientY };
      moved = { dx: 0, dy: 0 };
      bar.setPointerCapture(event.pointerId);
    });
    bar.addEventListener('pointermove', (event) => {
      if (event.pointerId !== press?.pointerId) return;
      moved = { dx: (event.clientX - press.x) / this.zoom, dy: (event.clientY - press.y) / this.zoom };
      frame.style.transform = `translate(${moved.dx}px, ${moved.dy}px)`;
    });
    const end = (event: PointerEvent) => {
      if (event.pointerId !== press?.pointerId) return;
      press = null;
      frame.style.transform = '';
      if (Math.hypot(moved.dx, moved.dy) >= DRAG_THRESHOLD) actions.moveCluster(clusterId, Math.round(moved.dx), Math.round(moved.dy));
    };
    bar.addEventListener('pointerup', end);
    bar.addEventListener('pointercancel', (event) => {
      moved = { dx: 0, dy: 0 };
      end(event);
    });
  }

  private scrollNearEdges(event: PointerEvent): void {
    const view = this.scroller.getBoundingClientRect();
    const step = (near: boolean, far: boolean) => (near ? -12 : far ? 12 : 0);
    this.scroller.scrollBy(
      step(event.clientX < view.left + EDGE, event.clientX > view.right - EDGE),
      step(event.clientY < view.top + EDGE, event.clientY > view.bottom - EDGE),
    );
  }
}

/**
 * A button of a cluster acts when the finger or mouse that pressed it is lifted on it, as notes do;
 * keyboard and assistive technologies still click.
 */
let lastPointerActivation = -Infinity;

function onActivate(button: HTMLElement, run: () => void): void {
  let pressed: number | null = null;
  button.addEventListener('pointerdown', (event) => {
    pressed = event.isPrimary && event.button === 0 ? event.pointerId : null;
  });
  button.addEventListener('pointercancel', () => (pressed = null));
  button.addEventListener('pointerup', (event) => {
    if (event.pointerId !== pressed) return;
    pressed = null;
    lastPointerActivation = event.timeStamp;
    run();
  });
  // The click that follows a tap may land on another button that took the first one's place
  // (rename's field and "Valider"): any click that soon after a pointer activation is its tail.
  button.addEventListener('click', (event) => {
    if (event.timeStamp - lastPointerActivation >= CLICK_AFTER_POINTER_MS) run();
  });
}

/** What the note's author and the animators are told of it: private, hidden or changed by the animation. */
function noteMarks(t: Translator, note: ViewNote): string {
  const marks = [
    note.unrevealed ? t.t('note.unrevealed') : '',
    note.hiddenBy !== undefined ? t.t('note.hiddenBy') : '',
    note.moderatedBy !== undefined ? t.t('note.moderated') : '',
  ];
  return marks.filter((mark) => mark !== '').join(' · ');
}

function setText(element: HTMLElement, text: string): void {
  if (element.textContent !== text) element.textContent = text;
}
