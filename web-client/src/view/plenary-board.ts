import type { Translator } from '../i18n';
import type { BoardView, ViewNote } from '../model/optimistic';
import type { CharterState } from '../model/charter';
import type { Board, Cluster, Zone } from '../protocol/messages';
import { plenaryBarometer } from './barometer-view';
import { h, replaceChildren } from './dom';
import { notePhoto, showNotePhoto } from './note-photo';
import {
  fitsOnOnePage,
  type FontBounds,
  lanesPerZone,
  largestFitting,
  packPages,
  type PackOptions,
  type Page,
  pageDurationMs,
  readingOrder,
  shareOf,
  wordCount,
  zonesPerPage,
} from './plenary-layout';

interface Card {
  element: HTMLElement;
  text: HTMLElement;
  author: HTMLElement;
  photo: HTMLImageElement;
  /** The title and size of the cluster the note is in, if any. */
  cluster: HTMLElement;
  note: ViewNote;
}

interface Measure extends PackOptions {
  font: number;
  zoneWidth: number;
  titleHeight: number;
  heights: number[][];
}

/** Gaps grow with the text, in `em` of note text. */
const ZONE_GAP_EM = 0.6;
const NOTE_GAP_EM = 0.35;
/** Tries to shrink the text of a note longer than a whole lane before giving up. */
const SHRINK_ATTEMPTS = 4;

let boardCount = 0;

/**
 * One board on the plenary screen, read-only and reflowed for reading from afar: its zones side
 * by side, each zone's notes in reading order, in as many lanes as the width allows, the text as
 * large as fits the box the screen gives it. A board too long for one screen at the smallest text
 * allowed is cut into pages that turn by themselves, with "page 1/3" shown.
 */
