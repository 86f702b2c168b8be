import { describe, expect, it, vi } from 'vitest';
import { MemoryStorage } from './storage';
import {
  BOARD,
  STREAM,
  events,
  eventsReply,
  hashAt,
  loadedModel,
  newModel,
  remoteNote,
  snapshotReply,
} from './testing/fixtures';

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

  it('writes for a speaker in scribe mode: the command names the speaker, the note shows a typed one at once', () => {
    const model = loadedModel();
    const forMarcel = model.createNote(draft, { name: 'Marcel', category: 'acteur' });
    model.createNote(draft, { id: 'p-alice' });
    expect(model.stream.pendingCommands.map((command) => command.type === 'note.create' && command.speaker)).toEqual([
      { name: 'Marcel', category: 'acteur' },
      { id: 'p-alice' },
    ]);
    expect(noteOf(model, forMarcel)).toMatchObject({ authorName: 'Marcel', pending: true });
    model.createNote(draft);
    expect(model.stream.pendingCommands[2]).not.toHaveProperty('speaker');
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
    expect(model.stream.pendingCommands).toEqual([
      expect.objectContaining({ type: 'note.update', fields: { x: 20, y: 5 } }),
    ]);

    model.stream.takeNextCommand();
    model.updateNote('n1', { x: 30 });
    expect(model.stream.pendingCommands.map((command) => command.type === 'note.update' && command.fields)).toEqual([
      { x: 20, y: 5 },
      { x: 30 },
    ]);
  });
});

