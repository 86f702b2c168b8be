import { describe, expect, it } from 'vitest';
import type { CharterSnapshot, Commitment } from '../protocol/messages';
import { byIndicator, movedOrder, predictMerge, withOrder } from './charter';
import { BOARD, ME, STREAM, hashAt, newModel, snapshotReply } from './testing/fixtures';

const ZONES = [
  { id: 'z1', title: 'Rendez-vous / Isolement' },
  { id: 'z2', title: 'Perspectives / Impuissance' },
];

function commitment(id: string, zone: string, fields: Partial<Commitment> = {}): Commitment {
  return { id, zone, text: `Engagement ${id}`, category: 'habitant', at: 1, edited: false, signatures: [], ...fields };
}

const bruno = { id: 'p-bruno', name: 'Bruno', category: 'acteur', at: 2 };

function loadedCharter(charter: Partial<CharterSnapshot> = {}) {
  const model = newModel();
  const commitments = [commitment('a', 'z1'), commitment('b', 'z2'), commitment('c', 'z1')];
  const board = { ...BOARD, template: 'charte' as const, zones: ZONES };
  model.stream.receiveSync({ ...snapshotReply(3), snapshot: { board, notes: [], charter: { frozen: false, commitments, ...charter } } });
  return model;
}

const envelope = (rev: number, cmd: string, by = 'p-other') => ({ stream: STREAM, rev, h: hashAt(rev), cmd, by, at: rev });

describe('a charter board', () => {
  it('groups the commitments by indicator, in the charter order', () => {
    const charter = loadedCharter().view.charter!;
    expect(byIndicator(charter, ZONES).map(({ commitments }) => commitments.map(({ id }) => id))).toEqual([['a', 'c'], ['b']]);
  });

  it('shows my signature at once, and once only when the server confirms it', () => {
    const model = loadedCharter({ commitments: [commitment('a', 'z1', { signatures: [bruno] })] });
    model.signCommitment('a', true);
    expect(model.view.charter!.commitments[0]!.signatures.map(({ name }) => name)).toEqual(['Bruno', ME.name]);
    const [command] = model.stream.pendingCommands;
    model.stream.receive({
      type: 'commitment.signed',
      ...envelope(4, command!.id, ME.id),
      commitmentId: 'a',
      signed: true,
      signature: { id: ME.id, name: ME.name, category: 'habitant', at: 4 },
      count: 2,
    });
    expect(model.pendingCount).toBe(0);
    expect(model.view.charter!.commitments[0]!.signatures).toHaveLength(2);
  });

  it('takes a signature back, and counts others signing live', () => {
    const model = loadedCharter({ commitments: [commitment('a', 'z1', { signatures: [{ ...bruno, id: ME.id }] })] });
    model.signCommitment('a', false);
    expect(model.view.charter!.commitments[0]!.signatures).toEqual([]);
    model.stream.receive({
      type: 'commitment.signed',
      ...envelope(4, 'other'),
      commitmentId: 'a',
      signed: true,
      signature: bruno,
      count: 2,
    });
    expect(model.view.charter!.commitments[0]!.signatures.map(({ id }) => id)).toEqual(['p-bruno']);
  });

  it('is read-only in the view once frozen, and reopens when the lead unfreezes it', () => {
    const model = loadedCharter();
    model.stream.receive({ type: 'charter.frozen', ...envelope(4, 'f', 'animator'), frozen: true, frozenAt: 99 });
    expect(model.view.charter).toMatchObject({ frozen: true, frozenAt: 99 });
    model.stream.receive({ type: 'charter.frozen', ...envelope(5, 'u', 'animator'), frozen: false });
    expect(model.view.charter!.frozen).toBe(false);
    expect(model.view.charter!.frozenAt).toBeUndefined();
  });

  it('merges signatures once per person and marks the text edited', () => {
    const state = loadedCharter({
      commitments: [commitment('a', 'z1', { signatures: [bruno] }), commitment('b', 'z1', { signatures: [bruno, { ...bruno, id: 'p-x' }] })],
    }).view.charter!;
    const merged = predictMerge(state, 'b', 'a', 'A et B');
    expect(merged.commitments).toHaveLength(1);
    expect(merged.commitments[0]).toMatchObject({ id: 'a', text: 'A et B', edited: true });
    expect(merged.commitments[0]!.signatures.map(({ id }) => id)).toEqual(['p-bruno', 'p-x']);
  });

  it('reorders within one indicator only, and ignores an order that is not the indicator', () => {
    const state = loadedCharter().view.charter!;
    expect(movedOrder(state, 'z1', 'c', -1)).toEqual(['c', 'a']);
    expect(movedOrder(state, 'z1', 'a', -1)).toBeNull();
    expect(withOrder(state, 'z1', ['c', 'a']).commitments.map(({ id }) => id)).toEqual(['c', 'b', 'a']);
    expect(withOrder(state, 'z1', ['c'])).toBe(state);
  });

  it('has no charter on a board of notes', () => {
    expect(newModel().view.charter).toBeNull();
  });
});
