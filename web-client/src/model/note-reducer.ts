import type { Board, BoardSnapshot, HiddenEvent, Note, NoteFields, Timestamp } from '../protocol/messages';
import {
  isTallyShadow,
  predictAnswer,
  withClosed,
  withIndicators,
  withOwnAnswer,
  withTally,
  anyAnswer,
  isScale,
  type BarometerState,
} from './barometer';
import {
  predictMerge,
  withCommitment,
  withEdit,
  withFrozen,
  withOrder,
  withoutCommitment,
  withSignature,
  type CharterState,
} from './charter';
import {
  clusterCreated,
  clusterDissolved,
  clusterJoined,
  clusterLeft,
  clusterMoved,
  clusterOf,
  clusterRenamed,
  clustersFrom,
  noteUnclustered,
  type Clusters,
} from './clusters';
import type { LocalAuthor } from './optimistic';
import type { StreamType } from './stream-model';

/**
 * A board stream's state: the board's frame and its notes, in stream order, how many of its notes
 * wait, private, for a reveal (the server counts them; others' private notes never reach us), and
 * its barometer if it has one.
 */
export interface BoardState {
  readonly board: Board;
  readonly notes: ReadonlyMap<string, Note>;
  readonly privateCount: number;
  readonly barometer: BarometerState | null;
  readonly charter: CharterState | null;
  readonly clusters: Clusters;
}

/** The board's barometer changed by `change`; a board without one stays as it is. */
function barometer(state: BoardState, change: (barometer: BarometerState) => BarometerState): BoardState {
  return state.barometer ? { ...state, barometer: change(state.barometer) } : state;
}

/** The board's charter changed by `change`; a board without one stays as it is. */
function charter(state: BoardState, change: (charter: CharterState) => CharterState): BoardState {
  return state.charter ? { ...state, charter: change(state.charter) } : state;
}

/** Where a note not confirmed yet stacks: above every confirmed one, as the server will put it. */
const PENDING_ORDER = Number.MAX_SAFE_INTEGER;

function created(state: BoardState, note: Note): BoardState {
  if (state.notes.has(note.id)) return state;
  return { ...state, notes: new Map(state.notes).set(note.id, note) };
}

function counted(state: BoardState, privateCount: number | undefined): BoardState {
  return privateCount === undefined ? state : { ...state, privateCount };
}

function updated(
  state: BoardState,
  noteId: string,
  fields: NoteFields & Partial<Pick<Note, 'moderatedBy'>>,
  at: Timestamp,
): BoardState {
  const note = state.notes.get(noteId);
  if (!note) return state;
  return { ...state, notes: new Map(state.notes).set(noteId, { ...note, ...fields, updatedAt: at }) };
}

/**
 * A note as the server sends it to everyone: an anonymous one is still its author's own, as the
 * author's snapshot says (an animator who saw it written forgets whose it was, as its snapshot does).
 */
function known(notes: ReadonlyMap<string, Note>, note: Note, self: string): Note {
  if (!note.anonymous || note.author !== '' || notes.get(note.id)?.author !== self) return note;
  return { ...note, author: self };
}

function revealed(state: BoardState, incoming: readonly Note[], self: string): BoardState {
  const notes = new Map<string, Note>();
  for (const [id, note] of state.notes) notes.set(id, withoutMark(note, 'unrevealed'));
  for (const note of incoming) notes.set(note.id, known(state.notes, note, self));
  return { ...state, notes: new Map([...notes.values()].sort(byOrder).map((note) => [note.id, note])), privateCount: 0 };
}

function withoutMark(note: Note, mark: 'unrevealed' | 'hiddenBy'): Note {
  if (note[mark] === undefined) return note;
  const { [mark]: _dropped, ...rest } = note;
  return rest;
}

function marked(state: BoardState, noteId: string, mark: Partial<Note>): BoardState {
  const note = state.notes.get(noteId);
  if (!note) return state;
  return { ...state, notes: new Map(state.notes).set(noteId, { ...note, ...mark }) };
}

