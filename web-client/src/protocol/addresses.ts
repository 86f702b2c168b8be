import type { StreamId } from './messages';

export const COMMAND_ADDRESS = 'parvis.cmd';

export function boardStream(boardId: string): StreamId {
  return `board:${boardId}`;
}

export function workshopStream(workshopId: string): StreamId {
  return `workshop:${workshopId}`;
}

/** The bridge address a client registers to follow a stream: `parvis.<kind>.<id>`. */
export function streamAddress(stream: StreamId): string {
  const separator = stream.indexOf(':');
  return `parvis.${stream.slice(0, separator)}.${stream.slice(separator + 1)}`;
}

export function boardAddress(boardId: string): string {
  return streamAddress(boardStream(boardId));
}

export function workshopAddress(workshopId: string): string {
  return streamAddress(workshopStream(workshopId));
}

/** Board ids are `<workshopId>-<n>`. */
export function workshopIdOfBoard(boardId: string): string {
  const separator = boardId.lastIndexOf('-');
  return separator > 0 ? boardId.slice(0, separator) : boardId;
}

/** Where a note's photo is served: the photo id, unguessable, is the proof (an `<img>` sends no token). */
export function photoUrl(workshopId: string, photoId: string): string {
  return `/photos/${encodeURIComponent(workshopId)}/${encodeURIComponent(photoId)}`;
}
