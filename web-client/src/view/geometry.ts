import { LIMITS, type Note, type NoteFields, type Zone } from '../protocol/messages';

/**
 * Note positions are stored relative to their zone, in the same logical pixels on every device,
 * so a note stays where it was put whether the board is seen on a phone or on the projector.
 */
export const ZONE_WIDTH = 300;
export const ZONE_GAP = 8;
export const CANVAS_PADDING = 8;
export const NOTE_WIDTH = 136;
export const NOTE_HEIGHT = 96;
export const NOTE_GAP = 12;
export const MIN_ZONE_HEIGHT = 560;
/** How far Shift+arrow moves a note. */
export const KEYBOARD_STEP = 40;

const MAX_X = ZONE_WIDTH - NOTE_WIDTH - NOTE_GAP;

/** The width of a board's canvas, zones, gaps and padding included. */
export function canvasWidth(zoneCount: number): number {
  return zoneCount * ZONE_WIDTH + Math.max(0, zoneCount - 1) * ZONE_GAP + 2 * CANVAS_PADDING;
}

/** Below this, fitting every column would make notes too narrow to read: the board scrolls instead. */
export const FIT_FLOOR = 0.75;

/** The zoom that shows every column in `available` pixels, if that keeps notes readable; else 1. */
export function fitZoom(available: number, zoneCount: number): number {
  const fit = available / canvasWidth(zoneCount);
  if (fit >= 1 || fit < FIT_FLOOR) return 1;
  return Math.floor(fit * 1000) / 1000;
}

export function clampPosition(x: number, y: number): { x: number; y: number } {
  return {
    x: Math.round(Math.min(Math.max(x, 0), MAX_X)),
    y: Math.round(Math.min(Math.max(y, 0), LIMITS.coordinate)),
  };
}

/** Below the lowest note of the zone (given the bottoms of its notes), so it never hides another. */
export function placeBelow(noteBottoms: readonly number[]): { x: number; y: number } {
  const lowest = Math.max(-NOTE_GAP, ...noteBottoms);
  return clampPosition(NOTE_GAP, lowest + NOTE_GAP);
}

export function zoneHeight(notes: readonly Pick<Note, 'y'>[]): number {
  return Math.max(MIN_ZONE_HEIGHT, ...notes.map((note) => note.y + NOTE_HEIGHT * 2));
}

/** Moves a note by keyboard; past the side of its zone, it goes into the next zone. */
export function moveBy(
  note: Pick<Note, 'zone' | 'x' | 'y'>,
  dx: number,
  dy: number,
  zones: readonly Zone[],
): NoteFields {
  const index = zones.findIndex((zone) => zone.id === note.zone);
  let x = note.x + dx;
  let zone = note.zone;
  if (x > MAX_X && index >= 0 && index < zones.length - 1) {
    zone = zones[index + 1]!.id;
    x = 0;
  } else if (x < 0 && index > 0) {
    zone = zones[index - 1]!.id;
    x = MAX_X;
  }
  const position = clampPosition(x, note.y + dy);
  return zone === note.zone ? position : { zone, ...position };
}

export type NoteKey = 'ArrowUp' | 'ArrowDown' | 'ArrowLeft' | 'ArrowRight' | 'Home' | 'End';
type Placed = Pick<Note, 'id' | 'zone' | 'x' | 'y'>;

/** Notes in reading order: column by column, top to bottom, then left to right. */
export function readingOrder<N extends Placed>(notes: readonly N[], zones: readonly Zone[]): N[] {
  const column = (note: Placed) => zones.findIndex((zone) => zone.id === note.zone);
  return [...notes].sort((a, b) => column(a) - column(b) || a.y - b.y || a.x - b.x);
}

/**
 * The note the arrow keys lead to from `currentId` (the board is one tab stop): up and down within
 * the column, left and right to the nearest note, by height, in the next column that has notes;
 * Home and End to the first and last note.
 */
export function neighbour(notes: readonly Placed[], zones: readonly Zone[], currentId: string, key: NoteKey): string | undefined {
  const ordered = readingOrder(notes, zones);
  const index = ordered.findIndex((note) => note.id === currentId);
  const current = ordered[index];
  if (!current) return ordered[0]?.id;
  switch (key) {
    case 'Home':
      return ordered[0]?.id;
    case 'End':
      return ordered.at(-1)?.id;
    case 'ArrowUp':
    case 'ArrowDown': {
      const next = ordered[index + (key === 'ArrowDown' ? 1 : -1)];
      return next?.zone === current.zone ? next.id : undefined;
    }
    case 'ArrowLeft':
    case 'ArrowRight': {
      const step = key === 'ArrowRight' ? 1 : -1;
      const zoneIndex = zones.findIndex((zone) => zone.id === current.zone);
      for (let other = zoneIndex + step; other >= 0 && other < zones.length; other += step) {
        const inColumn = ordered.filter((note) => note.zone === zones[other]!.id);
        if (inColumn.length === 0) continue;
        return inColumn.reduce((best, note) => (Math.abs(note.y - current.y) < Math.abs(best.y - current.y) ? note : best)).id;
      }
      return undefined;
    }
  }
}
