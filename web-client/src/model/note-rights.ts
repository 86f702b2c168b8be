import type { Board, Note, Role } from '../protocol/messages';

/** Who is looking at a board: its role and participant id. */
export interface Reader {
  role: Role;
  id: string;
}

/**
 * Whether this person may edit, move or delete this note, as the server decides it: animators any
 * note, participants their own (or every note on a board that lets everyone), observers none; a
 * locked board only by animators. The controls follow it; the server enforces it.
 */
export function mayChangeNote(reader: Reader, board: Pick<Board, 'locked' | 'anyoneEdits'>, note: Pick<Note, 'author'> | null): boolean {
  if (reader.role === 'animator') return true;
  if (reader.role !== 'participant' || board.locked) return false;
  return note === null || board.anyoneEdits || note.author === reader.id;
}

/** How many private notes of others wait for the reveal: the server's count without this reader's own. */
export function othersPrivateCount(privateCount: number, notes: Iterable<Pick<Note, 'unrevealed'>>): number {
  let own = 0;
  for (const note of notes) if (note.unrevealed) own += 1;
  return Math.max(0, privateCount - own);
}
