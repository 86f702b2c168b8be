export const COMMAND_ADDRESS = 'parvis.cmd';

export function boardAddress(boardId: string): string {
  return `parvis.board.${boardId}`;
}

export function workshopAddress(workshopId: string): string {
  return `parvis.workshop.${workshopId}`;
}

/** Board ids are `<workshopId>-<n>`. */
export function workshopIdOfBoard(boardId: string): string {
  const separator = boardId.lastIndexOf('-');
  return separator > 0 ? boardId.slice(0, separator) : boardId;
}
