import { boardStream } from '../../protocol/addresses';
import type { Board, BoardEvent, Note, SyncReplyOf, Workshop } from '../../protocol/messages';
import { BoardModel } from '../board-model';
import { MemoryStorage, type KeyValueStorage } from '../storage';

export const BOARD: Board = {
  id: 'w1-1',
  name: 'Groupe 1',
  template: 'pepites',
  zones: [
    { id: 'z1', title: 'Pépites' },
    { id: 'z2', title: 'Points de vigilance' },
  ],
  locked: false,
  mode: 'open',
  anyoneEdits: false,
};

export const WORKSHOP: Workshop = {
  id: 'w1',
  title: 'Atelier 1',
  date: null,
  code: 'K7P2QX',
  boards: [BOARD, { ...BOARD, id: 'w1-2', name: 'Groupe 2' }],
  plenary: { boards: [] },
};

export const STREAM = boardStream(BOARD.id);

export const ME = { id: 'p-me', name: 'Sylvie' };

export function sequentialIds(prefix: string): () => string {
  let next = 0;
  return () => `${prefix}${++next}`;
}

export function newModel(storage: KeyValueStorage = new MemoryStorage(), idPrefix = 'c'): BoardModel {
  return new BoardModel({ boardId: BOARD.id, storage, author: ME, newId: sequentialIds(idPrefix), now: () => 1000 });
}

export function remoteNote(id: string, text: string, fields: Partial<Note> = {}): Note {
  return {
    id,
    text,
    color: 'yellow',
    zone: 'z1',
    x: 0,
    y: 0,
    author: 'p-other',
    authorName: 'Marc',
    createdAt: 1,
    updatedAt: 1,
    order: 1,
    ...fields,
  };
}

/** The chain hash of the history these fixtures tell, at `rev`; another history uses another `line`. */
export const hashAt = (rev: number, line = 'h') => `${line}${rev}`;

const envelope = (rev: number, cmd: string, line?: string) => ({
  stream: STREAM,
  rev,
  h: hashAt(rev, line),
  cmd,
  by: 'p-other',
  at: rev,
});

export const events = {
  created: (rev: number, note: Note, cmd = `remote-${rev}`, line?: string): BoardEvent => ({
    type: 'note.created',
    ...envelope(rev, cmd, line),
    note,
  }),
  updated: (rev: number, noteId: string, fields: Partial<Note>, cmd = `remote-${rev}`): BoardEvent => ({
    type: 'note.updated',
    ...envelope(rev, cmd),
    noteId,
    fields,
  }),
  deleted: (rev: number, noteId: string, cmd = `remote-${rev}`): BoardEvent => ({
    type: 'note.deleted',
    ...envelope(rev, cmd),
    noteId,
  }),
};

export function snapshotReply(rev: number, notes: Note[] = [], line?: string): SyncReplyOf<'board'> {
  return { ok: true, stream: STREAM, rev, h: hashAt(rev, line), snapshot: { board: BOARD, notes } };
}

export function eventsReply(rev: number, replayed: BoardEvent[]): SyncReplyOf<'board'> {
  return { ok: true, stream: STREAM, rev, h: hashAt(rev), events: replayed };
}

/** A model that has loaded BOARD at revision `rev` with these notes. */
export function loadedModel(rev = 0, notes: Note[] = [], storage?: KeyValueStorage): BoardModel {
  const model = newModel(storage);
  model.stream.receiveSync(snapshotReply(rev, notes));
  return model;
}
