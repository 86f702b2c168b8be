import type { Board, BoardSnapshot, Note, NoteFields, Timestamp } from '../protocol/messages';
import {
  isTallyShadow,
  predictAnswer,
  withClosed,
  withIndicators,
  withOwnAnswer,
  withTally,
  type BarometerState,
} from './barometer';
import type { LocalAuthor } from './optimistic';
import type { StreamType } from './stream-model';

/** A board stream's state: the board's frame, its notes in stream order, and its barometer if it has one. */
export interface BoardState {
  readonly board: Board;
  readonly notes: ReadonlyMap<string, Note>;
  readonly barometer: BarometerState | null;
}

/** The board's barometer changed by `change`; a board without one stays as it is. */
function barometer(state: BoardState, change: (barometer: BarometerState) => BarometerState): BoardState {
  return state.barometer ? { ...state, barometer: change(state.barometer) } : state;
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
      barometer: snapshot.barometer ?? null,
    }),
    events: {
      'note.created': (state, event) => created(state, { ...event.note, order: event.rev }),
      'note.updated': (state, event) => updated(state, event.noteId, event.fields, event.at),
      'note.deleted': (state, event) => deleted(state, event.noteId),
      'barometer.changed': (state, event) => barometer(state, (known) => withIndicators(known, event.indicators)),
      'barometer.answered': (state, event) =>
        barometer(state, (known) => withOwnAnswer(known, event.indicator, event.value, event.tally)),
      'barometer.closed': (state, event) => barometer(state, (known) => withClosed(known, event.closed, event.split)),
    },
    // Someone else's answer: the new tally, never the person nor the place they chose.
    shadow: (state, shadow) =>
      isTallyShadow(shadow) ? barometer(state, (known) => withTally(known, shadow.indicator, shadow.tally)) : state,
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
      'barometer.set': (state, command) => barometer(state, (known) => withIndicators(known, command.indicators)),
      'barometer.answer': (state, command) =>
        barometer(state, (known) => predictAnswer(known, command.indicator, command.value)),
      'barometer.close': (state, command) => barometer(state, (known) => withClosed(known, command.closed, known.split)),
    },
    // A held arrow key makes one command, not thirty; so does a cursor moved step by step.
    fold: (into, command) => {
      if (command.type === 'barometer.answer') {
        const same = into.type === 'barometer.answer' && into.indicator === command.indicator;
        return same ? { ...into, value: command.value } : null;
      }
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
