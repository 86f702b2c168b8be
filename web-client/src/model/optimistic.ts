import type { Board, BoardCommand, Cluster, Note } from '../protocol/messages';
import type { BarometerState } from './barometer';
import type { CharterState } from './charter';
import type { BoardState } from './note-reducer';

/** Who is using this client, to stand as the author of the notes it has not sent yet. */
export interface LocalAuthor {
  id: string;
  name: string;
  /** A participant's category (élu, acteur, habitant, autre), shown on what it writes and signs. */
  category?: string;
}

export interface ViewNote extends Note {
  /** Changed by a command of this client that the server has not confirmed yet. */
  pending: boolean;
}

export interface BoardView {
  board: Board | null;
  /** Bottom to top: by the order the stream gave them, the pending ones last. */
  notes: ViewNote[];
  /** How many notes of the board wait, private, for the reveal (this client's own included). */
  privateCount: number;
  /** A barometer board's barometer, with this client's answers not confirmed yet in place. */
  barometer: BarometerState | null;
  /** A charter board's charter, with this client's commitments and signatures not confirmed yet in place. */
  charter: CharterState | null;
  /** The board's clusters, oldest first, each with the members this client sees. */
  clusters: Cluster[];
}

function noteIdOf(command: BoardCommand): string | null {
  if (command.type === 'note.create') return command.note.id;
  return 'noteId' in command ? command.noteId : null;
}

/** The board as this client shows it: the optimistic state, notes stacked by their order. */
export function boardView(state: BoardState | null, pending: readonly BoardCommand[]): BoardView {
  if (!state) return { board: null, notes: [], privateCount: 0, barometer: null, charter: null, clusters: [] };
  const pendingNoteIds = new Set(pending.map(noteIdOf));
  return {
    board: state.board,
    notes: [...state.notes.values()]
      .sort((a, b) => a.order - b.order)
      .map((note) => ({ ...note, pending: pendingNoteIds.has(note.id) })),
    privateCount: state.privateCount,
    barometer: state.barometer,
    charter: state.charter,
    clusters: [...state.clusters.values()],
  };
}
