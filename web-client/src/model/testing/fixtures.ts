import type { Board, Note, RevisionedBoardEvent } from '../../protocol/messages';
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
};

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
    ...fields,
  };
}

const envelope = (rev: number, cmd: string) => ({ board: BOARD.id, rev, cmd, by: 'p-other', at: rev });

export const events = {
  created: (rev: number, note: Note, cmd = `remote-${rev}`): RevisionedBoardEvent => ({
    type: 'note.created',
    ...envelope(rev, cmd),
    note,
  }),
  updated: (rev: number, noteId: string, fields: Partial<Note>, cmd = `remote-${rev}`): RevisionedBoardEvent => ({
    type: 'note.updated',
    ...envelope(rev, cmd),
    noteId,
    fields,
  }),
  deleted: (rev: number, noteId: string, cmd = `remote-${rev}`): RevisionedBoardEvent => ({
    type: 'note.deleted',
    ...envelope(rev, cmd),
    noteId,
  }),
};

/** A model that has loaded BOARD at revision `rev` with these notes. */
export function loadedModel(rev = 0, notes: Note[] = [], storage?: KeyValueStorage): BoardModel {
  const model = newModel(storage);
  model.receiveSync({ ok: true, rev, snapshot: { board: BOARD, notes } });
  return model;
}
