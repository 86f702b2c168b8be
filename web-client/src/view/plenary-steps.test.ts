import { describe, expect, it } from 'vitest';
import { presentedIndex, steppedBoard } from './plenary-steps';

const boards = ['a', 'b', 'c'];

describe('presenting group after group', () => {
  it('knows where it stands only when one board is shown alone', () => {
    expect(presentedIndex(boards, ['b'])).toBe(1);
    expect(presentedIndex(boards, [])).toBe(-1);
    expect(presentedIndex(boards, ['a', 'b'])).toBe(-1);
    expect(presentedIndex(boards, ['gone'])).toBe(-1);
  });

  it('steps forward and back, and stops at either end', () => {
    expect(steppedBoard(boards, ['a'], 1)).toBe('b');
    expect(steppedBoard(boards, ['b'], -1)).toBe('a');
    expect(steppedBoard(boards, ['c'], 1)).toBeNull();
    expect(steppedBoard(boards, ['a'], -1)).toBeNull();
  });

  it('starts from the first group (or the last, going back) when nothing or several are shown', () => {
    expect(steppedBoard(boards, [], 1)).toBe('a');
    expect(steppedBoard(boards, ['a', 'c'], -1)).toBe('c');
    expect(steppedBoard([], [], 1)).toBeNull();
  });
});
