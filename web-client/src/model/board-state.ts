import type { Board, BoardSnapshot, Note, NoteFields, RevisionedBoardEvent, Timestamp } from '../protocol/messages';

/** What the server has confirmed, up to revision `rev`. `board` is null until the first snapshot. */
export interface BoardState {
  readonly board: Board | null;
  readonly rev: number;
  readonly notes: ReadonlyMap<string, Note>;
}

export const emptyBoardState: BoardState = { board: null, rev: 0, notes: new Map() };

/** One change to a board, whether the server reported it or a pending command predicts it. */
export type BoardChange =
  | { kind: 'create'; note: Note }
  | { kind: 'update'; noteId: string; fields: NoteFields; at: Timestamp }
  | { kind: 'delete'; noteId: string }
  | { kind: 'lock'; locked: boolean };

export function applyChanges(state: BoardState, changes: readonly BoardChange[]): BoardState {
  if (changes.length === 0) return state;
  const notes = new Map(state.notes);
  let board = state.board;
  for (const change of changes) {
    switch (change.kind) {
      case 'create':
        if (!notes.has(change.note.id)) notes.set(change.note.id, change.note);
        break;
      case 'update': {
        const note = notes.get(change.noteId);
        if (note) notes.set(change.noteId, { ...note, ...change.fields, updatedAt: change.at });
        break;
      }
      case 'delete':
        notes.delete(change.noteId);
        break;
      case 'lock':
        if (board) board = { ...board, locked: change.locked };
        break;
    }
  }
  return { board, rev: state.rev, notes };
}

export function changeOfEvent(event: RevisionedBoardEvent): BoardChange {
  switch (event.type) {
    case 'note.created':
      return { kind: 'create', note: event.note };
    case 'note.updated':
      return { kind: 'update', noteId: event.noteId, fields: event.fields, at: event.at };
    case 'note.deleted':
      return { kind: 'delete', noteId: event.noteId };
    case 'board.locked':
      return { kind: 'lock', locked: event.locked };
  }
}

/**
 * `next`: the event follows the state. `stale`: the state already has it. `gap`: events are
 * missing in between (or the board is not loaded yet), so the client must sync.
 */
export type EventFit = 'next' | 'stale' | 'gap';

export function eventFit(state: BoardState, event: RevisionedBoardEvent): EventFit {
  if (state.board === null) return 'gap';
  if (event.rev <= state.rev) return 'stale';
  return event.rev === state.rev + 1 ? 'next' : 'gap';
}

/** Only for an event whose fit is `next`. */
export function applyEvent(state: BoardState, event: RevisionedBoardEvent): BoardState {
  return { ...applyChanges(state, [changeOfEvent(event)]), rev: event.rev };
}

export function stateOfSnapshot(rev: number, snapshot: BoardSnapshot): BoardState {
  return { board: snapshot.board, rev, notes: new Map(snapshot.notes.map((note) => [note.id, note])) };
}
