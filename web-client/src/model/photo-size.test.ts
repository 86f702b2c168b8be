import { describe, expect, it } from 'vitest';
import { fitWithin } from './photo-size';

describe('fitWithin', () => {
  it('scales a 12-megapixel portrait photo to a long side of 1600 keeping its shape', () => {
    expect(fitWithin(3024, 4032)).toEqual({ width: 1200, height: 1600 });
    expect(fitWithin(4032, 3024)).toEqual({ width: 1600, height: 1200 });
  });

  it('never enlarges a small picture', () => {
    expect(fitWithin(800, 600)).toEqual({ width: 800, height: 600 });
    expect(fitWithin(1600, 900)).toEqual({ width: 1600, height: 900 });
  });

  it('keeps a panorama at least one pixel high', () => {
    expect(fitWithin(100_000, 10)).toEqual({ width: 1600, height: 1 });
  });
});
