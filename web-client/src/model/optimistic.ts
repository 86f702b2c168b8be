import type { Board, BoardChangeCommand, Note } from '../protocol/messages';
import { applyChanges, type BoardChange, type BoardState } from './board-state';
import type { PendingEntry } from './pending';

/** Who is using this client, to stand as the author of the notes it has not sent yet. */
export interface LocalAuthor {
  id: string;
  name: string;
}

export interface ViewNote extends Note {
  /** Changed by a command of this client that the server has not confirmed yet. */
  pending: boolean;
}

export interface BoardView {
  board: Board | null;
  locked: boolean;
  notes: ViewNote[];
}

function changeOfCommand(entry: PendingEntry, author: LocalAuthor): BoardChange {
  const command = entry.command;
  switch (command.type) {
    case 'note.create':
      return {
        kind: 'create',
        note: {
          ...command.note,
          author: author.id,
          authorName: author.name,
          createdAt: entry.queuedAt,
          updatedAt: entry.queuedAt,
        },
      };
    case 'note.update':
      return { kind: 'update', noteId: command.noteId, fields: command.fields, at: entry.queuedAt };
    case 'note.delete':
      return { kind: 'delete', noteId: command.noteId };
    case 'board.lock':
      return { kind: 'lock', locked: command.locked };
  }
}

function noteIdOf(command: BoardChangeCommand): string | null {
  switch (command.type) {
    case 'note.create':
      return command.note.id;
    case 'note.update':
    case 'note.delete':
      return command.noteId;
    case 'board.lock':
      return null;
  }
}

/** The board as this client shows it: the confirmed state with its pending commands replayed on top. */
export function optimisticView(
  confirmed: BoardState,
  pending: readonly PendingEntry[],
  author: LocalAuthor,
): BoardView {
  const state = applyChanges(
    confirmed,
    pending.map((entry) => changeOfCommand(entry, author)),
  );
  const pendingNoteIds = new Set(pending.map((entry) => noteIdOf(entry.command)));
  return {
    board: state.board,
    locked: state.board?.locked ?? false,
    notes: [...state.notes.values()].map((note) => ({ ...note, pending: pendingNoteIds.has(note.id) })),
  };
}
