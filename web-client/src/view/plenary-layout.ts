import { NOTE_HEIGHT } from './geometry';

/**
 * The plenary's layout decisions, as pure functions of sizes measured by the view: how boards
 * share the screen, how large the text may be, and how a long board is cut into pages.
 *
 * Sizes are stated for a 1080 px high screen and scaled with the screen's height: a projector
 * shows the same picture whatever its resolution, so what is readable from the back of the room
 * is a share of the picture's height, not a number of pixels.
 */

export const REFERENCE_HEIGHT = 1080;
/** Below this no text goes, whatever the screen (a small laptop window). */
const ABSOLUTE_MIN_FONT = 14;

export interface FontBounds {
  /** Note text never shrinks below this: past it, the board is cut into pages. */
  min: number;
  /** A board with few notes grows its text up to this. */
  max: number;
}

/**
 * One board: at least 28 px at 1080 (read from the back of a village hall). Several boards are an
 * overview, read from nearer or while someone speaks to it: smaller floors, so each stays whole.
 */
export function fontBounds(boardCount: number, screenHeight: number): FontBounds {
  const [min, max] = boardCount <= 1 ? [28, 48] : boardCount === 2 ? [22, 36] : boardCount <= 4 ? [16, 30] : [14, 24];
  const scale = screenHeight / REFERENCE_HEIGHT;
  return {
    min: Math.max(ABSOLUTE_MIN_FONT, Math.floor(min * scale)),
    max: Math.max(ABSOLUTE_MIN_FONT, Math.floor(max * scale)),
  };
}

export interface Grid {
  columns: number;
  rows: number;
}

/**
 * How several boards share the screen. A board's zones are columns of notes; a zone reads well
 * when it is neither too narrow for a few words a line nor too short for a few notes, so the grid
 * kept is the one whose narrowest zone width or half cell height (the smaller) is the largest.
 */
export function overviewGrid(count: number, width: number, height: number, zonesPerBoard: number, gap: number): Grid {
  let best: Grid = { columns: 1, rows: Math.max(1, count) };
  let bestScore = -Infinity;
  for (let columns = 1; columns <= Math.max(1, count); columns++) {
    const rows = Math.max(1, Math.ceil(count / columns));
    const cellWidth = (width - (columns - 1) * gap) / columns;
    const cellHeight = (height - (rows - 1) * gap) / rows;
    const score = Math.min(cellWidth / Math.max(1, zonesPerBoard), cellHeight / 2);
    if (score > bestScore + 0.5) {
      best = { columns, rows };
      bestScore = score;
    }
  }
  return best;
}

/** A column of notes narrower than this many `em` of note text wraps every two words. */
const MIN_LANE_EM = 11;
/** Past this many `em`, lines get too long to follow from afar: the zone splits into lanes. */
const MAX_LANE_EM = 22;

/** How many zones stand side by side on one page: all of them unless they would be too narrow. */
export function zonesPerPage(zoneCount: number, width: number, fontPx: number, gap: number): number {
  const fitting = Math.floor((width + gap) / (MIN_LANE_EM * fontPx + gap));
  return Math.max(1, Math.min(zoneCount, fitting));
}

/** How many lanes (sub-columns of notes) a zone this wide holds, so lines stay short enough to read. */
export function lanesPerZone(zoneWidth: number, fontPx: number, gap: number): number {
  return Math.max(1, Math.ceil((zoneWidth + gap) / (MAX_LANE_EM * fontPx + gap)));
}

/** The width of each of `count` columns sharing `width` with `gap` between them. */
export function shareOf(width: number, count: number, gap: number): number {
  return (width - (count - 1) * gap) / count;
}

/** One page of a board: for each zone shown, its lanes, each a list of note indices of that zone. */
export interface Page {
  zones: { zone: number; lanes: number[][] }[];
}

export interface PackOptions {
  zonesPerPage: number;
  lanesPerZone: number;
  laneHeight: number;
  gap: number;
}

/**
 * Cuts a board into pages. Each zone's notes (their heights, in reading order) fill its lanes top
 * to bottom, lane after lane; what does not fit goes to the next page, where the zone continues.
 * When the zones do not all fit side by side, they are shown a group at a time. A note taller
 * than a lane still gets a lane of its own (the view shrinks its text).
 */
export function packPages(zoneNoteHeights: readonly (readonly number[])[], options: PackOptions): Page[] {
  const pages: Page[] = [];
  const perPage = Math.max(1, options.zonesPerPage);
  for (let first = 0; first < zoneNoteHeights.length; first += perPage) {
    const zones = [...Array(Math.min(perPage, zoneNoteHeights.length - first)).keys()].map((offset) => first + offset);
    const slices = zones.map((zone) => sliceIntoLanes(zoneNoteHeights[zone]!, options));
    const pageCount = Math.max(1, ...slices.map((zonePages) => zonePages.length));
    for (let index = 0; index < pageCount; index++) {
      pages.push({
        zones: zones.map((zone, position) => ({ zone, lanes: slices[position]![index] ?? [] })),
      });
    }
  }
  return pages.length ? pages : [{ zones: [] }];
}

/** A zone's notes, page by page, lane by lane. */
function sliceIntoLanes(heights: readonly number[], options: PackOptions): number[][][] {
  const pages: number[][][] = [];
  let lanes: number[][] = [[]];
  let used = 0;
  heights.forEach((height, index) => {
    let lane = lanes[lanes.length - 1]!;
    const needed = lane.length === 0 ? height : used + options.gap + height;
    if (lane.length > 0 && needed > options.laneHeight) {
      if (lanes.length === options.lanesPerZone) {
        pages.push(lanes);
        lanes = [];
      }
      lane = [];
      lanes.push(lane);
      used = height;
    } else {
      used = needed;
    }
    lane.push(index);
  });
  if (lanes.some((lane) => lane.length > 0) || pages.length === 0) pages.push(lanes);
  return pages;
}

/** Whether everything fits on one page with no note taller than its lane. */
export function fitsOnOnePage(zoneNoteHeights: readonly (readonly number[])[], options: PackOptions): boolean {
  return (
    packPages(zoneNoteHeights, options).length === 1 &&
    zoneNoteHeights.every((heights) => heights.every((height) => height <= options.laneHeight))
  );
}

/**
 * The largest whole size from `min` to `max` for which `fits` holds, found by halving (`fits` is
 * assumed to hold for every size below one that fits); `min` when none does.
 */
export function largestFitting(min: number, max: number, fits: (size: number) => boolean): number {
  let low = min;
  let high = max;
  if (!fits(low)) return min;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (fits(middle)) low = middle;
    else high = middle - 1;
  }
  return low;
}

/**
 * How long a page stays: 12 s, longer when it holds more words than a room reads aloud in that
 * time (about 4 words a second), and never more than 40 s so the next page is not forgotten.
 */
export function pageDurationMs(words: number): number {
  return Math.round(Math.min(40_000, Math.max(12_000, words * 250)));
}

export function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

/**
 * Notes in the order a reader goes through a zone: row by row, left to right in a row. Notes put
 * side by side by hand are rarely at the very same height: within half a note they share a row.
 */
export function readingOrder<T extends { y: number; x: number }>(notes: readonly T[]): T[] {
  const row = (note: T) => Math.floor(note.y / (NOTE_HEIGHT / 2));
  return [...notes].sort((a, b) => row(a) - row(b) || a.x - b.x || a.y - b.y);
}
