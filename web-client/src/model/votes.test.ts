import { describe, expect, it } from 'vitest';
import type { EventOf, Vote, VoteResult, Workshop } from '../protocol/messages';
import { ballotVote, dotsLeft, groupDotsLeft, itemKey, targetSettings, mayPlace, opened, predictDot, rank, shownRanking, withShadow, type VoteState } from './votes';
import { EMPTY_AGENDA } from './agenda';
import { workshopStreamType, type WorkshopStreamState } from './workshop-reducer';

const BUS = { board: 'w-1', noteId: 'bus', text: 'Un minibus' };
const CAFE = { board: 'w-1', noteId: 'cafe', text: 'Un café' };
const JARDIN = { board: 'w-1', noteId: 'jardin', text: 'Un jardin' };
const items = [BUS, CAFE, JARDIN];
const vote: Vote = {
  id: 'v1',
  title: 'Nos actions',
  board: 'w-1',
  budget: 3,
  maxPerItem: 2,
  anonymous: true,
  live: false,
  items,
  status: 'open',
  openedAt: 1,
};
const bus = itemKey(BUS);
const cafe = itemKey(CAFE);
const envelope = { stream: 'workshop:w', h: 'h', cmd: 'c', by: 'p1', at: 1 };
const workshop: Workshop = { id: 'w', title: 'Atelier 3', date: null, code: 'ABCDEF', boards: [], plenary: { boards: [] } };
const { events, commands } = workshopStreamType;

function only(state: WorkshopStreamState): VoteState {
  const [first] = state.votes;
  if (!first) throw new Error('no vote');
  return first;
}

function withVote(state: VoteState): WorkshopStreamState {
  return { workshop, participants: [], own: {}, agenda: EMPTY_AGENDA, timers: {}, votes: [state], plenaryVote: state.vote.id };
}

describe('a dot vote on a phone', () => {
  it('counts the dots left, and never predicts a dot beyond the budget or the limit per note', () => {
    let state = opened(vote);
    expect(dotsLeft(state)).toBe(3);
    state = predictDot(predictDot(state, bus, 1), bus, 1);
    expect(state.mine[bus]).toBe(2);
    expect(mayPlace(state, bus)).toBe(false);
    expect(predictDot(state, bus, 1)).toBe(state);
    state = predictDot(state, cafe, 1);
    expect(dotsLeft(state)).toBe(0);
    expect(predictDot(state, itemKey(JARDIN), 1)).toBe(state);
    state = predictDot(state, bus, -1);
    expect(dotsLeft(state)).toBe(1);
    expect(predictDot(opened(vote), bus, -1).mine).toEqual({});
  });

  it('shows a tap at once and keeps what the server confirms', () => {
    const start = withVote(opened(vote));
    const predicted = commands['vote.cast'](start, { type: 'vote.cast', id: 'c', vote: 'v1', board: 'w-1', noteId: 'bus' }, 0);
    expect(only(predicted).mine).toEqual({ [bus]: 1 });
    const placed: EventOf<'vote.placed'> = {
      type: 'vote.placed',
      ...envelope,
      rev: 2,
      vote: 'v1',
      board: 'w-1',
      noteId: 'bus',
      mine: 1,
      used: 1,
      progress: { voters: 4, dots: 9 },
    };
    const confirmed = events['vote.placed'](start, placed);
    expect(only(confirmed).mine).toEqual({ [bus]: 1 });
    expect(only(confirmed).progress).toEqual({ voters: 4, dots: 9 });
  });

  it('learns only the progress from the shadow of someone else’s dot', () => {
    const mine = { ...opened(vote), mine: { [cafe]: 1 } };
    const shadow = { type: 'hidden', stream: 'workshop:w', rev: 3, h: 'h', at: 1, vote: 'v1' } as const;
    const [after] = withShadow([mine], { ...shadow, progress: { voters: 2, dots: 4 } });
    expect(after?.progress).toEqual({ voters: 2, dots: 4 });
    expect(after?.mine).toEqual({ [cafe]: 1 });
    expect(shownRanking(after as VoteState)).toBeNull();
    const live = opened({ ...vote, live: true });
    const [counted] = withShadow([live], { ...shadow, progress: { voters: 1, dots: 1, item: cafe, count: 1 } });
    expect(counted?.tally).toEqual({ [cafe]: 1 });
    expect(shownRanking(counted as VoteState)?.[0]?.noteId).toBe('cafe');
  });

  it('closes with the results, which the plenary shows until boards are shown again', () => {
    const result: VoteResult = { voters: 1, dots: 1, ranking: rank(items, { [cafe]: 1 }), categories: [] };
    const state = events['vote.closed'](
      { ...withVote(opened(vote)), plenaryVote: null },
      { type: 'vote.closed', ...envelope, rev: 4, vote: 'v1', result },
    );
    expect(only(state).vote.status).toBe('closed');
    expect(state.plenaryVote).toBe('v1');
    expect(predictDot(only(state), bus, 1)).toBe(only(state));
    const boardsShown = events['plenary.changed'](state, { type: 'plenary.changed', ...envelope, rev: 5, plenary: { boards: [] } });
    expect(boardsShown.plenaryVote).toBeNull();
  });
});

describe('the vote on a phone', () => {
  it('is the latest one still open, else the latest one closed', () => {
    const first = opened(vote);
    const second = { ...opened({ ...vote, id: 'v2' }), vote: { ...vote, id: 'v2', status: 'closed' } };
    expect(ballotVote([first, second])).toBe(first);
    expect(ballotVote([second])).toBe(second);
    expect(ballotVote([])).toBeUndefined();
  });
});

describe('a ranking', () => {
  it('puts most dots first, and gives equal dots one rank, marked tied', () => {
    const ranking = rank(items, { [bus]: 2, [cafe]: 2 });
    expect(ranking.map((item) => [item.noteId, item.rank, item.tied])).toEqual([
      ['bus', 1, true],
      ['cafe', 1, true],
      ['jardin', 3, false],
    ]);
    expect(rank(items, { [cafe]: 1 }).map((item) => item.rank)).toEqual([1, 2, 2]);
  });
});

describe('what the console opens a vote on', () => {
  it('is a board, a zone, the notes ticked, or the whole workshop; never an empty choice', () => {
    expect(targetSettings({ kind: 'board', board: 'b1' })).toEqual({ board: 'b1', notes: [] });
    expect(targetSettings({ kind: 'zone', board: 'b1', zone: 'z2' })).toEqual({ board: 'b1', zone: 'z2', notes: [] });
    expect(targetSettings({ kind: 'zone', board: 'b1', zone: '' })).toBeNull();
    expect(targetSettings({ kind: 'notes', board: 'b1', notes: ['n3', 'n1', 'n3'] })).toEqual({ board: 'b1', notes: ['n3', 'n1'] });
    expect(targetSettings({ kind: 'notes', board: 'b1', notes: [] })).toBeNull();
    expect(targetSettings({ kind: 'workshop' })).toEqual({ notes: [] });
  });

  it('tells the animator how many dots the group has left, late joiners included', () => {
    const state: VoteState = { ...opened(vote), progress: { voters: 2, dots: 5 } };
    expect(groupDotsLeft(state, 4)).toBe(7);
    expect(groupDotsLeft(state, 5)).toBe(10);
    expect(groupDotsLeft(state, 1)).toBe(0);
  });
});
