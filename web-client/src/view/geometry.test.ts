import { describe, expect, it } from 'vitest';
import { canvasWidth, clampPosition, fitZoom, moveBy, neighbour, NOTE_GAP, NOTE_WIDTH, placeBelow, ZONE_WIDTH } from './geometry';

const zones = [
  { id: 'z1', title: 'Un' },
  { id: 'z2', title: 'Deux' },
];
const maxX = ZONE_WIDTH - NOTE_WIDTH - NOTE_GAP;

describe('board geometry', () => {
  it('keeps notes inside their zone and within the protocol range', () => {
    expect(clampPosition(-5, 20_000)).toEqual({ x: 0, y: 10_000 });
    expect(clampPosition(1_000, 3.6)).toEqual({ x: maxX, y: 4 });
  });

  it('places a new note below the lowest one of its zone', () => {
    expect(placeBelow([])).toEqual({ x: NOTE_GAP, y: 0 });
    expect(placeBelow([96, 310, 120])).toEqual({ x: NOTE_GAP, y: 310 + NOTE_GAP });
  });

  it('moves by keyboard within a zone, then across to the next one', () => {
    expect(moveBy({ zone: 'z1', x: 10, y: 10 }, 10, 0, zones)).toEqual({ x: 20, y: 10 });
    expect(moveBy({ zone: 'z1', x: maxX, y: 10 }, 10, 0, zones)).toEqual({ zone: 'z2', x: 0, y: 10 });
    expect(moveBy({ zone: 'z2', x: 0, y: 10 }, -10, 0, zones)).toEqual({ zone: 'z1', x: maxX, y: 10 });
    expect(moveBy({ zone: 'z2', x: maxX, y: 0 }, 50, -50, zones)).toEqual({ x: maxX, y: 0 });
  });

  it('leads the arrow keys from note to note: down a column, across to the nearest in height', () => {
    const three = [...zones, { id: 'z3', title: 'Trois' }];
    const notes = [
      { id: 'b', zone: 'z1', x: 12, y: 200 },
      { id: 'a', zone: 'z1', x: 12, y: 10 },
      { id: 'a2', zone: 'z1', x: 150, y: 10 },
      { id: 'c', zone: 'z3', x: 12, y: 20 },
      { id: 'd', zone: 'z3', x: 12, y: 180 },
    ];
    expect(neighbour(notes, three, 'a', 'ArrowDown')).toBe('a2');
    expect(neighbour(notes, three, 'a2', 'ArrowDown')).toBe('b');
    expect(neighbour(notes, three, 'b', 'ArrowDown')).toBeUndefined();
    expect(neighbour(notes, three, 'a', 'ArrowUp')).toBeUndefined();
    expect(neighbour(notes, three, 'b', 'ArrowRight')).toBe('d');
    expect(neighbour(notes, three, 'c', 'ArrowLeft')).toBe('a');
    expect(neighbour(notes, three, 'c', 'ArrowRight')).toBeUndefined();
    expect(neighbour(notes, three, 'd', 'Home')).toBe('a');
    expect(neighbour(notes, three, 'a', 'End')).toBe('d');
    expect(neighbour(notes, three, 'gone', 'ArrowDown')).toBe('a');
  });

  it('fits every column on a tablet, but lets a phone scroll rather than shrink notes out of reading', () => {
    expect(canvasWidth(4)).toBe(1240);
    expect(fitZoom(1009, 4)).toBe(0.813);
    expect(fitZoom(1920, 4)).toBe(1);
    expect(fitZoom(360, 3)).toBe(1);
    expect(fitZoom(768, 4)).toBe(1);
  });
});