function restored(state: BoardState, note: Note, self: string): BoardState {
  const notes = new Map(state.notes).set(note.id, known(state.notes, note, self));
  return { ...state, notes: new Map([...notes.values()].sort(byOrder).map((each) => [each.id, each])) };
}

function merged(state: BoardState, noteId: string, otherId: string, text: string, moderatedBy: string): BoardState {
  if (!state.notes.has(noteId)) return deleted(state, otherId);
  return deleted(marked(state, noteId, { text, moderatedBy }), otherId);
}

/** What a shadow may say of notes this client may not see: how many are private, or that one it had is gone. */
function shadowed(state: BoardState, event: HiddenEvent): BoardState {
  const withdrawn = event.withdrawn === undefined ? state : deleted(state, event.withdrawn);
  return counted(withdrawn, event.privateCount);
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
      privateCount: snapshot.privateCount ?? 0,
      barometer: snapshot.barometer ? { ...snapshot.barometer, scale: isScale(snapshot.barometer.scale) ? snapshot.barometer.scale : 'steps' } : null,
      charter: snapshot.charter ?? null,
      clusters: clustersFrom(snapshot.clusters),
    }),
    events: {
      'note.created': (state, event) => counted(created(state, { ...event.note, order: event.rev }), event.privateCount),
      'note.updated': (state, event) =>
        updated(state, event.noteId, event.moderatedBy ? { ...event.fields, moderatedBy: event.moderatedBy } : event.fields, event.at),
      'note.deleted': (state, event) => counted(noteUnclustered(deleted(state, event.noteId), event.noteId), event.privateCount),
      'notes.revealed': (state, event) => revealed(state, event.notes, author.id),
      'note.hidden': (state, event) => marked(state, event.noteId, { hiddenBy: event.hiddenBy }),
      'note.restored': (state, event) => counted(restored(state, event.note, author.id), event.privateCount),
      'notes.merged': (state, event) =>
        noteUnclustered(merged(state, event.noteId, event.otherId, event.text, event.moderatedBy), event.otherId),
      'cluster.created': (state, event) => clusterCreated(state, { ...event.cluster, order: event.rev }),
      'cluster.joined': (state, event) => clusterJoined(state, event.cluster, event.noteId, event.x, event.y),
      'cluster.left': (state, event) => clusterLeft(state, event.noteId, event.x, event.y),
      'cluster.renamed': (state, event) => clusterRenamed(state, event.cluster, event.title),
      'cluster.moved': (state, event) => clusterMoved(state, event.cluster, event.dx, event.dy),
      'cluster.dissolved': (state, event) => clusterDissolved(state, event.cluster),
      'barometer.changed': (state, event) =>
        barometer(state, (known) => withIndicators(known, event.indicators, isScale(event.scale) ? event.scale : known.scale)),
      'barometer.answered': (state, event) =>
        barometer(state, (known) => withOwnAnswer(known, event.indicator, event.value, event.tally)),
      'barometer.closed': (state, event) => barometer(state, (known) => withClosed(known, event.closed, event.split)),
      'commitment.created': (state, event) => charter(state, (known) => withCommitment(known, event.commitment)),
      'commitment.edited': (state, event) => charter(state, (known) => withEdit(known, event.commitmentId, event.text, event.zone)),
      'commitment.deleted': (state, event) => charter(state, (known) => withoutCommitment(known, event.commitmentId)),
      'commitments.merged': (state, event) =>
        charter(state, (known) => withoutCommitment(withCommitment(known, event.commitment), event.commitmentId)),
      'commitments.reordered': (state, event) => charter(state, (known) => withOrder(known, event.zone, event.order)),
      'commitment.signed': (state, event) =>
        charter(state, (known) => withSignature(known, event.commitmentId, event.signed, event.signature)),
      'charter.frozen': (state, event) => charter(state, (known) => withFrozen(known, event.frozen, event.frozenAt)),
    },
    // Someone else's answer: the new tally, never the person nor the place they chose; about notes,
    // how many are private, or a note withdrawn.
    shadow: (state, shadow) =>
      isTallyShadow(shadow) ? barometer(state, (known) => withTally(known, shadow.indicator, shadow.tally)) : shadowed(state, shadow),
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
      'note.delete': (state, command) => noteUnclustered(deleted(state, command.noteId), command.noteId),
      'cluster.create': (state, command) => {
        const first = state.notes.get(command.notes[0] ?? '');
        return clusterCreated(state, {
          id: command.cluster,
          title: command.title ?? '',
          x: command.x ?? first?.x ?? 0,
          y: command.y ?? first?.y ?? 0,
          order: PENDING_ORDER,
          notes: command.notes,
        });
      },
      'cluster.join': (state, command) => clusterJoined(state, command.cluster, command.noteId, command.x, command.y),
      'cluster.leave': (state, command) =>
        clusterOf(state.clusters, command.noteId) ? clusterLeft(state, command.noteId, command.x, command.y) : state,
      'cluster.rename': (state, command) => clusterRenamed(state, command.cluster, command.title),
      'cluster.move': (state, command) => clusterMoved(state, command.cluster, command.dx, command.dy),
      'cluster.dissolve': (state, command) => clusterDissolved(state, command.cluster),
      'barometer.set': (state, command) =>
        barometer(state, (known) =>
          withIndicators(known, command.indicators, isScale(command.scale) && !anyAnswer(known) ? command.scale : known.scale),
        ),
      'barometer.answer': (state, command) =>
        barometer(state, (known) => predictAnswer(known, command.indicator, command.value)),
      'barometer.close': (state, command) => barometer(state, (known) => withClosed(known, command.closed, known.split)),
      'commitment.create': (state, command, queuedAt) =>
        charter(state, (known) =>
          withCommitment(known, {
            id: command.commitmentId,
            zone: command.zone,
            text: command.text.trim().replace(/\s+/g, ' '),
            category: author.category ?? 'autre',
            at: queuedAt,
            edited: false,
            signatures: [],
          }),
        ),
      'commitment.edit': (state, command) => charter(state, (known) => withEdit(known, command.commitmentId, command.text, command.zone)),
      'commitment.delete': (state, command) => charter(state, (known) => withoutCommitment(known, command.commitmentId)),
      'commitment.merge': (state, command) =>
        charter(state, (known) => predictMerge(known, command.commitmentId, command.into, command.text)),
      'commitment.reorder': (state, command) => charter(state, (known) => withOrder(known, command.zone, command.order)),
      'commitment.sign': (state, command, queuedAt) =>
        charter(state, (known) =>
          withSignature(known, command.commitmentId, command.signed, {
            id: author.id,
            name: author.name,
            category: author.category ?? 'autre',
            at: queuedAt,
          }),
        ),
      'charter.freeze': (state, command, queuedAt) =>
        charter(state, (known) => withFrozen(known, command.frozen, command.frozen ? queuedAt : undefined)),
      'board.reveal': (state) => state,
      'note.hide': (state, command) => marked(state, command.noteId, { hiddenBy: author.name }),
      'note.restore': (state, command) => {
        const note = state.notes.get(command.noteId);
        return note ? { ...state, notes: new Map(state.notes).set(note.id, withoutMark(note, 'hiddenBy')) } : state;
      },
      'note.merge': (state, command) => {
        const kept = state.notes.get(command.noteId);
        const other = state.notes.get(command.otherId);
        if (!kept || !other) return state;
        const text = [kept.text, other.text].filter((part) => part !== '').join('\n');
        return merged(state, kept.id, other.id, text, author.name);
      },
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
      (command.type === 'commitment.create' && code === 'commitment_exists') ||
      (command.type === 'commitment.sign' && (code === 'already_signed' || code === 'not_signed')) ||
      (command.type === 'note.delete' && code === 'unknown_note'),
  };
}
