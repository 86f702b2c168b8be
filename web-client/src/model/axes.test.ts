import { describe, expect, it } from 'vitest';
import { createTranslator } from '../i18n';
import type { Board, Participant } from '../protocol/messages';
import { axisBoards, axisSplit, typedAxes } from './axes';
import { BOARD, WORKSHOP } from './testing/fixtures';
import { workshopStreamType } from './workshop-reducer';

const axis = (id: string, name: string): Board => ({ ...BOARD, id, name, template: 'axe' });
const person = (id: string, board: string | null): Participant => ({ id, name: id, category: 'habitant', board });
const envelope = { stream: `workshop:${WORKSHOP.id}`, rev: 1, h: 'h', cmd: 'c', by: 'animator', at: 9 };

describe('thematic axes', () => {
  const boards = [BOARD, axis('w1-3', 'Se loger'), axis('w1-4', 'Se nourrir')];

  it('are the boards of the axis template, in order', () => {
    expect(axisBoards(boards).map((board) => board.name)).toEqual(['Se loger', 'Se nourrir']);
  });

  it('split the room by axis and tell who has none yet and how uneven it is', () => {
    const split = axisSplit(boards, [person('a', 'w1-3'), person('b', 'w1-3'), person('c', 'w1-3'), person('d', BOARD.id)]);
    expect(split.axes.map((group) => group.people.map((one) => one.id))).toEqual([['a', 'b', 'c'], []]);
    expect(split.unassigned.map((one) => one.id)).toEqual(['d']);
    expect(split.spread).toBe(3);
    expect(axisSplit(boards, [person('a', 'w1-3'), person('b', 'w1-4'), person('c', 'w1-4')]).spread).toBe(1);
  });

  it('take at most six typed axes, trimmed, blanks dropped', () => {
    expect(typedAxes([' Se  loger ', '', 'Se nourrir', '   '])).toEqual(['Se loger', 'Se nourrir']);
    expect(typedAxes(['1', '2', '3', '4', '5', '6', '7'])).toHaveLength(6);
  });

  it('come to the workshop as boards added, each once', () => {
    const state = workshopStreamType.fromSnapshot({ workshop: WORKSHOP });
    const added = [axis('w1-3', 'Se loger')];
    const once = workshopStreamType.events['boards.added'](state, { type: 'boards.added', ...envelope, boards: added });
    const twice = workshopStreamType.events['boards.added'](once, { type: 'boards.added', ...envelope, rev: 2, boards: added });
    expect(twice.workshop.boards.map((board) => board.id)).toEqual(['w1-1', 'w1-2', 'w1-3']);
  });

  it('move a participant who picks one at once, before the server says', () => {
    const state = workshopStreamType.fromSnapshot({ workshop: WORKSHOP });
    const picked = workshopStreamType.commands['axis.choose'](state, { type: 'axis.choose', id: 'c1', board: 'w1-3' }, 0);
    expect(picked.own.board).toBe('w1-3');
  });
});

describe('the titles an atelier template writes', () => {
  it('are shown in English, and names someone wrote stay as written', () => {
    const english = createTranslator('en');
    expect(english.known('Baromètre de la vitalité sociale')).toBe('Social vitality barometer');
    expect(english.known('Pause dînatoire')).toBe('Dinner break');
    expect(english.known("Intentions d'actions")).toBe('Intended actions');
    expect(english.known('Se loger')).toBe('Se loger');
    expect(createTranslator('fr').known('Pause dînatoire')).toBe('Pause dînatoire');
  });
});
