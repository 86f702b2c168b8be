/**
 * "Present group after group": the animator steps through the workshop's boards, one shown at a
 * time. Where it stands is read from what the plenary shows, so a reloaded console, a second
 * animator, or a board pushed by hand all continue from the same place.
 */

/** The place of the board the plenary shows alone, among the workshop's boards; -1 otherwise. */
export function presentedIndex(boardIds: readonly string[], shown: readonly string[]): number {
  return shown.length === 1 ? boardIds.indexOf(shown[0]!) : -1;
}

/**
 * The board to show after (`+1`) or before (`-1`) the one shown alone; from nothing or several
 * boards, the first or the last. `null` past either end.
 */
export function steppedBoard(boardIds: readonly string[], shown: readonly string[], direction: 1 | -1): string | null {
  const current = presentedIndex(boardIds, shown);
  const next = current < 0 ? (direction > 0 ? 0 : boardIds.length - 1) : current + direction;
  return boardIds[next] ?? null;
}