describe('BoardModel, server events', () => {
  it('applies events in order, ignores the ones it has, and asks for a sync on a gap', () => {
    const model = loadedModel();
    expect(model.stream.receive(events.created(1, remoteNote('n1', 'un')))).toBe('applied');
    expect(model.stream.receive(events.created(1, remoteNote('n1', 'un')))).toBe('ignored');
    expect(model.stream.receive(events.updated(3, 'n1', { text: 'trois' }))).toBe('sync');
    expect(model.stream.syncRequest).toEqual({ since: 1, h: hashAt(1) });
    expect(model.revision).toBe(1);
    expect(noteOf(model, 'n1')?.text).toBe('un');
  });

  it('keeps events that arrive after a gap and applies them once the sync fills it', () => {
    const model = loadedModel();
    model.stream.receive(events.created(1, remoteNote('n1', 'un')));
    model.stream.receive(events.updated(3, 'n1', { text: 'trois' }));
    model.stream.receiveSync(eventsReply(2, [events.updated(2, 'n1', { text: 'deux' })]));
    expect(model.revision).toBe(3);
    expect(noteOf(model, 'n1')?.text).toBe('trois');
  });

  it('keeps events published between its sync request and the reply, applied after it', () => {
    const model = loadedModel();
    model.stream.beginSync();
    model.stream.receive(events.created(2, remoteNote('n2', 'deux', { order: 2 })));
    expect(model.stream.receiveSync(eventsReply(1, [events.created(1, remoteNote('n1', 'un'))]))).toBe('applied');
    expect(model.view.notes.map((note) => note.id)).toEqual(['n1', 'n2']);
  });

  it('takes an event held from before its sync request, above the revision the server answers, for a lost history', () => {
    const model = loadedModel();
    model.stream.receive(events.created(2, remoteNote('n2', 'perdue', { order: 2 })));
    model.stream.beginSync();
    expect(model.stream.receiveSync(eventsReply(1, [events.created(1, remoteNote('n1', 'un'))]))).toBe('sync');
    expect(model.stream.syncRequest).toEqual({});
    model.stream.beginSync();
    model.stream.receiveSync(snapshotReply(1, [remoteNote('n1', 'un')]));
    expect(model.view.notes.map((note) => note.id)).toEqual(['n1']);
  });

  it('takes a revision it already has with another h for a history that diverged, and asks for a snapshot', () => {
    const model = loadedModel();
    model.stream.receive(events.created(1, remoteNote('n1', 'perdue')));
    model.stream.receive(events.created(2, remoteNote('n2', 'perdue aussi', { order: 2 })));
    // The storage lost both; someone else's note now has revision 1.
    expect(model.stream.receive(events.created(1, remoteNote('n3', 'nouvelle'), 'other-1', 'lost'))).toBe('sync');
    expect(model.stream.syncRequest).toEqual({});
    model.stream.receiveSync(snapshotReply(1, [remoteNote('n3', 'nouvelle')], 'lost'));
    expect(model.view.notes.map((note) => note.id)).toEqual(['n3']);
    expect(model.stream.syncRequest).toEqual({ since: 1, h: hashAt(1, 'lost') });
  });

  it('asks for a snapshot when a catch-up ends on another h than its own', () => {
    const model = loadedModel(5, [remoteNote('n1', 'avant')]);
    expect(model.stream.syncRequest).toEqual({ since: 5, h: hashAt(5) });
    expect(model.stream.receiveSync({ ok: true, stream: STREAM, rev: 5, h: 'autre', events: [] })).toBe('sync');
    expect(model.stream.syncRequest).toEqual({});
  });

  it('follows the periodic head: behind means sync from its revision, another h means snapshot', () => {
    const model = loadedModel(2);
    const head = (rev: number, h: string) => ({ type: 'stream.head' as const, stream: STREAM, rev, h });
    expect(model.stream.receive(head(2, hashAt(2)))).toBe('ignored');
    expect(model.stream.receive(head(4, hashAt(4)))).toBe('sync');
    expect(model.stream.syncRequest).toEqual({ since: 2, h: hashAt(2) });
    expect(model.stream.receive(head(2, 'autre'))).toBe('sync');
    expect(model.stream.syncRequest).toEqual({});
  });

  it('syncs when the server says it lost its feed', () => {
    const model = loadedModel(2);
    expect(model.stream.receive({ type: 'stream.resync', stream: STREAM })).toBe('sync');
    expect(model.stream.syncRequest).toEqual({ since: 2, h: hashAt(2) });
  });

  it('moves its revision on a shadow, without changing what it shows', () => {
    const model = loadedModel(1, [remoteNote('n1', 'un')]);
    expect(model.stream.receive({ type: 'hidden', stream: STREAM, rev: 2, h: hashAt(2), at: 2 })).toBe('applied');
    expect(model.revision).toBe(2);
    expect(model.stream.receive(events.created(3, remoteNote('n3', 'trois', { order: 3 })))).toBe('applied');
    expect(model.view.notes.map((note) => note.id)).toEqual(['n1', 'n3']);
  });

  it('moves over a run of shadows the server merged, and syncs when the run starts past its revision', () => {
    const model = loadedModel(1, [remoteNote('n1', 'un')]);
    const merged = (from: number, rev: number) => ({ type: 'hidden' as const, stream: STREAM, rev, h: hashAt(rev), at: rev, from });
    expect(model.stream.receive(merged(2, 6))).toBe('applied');
    expect(model.revision).toBe(6);
    expect(model.stream.receive(merged(3, 6))).toBe('ignored');
    expect(model.stream.receive(merged(9, 12))).toBe('sync');
    expect(model.revision).toBe(6);
    expect(model.stream.receive(events.created(7, remoteNote('n7', 'sept', { order: 7 })))).toBe('applied');
    expect(model.stream.receive(events.created(8, remoteNote('n8', 'huit', { order: 8 })))).toBe('applied');
    expect(model.revision).toBe(12);
    expect(model.view.notes.map((note) => note.id)).toEqual(['n1', 'n7', 'n8']);
  });

  it('moves its revision on an event type it does not know yet, as on a shadow', () => {
    const model = loadedModel(1, [remoteNote('n1', 'un')]);
    const newer = { ...events.deleted(2, 'n1'), type: 'constructor' } as unknown as Parameters<typeof model.stream.receive>[0];
    expect(model.stream.receive(newer)).toBe('applied');
    expect(model.revision).toBe(2);
    expect(model.view.notes.map((note) => note.id)).toEqual(['n1']);
  });

  it('treats events before the first snapshot as waiting for it', () => {
    const model = newModel();
    expect(model.stream.receive(events.created(1, remoteNote('n1', 'un')))).toBe('sync');
    model.stream.receiveSync(snapshotReply(0));
    expect(noteOf(model, 'n1')?.text).toBe('un');
  });

  it('tells listeners about live events of others, not about its own or about catch-up', () => {
    const model = loadedModel();
    const remote = vi.fn();
    model.onRemoteEvent(remote);
    const noteId = model.createNote(draft);
    const own = model.stream.takeNextCommand();
    model.stream.receive(events.created(1, { ...remoteNote(noteId, draft.text) }, own?.id));
    model.stream.receiveSync(eventsReply(2, [events.created(2, remoteNote('n2', 'rattrapée'))]));
    model.stream.receive(events.created(3, remoteNote('n3', 'en direct')));
    expect(remote).toHaveBeenCalledTimes(1);
    expect(remote.mock.calls[0]?.[0]).toMatchObject({ rev: 3 });
  });
});

