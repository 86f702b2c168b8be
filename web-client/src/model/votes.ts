import type { EventOf, HiddenEvent, RankedItem, Vote, VoteItem, VoteProgress, VoteResult } from '../protocol/messages';

/** A vote as this client knows it: settings, progress, its own dots; the tally when live, the result when closed. */
export interface VoteState {
  readonly vote: Vote;
  readonly progress: VoteProgress;
  /** This person's dots, by item key. */
  readonly mine: Readonly<Record<string, number>>;
  readonly tally?: Readonly<Record<string, number>>;
  readonly result?: VoteResult;
}

/** The key of a note in a vote: `<board>/<noteId>`, as the server counts it. */
export function itemKey(item: Pick<VoteItem, 'board' | 'noteId'>): string {
  return `${item.board}/${item.noteId}`;
}

export function dotsUsed(state: VoteState): number {
  return Object.values(state.mine).reduce((sum, dots) => sum + dots, 0);
}

/** "Il vous reste N points". */
export function dotsLeft(state: VoteState): number {
  return Math.max(0, state.vote.budget - dotsUsed(state));
}

export function isOpen(state: VoteState): boolean {
  return state.vote.status === 'open';
}

/** The vote a participant's phone shows: the latest still open, else the latest (its results). */
export function ballotVote(votes: readonly VoteState[]): VoteState | undefined {
  return [...votes].reverse().find(isOpen) ?? votes.at(-1);
}

/** Whether one more dot fits: open, within the budget and the vote's limit on one note. */
export function mayPlace(state: VoteState, key: string): boolean {
  return isOpen(state) && dotsLeft(state) > 0 && (state.mine[key] ?? 0) < state.vote.maxPerItem;
}

export function mayTakeBack(state: VoteState, key: string): boolean {
  return isOpen(state) && (state.mine[key] ?? 0) > 0;
}

export function opened(vote: Vote): VoteState {
  return { vote, progress: { voters: 0, dots: 0 }, mine: {}, ...(vote.live ? { tally: {} } : {}) };
}

/** Progress as everyone learns it; a live vote's count of the item that moved. */
export function withProgress(state: VoteState, progress: VoteProgress): VoteState {
  const { item, count, ...totals } = progress;
  const tally = state.tally && item !== undefined && count !== undefined ? { ...state.tally, [item]: count } : state.tally;
  return { ...state, progress: totals, ...(tally ? { tally } : {}) };
}

/** The voter's own dot, as the server confirmed it. */
export function withOwnDot(state: VoteState, event: EventOf<'vote.placed'> | EventOf<'vote.retracted'>): VoteState {
  const key = itemKey(event);
  return withProgress({ ...state, mine: { ...state.mine, [key]: event.mine } }, event.progress);
}

/** A dot this person placed (+1) or took back (-1), before the server confirms it; nothing when the rules refuse it. */
export function predictDot(state: VoteState, key: string, delta: 1 | -1): VoteState {
  if (delta > 0 ? !mayPlace(state, key) : !mayTakeBack(state, key)) return state;
  return { ...state, mine: { ...state.mine, [key]: (state.mine[key] ?? 0) + delta } };
}

export function closed(state: VoteState, result: VoteResult): VoteState {
  return { ...state, vote: { ...state.vote, status: 'closed' }, result };
}

/** Applies a shadow that carries a vote's progress to the vote it names. */
export function withShadow(votes: readonly VoteState[], event: HiddenEvent): readonly VoteState[] {
  const { vote, progress } = event;
  if (vote === undefined || progress === undefined) return votes;
  return votes.map((state) => (state.vote.id === vote ? withProgress(state, progress) : state));
}

/**
 * The notes ranked by their dots, most first: equal dots share a rank (1, 2, 2, 4) and are `tied`,
 * as the server ranks a closed vote; used for a live vote's tally.
 */
export function rank(items: readonly VoteItem[], dots: Readonly<Record<string, number>>): RankedItem[] {
  const counted = items
    .map((item) => ({ item, dots: dots[itemKey(item)] ?? 0 }))
    .sort((a, b) => b.dots - a.dots);
  return counted.map(({ item, dots: count }) => ({
    ...item,
    dots: count,
    rank: counted.filter((other) => other.dots > count).length + 1,
    tied: counted.filter((other) => other.dots === count).length > 1,
    voters: [],
  }));
}

/** What to show of a vote: its result once closed, the live ranking while open, nothing for a secret open vote. */
export function shownRanking(state: VoteState): RankedItem[] | null {
  if (state.result) return state.result.ranking;
  return state.tally ? rank(state.vote.items, state.tally) : null;
}

/**
 * What a vote is on, as the animator's console picks it: a board, one of its zones, notes ticked
 * on a board, or every board of the workshop. A new kind (clusters) is one more member here and
 * one more branch in `targetSettings`.
 */
export type VoteTarget =
  | { readonly kind: 'board'; readonly board: string }
  | { readonly kind: 'zone'; readonly board: string; readonly zone: string }
  | { readonly kind: 'notes'; readonly board: string; readonly notes: readonly string[] }
  | { readonly kind: 'workshop' };

export type VoteTargetKind = VoteTarget['kind'];
export const VOTE_TARGET_KINDS: readonly VoteTargetKind[] = ['board', 'zone', 'notes', 'workshop'];

/** The `vote.open` fields of a target; null when it cannot be opened yet (no note ticked, no zone). */
export function targetSettings(target: VoteTarget): { board?: string; zone?: string; notes: string[] } | null {
  switch (target.kind) {
    case 'board':
      return { board: target.board, notes: [] };
    case 'zone':
      return target.zone ? { board: target.board, zone: target.zone, notes: [] } : null;
    case 'notes':
      return target.notes.length > 0 ? { board: target.board, notes: [...new Set(target.notes)] } : null;
    case 'workshop':
      return { notes: [] };
  }
}

/**
 * The dots the group may still place, for the animator: every participant's budget less the dots
 * placed. `participants` counts everyone who joined, late joiners included (they may vote too).
 */
export function groupDotsLeft(state: VoteState, participants: number): number {
  return Math.max(0, participants * state.vote.budget - state.progress.dots);
}
