import type { Board, Participant } from '../protocol/messages';

/** The method's limit: six thematic axes at most (seed 003). */
export const MAX_AXES = 6;

export interface AxisGroup {
  board: Board;
  people: Participant[];
}

/** The thematic axes' boards, in order. */
export function axisBoards(boards: readonly Board[]): Board[] {
  return boards.filter((board) => board.template === 'axe');
}

/**
 * The split by axis the animator watches: who is in each axis's group, and who is not in any yet;
 * `spread` is the gap between the fullest and the emptiest axis (0 or 1: balanced).
 */
export function axisSplit(
  boards: readonly Board[],
  participants: readonly Participant[],
): { axes: AxisGroup[]; unassigned: Participant[]; spread: number } {
  const axes = axisBoards(boards).map((board) => ({
    board,
    people: participants.filter((person) => person.board === board.id),
  }));
  const unassigned = participants.filter((person) => !axes.some((axis) => axis.board.id === person.board));
  const sizes = axes.map((axis) => axis.people.length);
  return { axes, unassigned, spread: sizes.length ? Math.max(...sizes) - Math.min(...sizes) : 0 };
}

/** The axes as the animator typed them: trimmed, blanks dropped, at most six. */
export function typedAxes(values: readonly string[]): string[] {
  return values.map((value) => value.trim().replace(/\s+/g, ' ')).filter(Boolean).slice(0, MAX_AXES);
}
