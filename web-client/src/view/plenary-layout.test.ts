import { describe, expect, it } from 'vitest';
import {
  fitsOnOnePage,
  fontBounds,
  lanesPerZone,
  largestFitting,
  overviewGrid,
  packPages,
  pageDurationMs,
  readingOrder,
  wordCount,
  zonesPerPage,
} from './plenary-layout';

describe('plenary layout', () => {
  it('keeps one board at 28 px or more on a 1080 p projector, and scales with the screen height', () => {
    expect(fontBounds(1, 1080)).toEqual({ min: 28, max: 48 });
    expect(fontBounds(1, 768).min).toBe(19);
    expect(fontBounds(2, 1080).min).toBeLessThan(28);
    expect(fontBounds(4, 1080).min).toBeLessThan(fontBounds(2, 1080).min);
    expect(fontBounds(12, 400).min).toBe(14);
  });

  it('lays several boards out as a grid that suits a wide screen', () => {
    const grid = (count: number, zones = 3) => overviewGrid(count, 1800, 900, zones, 24);
    expect(grid(1)).toEqual({ columns: 1, rows: 1 });
    expect(grid(2)).toEqual({ columns: 2, rows: 1 });
    expect(grid(3)).toEqual({ columns: 2, rows: 2 });
    expect(grid(4)).toEqual({ columns: 2, rows: 2 });
    expect(grid(6)).toEqual({ columns: 3, rows: 2 });
    expect(grid(2, 1)).toEqual({ columns: 2, rows: 1 });
  });

  it('splits a wide zone into lanes and shows too many narrow zones a group at a time', () => {
    expect(lanesPerZone(1800, 28, 16)).toBe(3);
    expect(lanesPerZone(600, 28, 16)).toBe(1);
    expect(zonesPerPage(4, 1800, 28, 16)).toBe(4);
    expect(zonesPerPage(4, 900, 28, 16)).toBe(2);
    expect(zonesPerPage(4, 100, 28, 16)).toBe(1);
  });

  const options = { zonesPerPage: 3, lanesPerZone: 1, laneHeight: 300, gap: 10 };

  it('fills a lane, then the next page, and the other zones follow page for page', () => {
    const pages = packPages([[100, 100, 100, 50], [80], []], options);
    expect(pages).toEqual([
      {
        zones: [
          { zone: 0, lanes: [[0, 1]] },
          { zone: 1, lanes: [[0]] },
          { zone: 2, lanes: [[]] },
        ],
      },
      {
        zones: [
          { zone: 0, lanes: [[2, 3]] },
          { zone: 1, lanes: [] },
          { zone: 2, lanes: [] },
        ],
      },
    ]);
  });

  it('uses every lane of a zone before turning the page', () => {
    const pages = packPages([[200, 200, 200, 200, 200]], { ...options, lanesPerZone: 2 });
    expect(pages.map((page) => page.zones[0]!.lanes)).toEqual([[[0], [1]], [[2], [3]], [[4]]]);
  });

  it('pages by groups of zones when they cannot all stand side by side', () => {
    const pages = packPages([[10], [20], [30], [40]], { ...options, zonesPerPage: 2 });
    expect(pages.map((page) => page.zones.map((zone) => zone.zone))).toEqual([
      [0, 1],
      [2, 3],
    ]);
  });

  it('makes one empty page of a board without zones', () => {
    expect(packPages([], options)).toEqual([{ zones: [] }]);
  });

  it('gives a note taller than a lane a lane of its own, and says it does not fit', () => {
    expect(packPages([[50, 400, 50]], options)[1]!.zones[0]!.lanes).toEqual([[1]]);
    expect(fitsOnOnePage([[400]], options)).toBe(false);
    expect(fitsOnOnePage([[100, 100], [290]], options)).toBe(true);
  });

  it('finds the largest size that fits, and the floor when none does', () => {
    expect(largestFitting(28, 48, (size) => size <= 33)).toBe(33);
    expect(largestFitting(28, 48, () => true)).toBe(48);
    expect(largestFitting(28, 48, () => false)).toBe(28);
  });

  it('leaves a page up long enough to read it aloud', () => {
    expect(pageDurationMs(10)).toBe(12_000);
    expect(pageDurationMs(100)).toBe(25_000);
    expect(pageDurationMs(1_000)).toBe(40_000);
    expect(wordCount('  Un minibus\nle samedi ')).toBe(4);
  });

  it('reads notes row by row, left to right', () => {
    const notes = [
      { id: 'c', x: 12, y: 140 },
      { id: 'b', x: 150, y: 10 },
      { id: 'a', x: 12, y: 14 },
    ];
    expect(readingOrder(notes).map((note) => note.id)).toEqual(['a', 'b', 'c']);
  });
});