describe('BoardModel, pending commands', () => {
  it('drops a pending command when the event carrying its id is applied, not when it is acknowledged', () => {
    const model = loadedModel();
    const noteId = model.createNote(draft);
    const command = model.stream.takeNextCommand()!;
    expect(model.stream.acknowledge(command.id, 1, false)).toBe('ignored');
    expect(model.pendingCount).toBe(1);
    expect(noteOf(model, noteId)).toMatchObject({ pending: true });

    model.stream.receive(events.created(1, remoteNote(noteId, draft.text, { author: 'p-me' }), command.id));
    expect(model.pendingCount).toBe(0);
    expect(noteOf(model, noteId)).toMatchObject({ text: draft.text, pending: false });
  });

  it('keeps an acknowledged command that a snapshot does not contain, and sends it again with its id', () => {
    const model = loadedModel();
    model.createNote(draft);
    const command = model.stream.takeNextCommand()!;
    model.stream.acknowledge(command.id, 3, false);
    expect(model.stream.takeNextCommand()).toBeUndefined();
    model.stream.receiveSync(snapshotReply(1, [], 'lost'));
    expect(model.pendingCount).toBe(1);
    expect(model.stream.takeNextCommand()).toEqual(command);
  });

  it('drops a duplicate once a snapshot taken at or after its revision contains it', () => {
    const storage = new MemoryStorage();
    const before = loadedModel(0, [], storage);
    const noteId = before.createNote(draft);
    const command = before.stream.takeNextCommand()!;

    // Reloaded before the event arrived: the snapshot has the note, the resend is a duplicate.
    const after = newModel(storage, 'other');
    after.stream.receiveSync(snapshotReply(4, [remoteNote(noteId, draft.text, { order: 3 })]));
    expect(after.stream.takeNextCommand()).toEqual(command);
    expect(after.stream.acknowledge(command.id, 3, true)).toBe('applied');
    expect(after.pendingCount).toBe(0);
  });

  it('waits for the event of a duplicate ahead of its state, or for a snapshot that reaches it', () => {
    const model = loadedModel(1);
    const noteId = model.createNote(draft);
    const command = model.stream.takeNextCommand()!;
    expect(model.stream.acknowledge(command.id, 3, true)).toBe('ignored');
    expect(model.pendingCount).toBe(1);
    model.stream.receiveSync(snapshotReply(3, [remoteNote(noteId, draft.text, { order: 3 })]));
    expect(model.pendingCount).toBe(0);
  });

  it('asks for a snapshot when a duplicate sits at a revision it passed without seeing it', () => {
    const model = loadedModel(1);
    model.createNote(draft);
    const command = model.stream.takeNextCommand()!;
    model.stream.receive(events.created(2, remoteNote('n2', 'autre', { order: 2 })));
    expect(model.stream.acknowledge(command.id, 2, true)).toBe('sync');
    expect(model.stream.syncRequest).toEqual({});
    expect(model.pendingCount).toBe(1);
  });

  it('sends every pending command again after a reconnection, in order, acknowledged ones too', () => {
    const model = loadedModel();
    model.createNote(draft);
    model.createNote({ ...draft, text: 'deux' });
    const first = model.stream.takeNextCommand()!;
    model.stream.acknowledge(first.id, 1, false);
    const second = model.stream.takeNextCommand()!;
    expect(model.stream.takeNextCommand()).toBeUndefined();
    model.stream.resendAll();
    expect([model.stream.takeNextCommand(), model.stream.takeNextCommand()]).toEqual([first, second]);
  });

  it('keeps pending commands across a reload, in order and with their ids', () => {
    const storage = new MemoryStorage();
    const before = newModel(storage);
    const noteId = before.createNote(draft);
    before.stream.takeNextCommand();
    before.updateNote(noteId, { color: 'blue' });

    const after = newModel(storage, 'other');
    after.stream.receiveSync(snapshotReply(0));
    expect(after.stream.pendingCommands).toEqual(before.stream.pendingCommands);
    expect(noteOf(after, noteId)).toMatchObject({ color: 'blue', pending: true });
    // The create was sent once: the update must not fold into it after the reload either.
    after.updateNote(noteId, { color: 'green' });
    expect(after.pendingCount).toBe(2);
  });

  it('forgets the storage key once nothing is pending', () => {
    const storage = new MemoryStorage();
    const model = loadedModel(0, [], storage);
    const noteId = model.createNote(draft);
    const command = model.stream.takeNextCommand()!;
    expect(storage.getItem(`parvis.pending.${BOARD.id}`)).not.toBeNull();
    model.stream.receive(events.created(1, remoteNote(noteId, draft.text), command.id));
    expect(storage.getItem(`parvis.pending.${BOARD.id}`)).toBeNull();
  });
});