export class PlenaryBoard {
  readonly element: HTMLElement;
  private readonly title: HTMLElement;
  private readonly pager: HTMLElement;
  private readonly body = h('div', { className: 'plenary-board-body' });
  /** A barometer board's scales, above its notes (the images associated with them). */
  private readonly barometer = h('div', { className: 'plenary-barometer-slot', hidden: true });
  /** A charter board's commitments by indicator, with their signature counts: the board is its charter. */
  private readonly charter = h('div', { className: 'plenary-charter-slot', hidden: true });
  private charterShown: CharterState | null = null;
  private readonly measurer = h('div', { className: 'plenary-measure', attrs: { 'aria-hidden': 'true' } });
  private readonly cards = new Map<string, Card>();
  private readonly idPrefix = `plenary-board${++boardCount}`;
  private readonly resize = new ResizeObserver(() => this.fit());
  private zones: Zone[] = [];
  private notesByZone: ViewNote[][] = [];
  private bounds: FontBounds = { min: 28, max: 48 };
  private pages: Page[] = [];
  private pageIndex = 0;
  private measure: Measure | null = null;
  private pageTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly t: Translator,
    private readonly boardId: string,
    name: string,
  ) {
    const titleId = `${this.idPrefix}-title`;
    this.title = h('h2', { className: 'plenary-board-title', id: titleId }, name);
    this.pager = h('p', { className: 'plenary-pager', testid: 'plenary-page', hidden: true });
    this.element = h(
      'section',
      {
        className: 'plenary-board',
        testid: 'plenary-board',
        attrs: { 'data-board-id': boardId, 'aria-labelledby': titleId },
      },
      h('div', { className: 'plenary-board-heading' }, this.title, this.pager),
      this.barometer,
      this.charter,
      this.body,
      this.measurer,
    );
    this.resize.observe(this.body);
  }

  /** The charter's view is loaded the first time a charter board is shown; the latest state wins. */
  private showCharter(board: Board, state: CharterState): void {
    this.charterShown = state;
    void import('./charter-view').then(({ plenaryCharter }) => {
      if (this.charterShown === state) replaceChildren(this.charter, plenaryCharter(this.t, board, state));
    });
  }

  setBounds(bounds: FontBounds): void {
    if (bounds.min === this.bounds.min && bounds.max === this.bounds.max) return;
    this.bounds = bounds;
    this.fit();
  }

  render(view: BoardView): void {
    if (!view.board) return;
    this.title.textContent = this.t.known(view.board.name);
    this.barometer.hidden = view.barometer === null;
    if (view.barometer) {
      // The notes of a barometer board are the images of its poles: shown beside their scale.
      replaceChildren(this.barometer, plenaryBarometer(this.t, this.boardId, view.barometer, { zones: view.board.zones, notes: view.notes }));
    }
    this.element.dataset.barometer = view.barometer ? 'only' : 'none';
    this.charter.hidden = view.charter === null;
    this.element.toggleAttribute('data-charter', view.charter !== null);
    if (view.charter) this.showCharter(view.board, view.charter);
    this.zones = view.barometer ? [] : view.board.zones.length ? view.board.zones : [{ id: '', title: '' }];
    const zoneIndex = new Map(this.zones.map((zone, index) => [zone.id, index]));
    const byZone: ViewNote[][] = this.zones.map(() => []);
    const seen = new Set<string>();
    const clusterOf = clustersByNote(view);
    for (const note of view.notes) {
      seen.add(note.id);
      byZone[zoneIndex.get(note.zone) ?? 0]!.push(note);
      const card = this.cards.get(note.id) ?? this.createCard(note);
      card.note = note;
      setText(card.text, note.text);
      setText(card.author, note.authorName);
      showNotePhoto(card.photo, this.boardId, note.photo);
      const cluster = clusterOf.get(note.id);
      setText(
        card.cluster,
        cluster ? `${cluster.title || this.t.t('cluster.untitled')} · ${this.t.count('cluster.count', cluster.notes.length)}` : '',
      );
      card.element.dataset.color = note.color;
    }
    for (const id of this.cards.keys()) if (!seen.has(id)) this.cards.delete(id);
    this.notesByZone = byZone.map((notes) => togetherByCluster(readingOrder(notes), clusterOf));
    this.fit();
  }

  /** Shows the next (`+1`) or previous (`-1`) page now; the next turn comes a full page later. */
  turnPage(direction: 1 | -1): void {
    const count = this.pages.length;
    if (count <= 1) return;
    this.pageIndex = (this.pageIndex + direction + count) % count;
    clearTimeout(this.pageTimer);
    this.pageTimer = undefined;
    this.showPage();
    this.schedulePageTurn();
  }

  destroy(): void {
    clearTimeout(this.pageTimer);
    this.resize.disconnect();
  }

  private createCard(note: ViewNote): Card {
    const text = h('p', { className: 'plenary-note-text', testid: 'note-text' });
    const author = h('p', { className: 'plenary-note-author' });
    const cluster = h('p', { className: 'plenary-note-cluster', testid: 'note-cluster' });
    // Its height is set in `em` of the note's text, so the layout can measure it before it loads.
    const photo = notePhoto('plenary-note-photo');
    photo.loading = 'eager';
    const element = h(
      'li',
      { className: 'plenary-note', testid: 'note', attrs: { 'data-note-id': note.id } },
      cluster,
      photo,
      text,
      author,
    );
    const card = { element, text, author, photo, cluster, note };
    this.cards.set(note.id, card);
    return card;
  }

  /** Chooses the text size and the pages for the box the board has now, then shows the page. */
  private fit(): void {
    const width = this.body.clientWidth;
    const height = this.body.clientHeight;
    if (width <= 0 || height <= 0 || this.zones.length === 0) return;
    const measureAt = (font: number) => this.measureAt(font, width, height);
    const font = largestFitting(this.bounds.min, this.bounds.max, (size) => {
      const measured = measureAt(size);
      return fitsOnOnePage(measured.heights, measured);
    });
    const measured = measureAt(font);
    this.shrinkOversizedNotes(measured);
    replaceChildren(this.measurer);
    this.measure = measured;
    this.pages = packPages(measured.heights, measured);
    this.pageIndex = Math.min(this.pageIndex, this.pages.length - 1);
    this.element.style.setProperty('--plenary-font', `${font}px`);
    this.showPage();
    this.schedulePageTurn();
  }

  /** Heights of every note and zone title laid out for text of `font` pixels in this box. */
  private measureAt(font: number, width: number, height: number): Measure {
    const zoneGap = Math.round(font * ZONE_GAP_EM);
    const gap = Math.round(font * NOTE_GAP_EM);
    const perPage = zonesPerPage(this.zones.length, width, font, zoneGap);
    const zoneWidth = shareOf(width, perPage, zoneGap);
    const lanes = lanesPerZone(zoneWidth, font, zoneGap);
    const laneWidth = shareOf(zoneWidth, lanes, zoneGap);
    this.element.style.setProperty('--plenary-font', `${font}px`);
    const cardLane = h('ul', { className: 'plenary-lane' });
    cardLane.style.width = `${laneWidth}px`;
    const titles = this.zones.map((zone) => h('h3', { className: 'plenary-zone-title' }, zone.title));
    const titleColumn = h('div', {}, ...titles);
    titleColumn.style.width = `${zoneWidth}px`;
    for (const card of this.cards.values()) card.element.style.fontSize = '';
    cardLane.append(...this.notesByZone.flat().map((note) => this.cards.get(note.id)!.element));
    replaceChildren(this.measurer, titleColumn, cardLane);
    const titleHeight = Math.max(0, ...titles.map((title) => title.offsetHeight));
    return {
      font,
      zoneWidth,
      titleHeight,
      zonesPerPage: perPage,
      lanesPerZone: lanes,
      laneHeight: height - titleHeight - gap,
      gap,
      heights: this.notesByZone.map((notes) => notes.map((note) => this.cards.get(note.id)!.element.offsetHeight)),
    };
  }

  /** Past the floor, a note longer than a whole lane gets smaller text of its own, never cut off. */
  private shrinkOversizedNotes(measured: Measure): void {
    this.notesByZone.forEach((notes, zone) =>
      notes.forEach((note, index) => {
        const element = this.cards.get(note.id)!.element;
        for (let attempt = 0; attempt < SHRINK_ATTEMPTS; attempt++) {
          const noteHeight = measured.heights[zone]![index]!;
          if (noteHeight <= measured.laneHeight) break;
          const current = parseFloat(getComputedStyle(element).fontSize);
          element.style.fontSize = `${Math.floor(current * Math.sqrt(measured.laneHeight / noteHeight) * 0.95)}px`;
          measured.heights[zone]![index] = element.offsetHeight;
        }
      }),
    );
  }

  private showPage(): void {
    const measured = this.measure;
    const page = this.pages[this.pageIndex];
    if (!measured || !page) return;
    this.body.style.setProperty('--plenary-zones', String(measured.zonesPerPage));
    this.body.style.setProperty('--plenary-zone-gap', `${Math.round(measured.font * ZONE_GAP_EM)}px`);
    this.body.style.setProperty('--plenary-note-gap', `${measured.gap}px`);
    replaceChildren(
      this.body,
      ...page.zones.map(({ zone, lanes }) => {
        const titleId = `${this.idPrefix}-zone${zone}`;
        const title = h('h3', { className: 'plenary-zone-title', id: titleId }, this.zones[zone]!.title);
        title.style.minHeight = `${measured.titleHeight}px`;
        const notes = this.notesByZone[zone]!;
        const laneList = h('div', { className: 'plenary-lanes' });
        laneList.style.setProperty('--plenary-lanes', String(measured.lanesPerZone));
        laneList.append(
          ...lanes.map((lane) =>
            h('ul', { className: 'plenary-lane' }, ...lane.map((index) => this.cards.get(notes[index]!.id)!.element)),
          ),
        );
        return h(
          'section',
          // Named with the board's title too: two boards may both have an "Opportunités" zone.
          { className: 'plenary-zone', testid: 'zone', attrs: { 'aria-labelledby': `${this.title.id} ${titleId}` } },
          title,
          laneList,
        );
      }),
    );
    const pageCount = this.pages.length;
    this.pager.hidden = pageCount <= 1;
    setText(this.pager, this.t.t('plenary.page', { page: this.pageIndex + 1, pages: pageCount }));
  }

  private schedulePageTurn(): void {
    if (this.pages.length <= 1) {
      clearTimeout(this.pageTimer);
      this.pageTimer = undefined;
      return;
    }
    if (this.pageTimer !== undefined) return;
    this.pageTimer = setTimeout(() => {
      this.pageTimer = undefined;
      this.pageIndex = (this.pageIndex + 1) % Math.max(1, this.pages.length);
      this.showPage();
      this.schedulePageTurn();
    }, pageDurationMs(this.wordsOnPage()));
  }

  private wordsOnPage(): number {
    const page = this.pages[this.pageIndex];
    if (!page) return 0;
    return page.zones
      .flatMap(({ zone, lanes }) => lanes.flat().map((index) => this.notesByZone[zone]![index]!))
      .reduce((words, note) => words + wordCount(note.text), 0);
  }
}

function setText(element: HTMLElement, text: string): void {
  if (element.textContent !== text) element.textContent = text;
}

/** Each shown note's cluster, its members cut down to the notes shown. */
function clustersByNote(view: BoardView): Map<string, Cluster> {
  const shown = new Set(view.notes.map((note) => note.id));
  const byNote = new Map<string, Cluster>();
  for (const cluster of view.clusters) {
    const members = { ...cluster, notes: cluster.notes.filter((id) => shown.has(id)) };
    for (const id of members.notes) byNote.set(id, members);
  }
  return byNote;
}

/** Reading order, with the notes of a cluster read together where its first note comes. */
function togetherByCluster(notes: ViewNote[], clusterOf: ReadonlyMap<string, Cluster>): ViewNote[] {
  const placed = new Set<string>();
  const ordered: ViewNote[] = [];
  for (const note of notes) {
    if (placed.has(note.id)) continue;
    const cluster = clusterOf.get(note.id);
    const together = cluster ? notes.filter((other) => clusterOf.get(other.id)?.id === cluster.id) : [note];
    for (const member of together) {
      placed.add(member.id);
      ordered.push(member);
    }
  }
  return ordered;
}
