import type { Board, BoardSnapshot, Note, NoteFields, Timestamp } from '../protocol/messages';
import type { LocalAuthor } from './optimistic';
import type { StreamType } from './stream-model';

/** A board stream's state: the board's frame and its notes, in stream order. */
export interface BoardState {
  readonly board: Board;
  readonly notes: ReadonlyMap<string, Note>;
}

/** Where a note not confirmed yet stacks: above every confirmed one, as the server will put it. */
const PENDING_ORDER = Number.MAX_SAFE_INTEGER;

function created(state: BoardState, note: Note): BoardState {
  if (state.notes.has(note.id)) return state;
  return { ...state, notes: new Map(state.notes).set(note.id, note) };
}

function updated(state: BoardState, noteId: string, fields: NoteFields, at: Timestamp): BoardState {
  const note = state.notes.get(noteId);
  if (!note) return state;
  return { ...state, notes: new Map(state.notes).set(noteId, { ...note, ...fields, updatedAt: at }) };
}

function deleted(state: BoardState, noteId: string): BoardState {
  if (!state.notes.has(noteId)) return state;
  const notes = new Map(state.notes);
  notes.delete(noteId);
  return { ...state, notes };
}

const byOrder = (a: Note, b: Note) => a.order - b.order;

/** The note element type of a board stream, shown for `author` while its commands are pending. */
export function boardStreamType(author: LocalAuthor): StreamType<'board', BoardState> {
  return {
    kind: 'board',
    fromSnapshot: (snapshot: BoardSnapshot) => ({
      board: snapshot.board,
      notes: new Map([...snapshot.notes].sort(byOrder).map((note) => [note.id, note])),
    }),
    events: {
      'note.created': (state, event) => created(state, { ...event.note, order: event.rev }),
      'note.updated': (state, event) => updated(state, event.noteId, event.fields, event.at),
      'note.deleted': (state, event) => deleted(state, event.noteId),
    },
    commands: {
      'note.create': (state, command, queuedAt) =>
        created(state, {
          ...command.note,
          author: command.speaker?.id ?? author.id,
          authorName: command.speaker?.name ?? author.name,
          createdAt: queuedAt,
          updatedAt: queuedAt,
          order: PENDING_ORDER,
        }),
      'note.update': (state, command, queuedAt) => updated(state, command.noteId, command.fields, queuedAt),
      'note.delete': (state, command) => deleted(state, command.noteId),
    },
    // A held arrow key makes one command, not thirty.
    fold: (into, command) => {
      if (command.type !== 'note.update') return null;
      if (into.type === 'note.update' && into.noteId === command.noteId) {
        return { ...into, fields: { ...into.fields, ...command.fields } };
      }
      if (into.type === 'note.create' && into.note.id === command.noteId) {
        return { ...into, note: { ...into.note, ...command.fields } };
      }
      return null;
    },
    // A create sent again after its reply was lost, a delete of a note already gone.
    alreadyDone: (command, code) =>
      (command.type === 'note.create' && code === 'note_exists') ||
      (command.type === 'note.delete' && code === 'unknown_note'),
  };
}
