import { describe, expect, it } from 'vitest';
import type { BoardEvent, HiddenEvent, Note } from '../protocol/messages';
import { mayChangeNote, othersPrivateCount } from './note-rights';
import { BOARD, hashAt, loadedModel, ME, remoteNote, STREAM } from './testing/fixtures';

const envelope = (rev: number) => ({ stream: STREAM, rev, h: hashAt(rev), cmd: `remote-${rev}`, by: 'animator', at: rev });
const shadow = (rev: number, fields: Partial<HiddenEvent> = {}): HiddenEvent => ({
  type: 'hidden',
  stream: STREAM,
  rev,
  h: hashAt(rev),
  at: rev,
  ...fields,
});
const mine = (id: string, text: string, fields: Partial<Note> = {}) =>
  remoteNote(id, text, { author: ME.id, authorName: ME.name, ...fields });
const noteOf = (model: ReturnType<typeof loadedModel>, id: string) => model.view.notes.find((note) => note.id === id);

describe('private writing, as a participant’s board model sees it', () => {
  it('counts the others’ private notes from shadows, and its own from their events', () => {
    const model = loadedModel(0);
    model.stream.receive(shadow(1, { privateCount: 1 }));
    const own = mine('n2', 'La mienne', { unrevealed: true, order: 2 });
    model.stream.receive({ type: 'note.created', ...envelope(2), note: own, privateCount: 2 } as BoardEvent);

    expect(model.view.privateCount).toBe(2);
    expect(othersPrivateCount(model.view.privateCount, model.view.notes)).toBe(1);
    expect(model.view.notes.map((note) => note.id)).toEqual(['n2']);
  });

  it('takes the count from a snapshot, and a reveal gives every note, keeping its own author on an anonymous one', () => {
    const model = loadedModel(0, [mine('n1', 'La mienne', { unrevealed: true, order: 1 })]);
    model.stream.receiveSync({
      ok: true,
      stream: STREAM,
      rev: 2,
      h: hashAt(2),
      snapshot: { board: { ...BOARD, mode: 'private' }, notes: [mine('n1', 'La mienne', { unrevealed: true, order: 1 })], privateCount: 2 },
    });
    expect(othersPrivateCount(model.view.privateCount, model.view.notes)).toBe(1);

    const anonymous = (id: string, text: string, order: number) =>
      remoteNote(id, text, { author: '', authorName: '', anonymous: true, order });
    model.stream.receive({
      type: 'notes.revealed',
      ...envelope(3),
      board: BOARD.id,
      anonymous: true,
      notes: [anonymous('n1', 'La mienne', 1), anonymous('n2', 'La leur', 2)],
    } as BoardEvent);

    expect(model.view.privateCount).toBe(0);
    expect(model.view.notes.map((note) => [note.id, note.author, note.unrevealed])).toEqual([
      ['n1', ME.id, undefined],
      ['n2', '', undefined],
    ]);
  });
});

describe('moderation, as the board model shows it', () => {
  it('marks a note hidden for its author, and drops it for the others when the shadow withdraws it', () => {
    const author = loadedModel(1, [mine('n1', 'Un mot')]);
    author.stream.receive({ type: 'note.hidden', ...envelope(2), noteId: 'n1', hiddenBy: 'Animation' } as BoardEvent);
    expect(noteOf(author, 'n1')?.hiddenBy).toBe('Animation');

    const other = loadedModel(1, [mine('n1', 'Un mot')]);
    other.stream.receive(shadow(2, { withdrawn: 'n1' }));
    expect(noteOf(other, 'n1')).toBeUndefined();

    other.stream.receive({ type: 'note.restored', ...envelope(3), note: mine('n1', 'Un mot') } as BoardEvent);
    expect(noteOf(other, 'n1')?.text).toBe('Un mot');
  });

  it('shows the author that the animation changed its note, and a merge as one note', () => {
    const model = loadedModel(2, [mine('a', 'Un bus'), remoteNote('b', 'Une navette', { order: 2 })]);
    model.stream.receive({
      type: 'note.updated',
      ...envelope(3),
      noteId: 'a',
      fields: { text: 'Un bus le samedi' },
      moderatedBy: 'Animation',
    } as BoardEvent);
    expect(noteOf(model, 'a')).toMatchObject({ text: 'Un bus le samedi', moderatedBy: 'Animation' });

    model.stream.receive({
      type: 'notes.merged',
      ...envelope(4),
      noteId: 'a',
      otherId: 'b',
      text: 'Un bus le samedi\nUne navette',
      moderatedBy: 'Animation',
    } as BoardEvent);
    expect(model.view.notes.map((note) => [note.id, note.text])).toEqual([['a', 'Un bus le samedi\nUne navette']]);
  });

  it('predicts an animator’s merge before the server confirms it', () => {
    const model = loadedModel(2, [remoteNote('a', 'Un bus'), remoteNote('b', 'Une navette', { order: 2 })]);
    void model.mergeNotes('a', 'b').catch(() => undefined);
    expect(model.view.notes.map((note) => [note.id, note.text, note.pending])).toEqual([['a', 'Un bus\nUne navette', true]]);
  });
});

describe('who may change a note', () => {
  const board = { locked: false, anyoneEdits: false };
  const participant = { role: 'participant' as const, id: 'p1' };

  it('a participant its own notes only, every note on a board that lets everyone', () => {
    expect(mayChangeNote(participant, board, { author: 'p1' })).toBe(true);
    expect(mayChangeNote(participant, board, { author: 'p2' })).toBe(false);
    expect(mayChangeNote(participant, { ...board, anyoneEdits: true }, { author: 'p2' })).toBe(true);
    expect(mayChangeNote(participant, board, null)).toBe(true);
  });

  it('an animator any note, even on a locked board; an observer none', () => {
    expect(mayChangeNote({ role: 'animator', id: 'animator' }, { ...board, locked: true }, { author: 'p2' })).toBe(true);
    expect(mayChangeNote(participant, { ...board, locked: true }, { author: 'p1' })).toBe(false);
    expect(mayChangeNote({ role: 'observer', id: 'observer' }, { ...board, anyoneEdits: true }, null)).toBe(false);
  });
});
