import { describe, expect, it, vi } from 'vitest';
import { MemoryStorage } from './storage';
import { BOARD, events, loadedModel, newModel, remoteNote } from './testing/fixtures';

const draft = { text: 'Le marché du jeudi', color: 'yellow' as const, zone: 'z1', x: 10, y: 20 };

const noteOf = (model: ReturnType<typeof newModel>, id: string) => model.view.notes.find((note) => note.id === id);

describe('BoardModel, optimistic intents', () => {
  it('shows a created, updated, then deleted note at once, marked pending', () => {
    const model = loadedModel();
    const noteId = model.createNote(draft);
    expect(noteOf(model, noteId)).toMatchObject({ text: 'Le marché du jeudi', authorName: 'Sylvie', pending: true });

    model.updateNote(noteId, { text: 'Le marché du samedi', color: 'pink' });
    expect(noteOf(model, noteId)).toMatchObject({ text: 'Le marché du samedi', color: 'pink' });

    model.deleteNote(noteId);
    expect(noteOf(model, noteId)).toBeUndefined();
    expect(model.pendingCount).toBe(2); // the create was never sent, so the update folded into it
  });

  it('notifies its listeners on every intent', () => {
    const model = loadedModel();
    const listener = vi.fn();
    model.subscribe(listener);
    model.createNote(draft);
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('folds updates of one note into a command not sent yet, but never into a sent one', () => {
    const model = loadedModel(1, [remoteNote('n1', 'a')]);
    model.updateNote('n1', { x: 10 });
    model.updateNote('n1', { x: 20, y: 5 });
    expect(model.pendingCommands).toEqual([expect.objectContaining({ type: 'note.update', fields: { x: 20, y: 5 } })]);

    model.takeNextCommand();
    model.updateNote('n1', { x: 30 });
    expect(model.pendingCommands.map((command) => command.type === 'note.update' && command.fields)).toEqual([
      { x: 20, y: 5 },
      { x: 30 },
    ]);
  });
});

describe('BoardModel, server events', () => {
  it('applies events in order, ignores the ones it has, and reports a gap', () => {
    const model = loadedModel();
    expect(model.receiveEvent(events.created(1, remoteNote('n1', 'un')))).toBe('applied');
    expect(model.receiveEvent(events.created(1, remoteNote('n1', 'un')))).toBe('stale');
    expect(model.receiveEvent(events.updated(3, 'n1', { text: 'trois' }))).toBe('gap');
    expect(model.revision).toBe(1);
    expect(noteOf(model, 'n1')?.text).toBe('un');
  });

  it('keeps events that arrive after a gap and applies them once the sync fills it', () => {
    const model = loadedModel();
    model.receiveEvent(events.created(1, remoteNote('n1', 'un')));
    model.receiveEvent(events.updated(3, 'n1', { text: 'trois' }));
    model.receiveSync({ ok: true, rev: 2, events: [events.updated(2, 'n1', { text: 'deux' })] });
    expect(model.revision).toBe(3);
    expect(noteOf(model, 'n1')?.text).toBe('trois');
  });

  it('asks for a snapshot when the server answers from a revision below its own', () => {
    const model = loadedModel(5, [remoteNote('n1', 'avant')]);
    expect(model.syncSince).toBe(5);
    expect(model.receiveSync({ ok: true, rev: 2, events: [] })).toBe('gap');
    expect(model.syncSince).toBeUndefined();
    model.receiveSync({ ok: true, rev: 2, snapshot: { board: BOARD, notes: [] } });
    expect(model.syncSince).toBe(2);
    expect(model.view.notes).toEqual([]);
  });

  it('sends again an acknowledged command that a snapshot shows the server lost', () => {
    const model = loadedModel();
    model.createNote(draft);
    const command = model.takeNextCommand()!;
    model.acknowledge(command.id, 3);
    expect(model.takeNextCommand()).toBeUndefined();
    model.receiveSync({ ok: true, rev: 1, snapshot: { board: BOARD, notes: [] } });
    expect(model.takeNextCommand()).toEqual(command);
  });

  it('treats events before the first snapshot as a gap', () => {
    const model = newModel();
    expect(model.receiveEvent(events.created(1, remoteNote('n1', 'un')))).toBe('gap');
    model.receiveSync({ ok: true, rev: 0, snapshot: { board: BOARD, notes: [] } });
    expect(noteOf(model, 'n1')?.text).toBe('un');
  });

  it('tells listeners about live events of others, not about its own or about catch-up', () => {
    const model = loadedModel();
    const remote = vi.fn();
    model.onRemoteEvent(remote);
    const noteId = model.createNote(draft);
    const own = model.takeNextCommand();
    model.receiveEvent(events.created(1, { ...remoteNote(noteId, draft.text) }, own?.id));
    model.receiveSync({ ok: true, rev: 2, events: [events.created(2, remoteNote('n2', 'rattrapée'))] });
    model.receiveEvent(events.created(3, remoteNote('n3', 'en direct')));
    expect(remote).toHaveBeenCalledTimes(1);
    expect(remote.mock.calls[0]?.[0]).toMatchObject({ rev: 3 });
  });

  it('drops a pending command when the event carrying its id arrives', () => {
    const model = loadedModel();
    const noteId = model.createNote(draft);
    const command = model.takeNextCommand();
    expect(command?.type).toBe('note.create');

    model.receiveEvent(events.created(1, remoteNote(noteId, draft.text, { author: 'p-me' }), command?.id));
    expect(model.pendingCount).toBe(0);
    expect(noteOf(model, noteId)).toMatchObject({ text: draft.text, pending: false });
  });

  it('keeps an acknowledged command shown until the state reaches its revision, without flicker', () => {
    const model = loadedModel();
    const noteId = model.createNote(draft);
    const command = model.takeNextCommand();
    model.acknowledge(command!.id, 2);
    expect(noteOf(model, noteId)).toBeDefined();
    expect(model.takeNextCommand()).toBeUndefined();

    model.receiveEvent(events.created(1, remoteNote('n-other', 'autre')));
    expect(model.pendingCount).toBe(1);
    model.receiveSync({ ok: true, rev: 2, snapshot: { board: BOARD, notes: [remoteNote(noteId, draft.text)] } });
    expect(model.pendingCount).toBe(0);
  });
});

describe('BoardModel, rebase on concurrent changes', () => {
  it('lets the server order win on one field while an unrelated pending field still shows', () => {
    const model = loadedModel(1, [remoteNote('n1', 'avant')]);
    model.updateNote('n1', { text: 'le mien' });
    const textUpdate = model.takeNextCommand()!;
    model.updateNote('n1', { color: 'green' });

    // The server ran my text update first (rev 2), then someone else's (rev 3).
    model.receiveEvent(events.updated(2, 'n1', { text: 'le mien' }, textUpdate.id));
    expect(noteOf(model, 'n1')).toMatchObject({ text: 'le mien', color: 'green' });
    model.receiveEvent(events.updated(3, 'n1', { text: 'le leur' }));
    expect(noteOf(model, 'n1')).toMatchObject({ text: 'le leur', color: 'green', pending: true });
  });

  it('shows a local pending change on top of a remote one the server ran before it', () => {
    const model = loadedModel(1, [remoteNote('n1', 'avant')]);
    model.updateNote('n1', { text: 'le mien' });
    const mine = model.takeNextCommand()!;

    model.receiveEvent(events.updated(2, 'n1', { text: 'le leur', x: 99 }));
    expect(noteOf(model, 'n1')).toMatchObject({ text: 'le mien', x: 99 });
    model.receiveEvent(events.updated(3, 'n1', { text: 'le mien' }, mine.id));
    expect(noteOf(model, 'n1')).toMatchObject({ text: 'le mien', x: 99, pending: false });
  });

  it('ends the same whichever arrives first, the remote event or the local intent', () => {
    const remoteFirst = loadedModel(1, [remoteNote('n1', 'avant')]);
    remoteFirst.receiveEvent(events.updated(2, 'n1', { x: 50 }));
    remoteFirst.updateNote('n1', { text: 'le mien' });

    const localFirst = loadedModel(1, [remoteNote('n1', 'avant')]);
    localFirst.updateNote('n1', { text: 'le mien' });
    localFirst.receiveEvent(events.updated(2, 'n1', { x: 50 }));

    const shown = (model: typeof remoteFirst) =>
      model.view.notes.map(({ id, text, x, pending }) => ({ id, text, x, pending }));
    expect(shown(localFirst)).toEqual(shown(remoteFirst));
  });

  it('does not resurrect a note deleted remotely under a pending update', () => {
    const model = loadedModel(1, [remoteNote('n1', 'avant')]);
    model.updateNote('n1', { text: 'le mien' });
    model.receiveEvent(events.deleted(2, 'n1'));
    expect(model.view.notes).toEqual([]);
  });
});

describe('BoardModel, refusals', () => {
  it('rolls a refused command back and reports its error', () => {
    const model = loadedModel(1, [remoteNote('n1', 'avant')]);
    const errors = vi.fn();
    model.onError(errors);
    model.updateNote('n1', { text: 'x'.repeat(501) });
    const command = model.takeNextCommand()!;
    model.refuse(command.id, 'text_too_long');
    expect(noteOf(model, 'n1')?.text).toBe('avant');
    expect(model.pendingCount).toBe(0);
    expect(errors).toHaveBeenCalledWith('text_too_long');
  });

  it('says nothing when a refusal means the command had already taken effect', () => {
    const model = loadedModel(1, [remoteNote('n1', 'avant')]);
    const errors = vi.fn();
    model.onError(errors);
    model.deleteNote('n1');
    model.refuse(model.takeNextCommand()!.id, 'unknown_note');
    model.createNote(draft);
    model.refuse(model.takeNextCommand()!.id, 'note_exists');
    expect(errors).not.toHaveBeenCalled();
    expect(model.pendingCount).toBe(0);
  });
});

describe('BoardModel, persistence and resend', () => {
  it('keeps pending commands across a reload, in order and with their ids', () => {
    const storage = new MemoryStorage();
    const before = newModel(storage);
    const noteId = before.createNote(draft);
    before.takeNextCommand();
    before.updateNote(noteId, { color: 'blue' });

    const after = newModel(storage, 'other');
    after.receiveSync({ ok: true, rev: 0, snapshot: { board: BOARD, notes: [] } });
    expect(after.pendingCommands).toEqual(before.pendingCommands);
    expect(noteOf(after, noteId)).toMatchObject({ color: 'blue', pending: true });
    // The create was sent once: the update must not fold into it after the reload either.
    after.updateNote(noteId, { color: 'green' });
    expect(after.pendingCount).toBe(2);
  });

  it('hands the same unacknowledged command again after a lost connection, then the next ones in order', () => {
    const model = loadedModel();
    model.createNote(draft);
    model.createNote({ ...draft, text: 'deux' });
    const first = model.takeNextCommand()!;
    // The connection drops: no reply. After the reconnection the same command comes first.
    expect(model.takeNextCommand()).toEqual(first);
    model.acknowledge(first.id, 1);
    expect(model.takeNextCommand()).toEqual(model.pendingCommands[1]);
  });

  it('forgets the storage key once nothing is pending', () => {
    const storage = new MemoryStorage();
    const model = loadedModel(0, [], storage);
    const noteId = model.createNote(draft);
    const command = model.takeNextCommand()!;
    expect(storage.getItem(`parvis.pending.${BOARD.id}`)).not.toBeNull();
    model.receiveEvent(events.created(1, remoteNote(noteId, draft.text), command.id));
    expect(storage.getItem(`parvis.pending.${BOARD.id}`)).toBeNull();
  });
});