describe('BoardModel, stacking order', () => {
  it('stacks notes by the revision that created them, live and after a snapshot alike', () => {
    const live = loadedModel();
    const mine = live.createNote({ ...draft, text: 'la mienne' });
    const command = live.stream.takeNextCommand()!;
    // Someone else's note reached the server first: it is below mine once mine is confirmed.
    live.stream.receive(events.created(1, remoteNote('n-other', 'la leur', { order: 1 })));
    expect(live.view.notes.map((note) => note.id)).toEqual(['n-other', mine]);
    live.stream.receive(events.created(2, remoteNote(mine, 'la mienne', { order: 2 }), command.id));

    const fromSnapshot = newModel();
    // A snapshot lists notes in any order: the client still stacks them by `order`.
    fromSnapshot.stream.receiveSync(
      snapshotReply(2, [remoteNote(mine, 'la mienne', { order: 2 }), remoteNote('n-other', 'la leur', { order: 1 })]),
    );
    const stack = (model: typeof live) => model.view.notes.map(({ id, order }) => ({ id, order }));
    expect(stack(live)).toEqual([
      { id: 'n-other', order: 1 },
      { id: mine, order: 2 },
    ]);
    expect(stack(fromSnapshot)).toEqual(stack(live));
  });

  it('takes the order from the revision of the event, whatever the note says', () => {
    const model = loadedModel();
    model.stream.receive(events.created(1, remoteNote('n1', 'un', { order: 99 })));
    expect(noteOf(model, 'n1')?.order).toBe(1);
  });
});

describe('BoardModel, rebase on concurrent changes', () => {
  it('lets the server order win on one field while an unrelated pending field still shows', () => {
    const model = loadedModel(1, [remoteNote('n1', 'avant')]);
    model.updateNote('n1', { text: 'le mien' });
    const textUpdate = model.stream.takeNextCommand()!;
    model.updateNote('n1', { color: 'green' });

    // The server ran my text update first (rev 2), then someone else's (rev 3).
    model.stream.receive(events.updated(2, 'n1', { text: 'le mien' }, textUpdate.id));
    expect(noteOf(model, 'n1')).toMatchObject({ text: 'le mien', color: 'green' });
    model.stream.receive(events.updated(3, 'n1', { text: 'le leur' }));
    expect(noteOf(model, 'n1')).toMatchObject({ text: 'le leur', color: 'green', pending: true });
  });

  it('shows a local pending change on top of a remote one the server ran before it', () => {
    const model = loadedModel(1, [remoteNote('n1', 'avant')]);
    model.updateNote('n1', { text: 'le mien' });
    const mine = model.stream.takeNextCommand()!;

    model.stream.receive(events.updated(2, 'n1', { text: 'le leur', x: 99 }));
    expect(noteOf(model, 'n1')).toMatchObject({ text: 'le mien', x: 99 });
    model.stream.receive(events.updated(3, 'n1', { text: 'le mien' }, mine.id));
    expect(noteOf(model, 'n1')).toMatchObject({ text: 'le mien', x: 99, pending: false });
  });

  it('ends the same whichever arrives first, the remote event or the local intent', () => {
    const remoteFirst = loadedModel(1, [remoteNote('n1', 'avant')]);
    remoteFirst.stream.receive(events.updated(2, 'n1', { x: 50 }));
    remoteFirst.updateNote('n1', { text: 'le mien' });

    const localFirst = loadedModel(1, [remoteNote('n1', 'avant')]);
    localFirst.updateNote('n1', { text: 'le mien' });
    localFirst.stream.receive(events.updated(2, 'n1', { x: 50 }));

    const shown = (model: typeof remoteFirst) =>
      model.view.notes.map(({ id, text, x, pending }) => ({ id, text, x, pending }));
    expect(shown(localFirst)).toEqual(shown(remoteFirst));
  });

  it('does not resurrect a note deleted remotely under a pending update', () => {
    const model = loadedModel(1, [remoteNote('n1', 'avant')]);
    model.updateNote('n1', { text: 'le mien' });
    model.stream.receive(events.deleted(2, 'n1'));
    expect(model.view.notes).toEqual([]);
  });
});

describe('BoardModel, refusals', () => {
  it('rolls a refused command back and reports its error', () => {
    const model = loadedModel(1, [remoteNote('n1', 'avant')]);
    const errors = vi.fn();
    model.onError(errors);
    model.updateNote('n1', { text: 'x'.repeat(501) });
    const command = model.stream.takeNextCommand()!;
    model.stream.refuse(command.id, 'text_too_long');
    expect(noteOf(model, 'n1')?.text).toBe('avant');
    expect(model.pendingCount).toBe(0);
    expect(errors).toHaveBeenCalledWith('text_too_long');
  });

  it('says nothing when a refusal means the command had already taken effect', () => {
    const model = loadedModel(1, [remoteNote('n1', 'avant')]);
    const errors = vi.fn();
    model.onError(errors);
    model.deleteNote('n1');
    model.stream.refuse(model.stream.takeNextCommand()!.id, 'unknown_note');
    model.createNote(draft);
    model.stream.refuse(model.stream.takeNextCommand()!.id, 'note_exists');
    expect(errors).not.toHaveBeenCalled();
    expect(model.pendingCount).toBe(0);
  });
});
