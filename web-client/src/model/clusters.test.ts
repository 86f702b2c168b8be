import { describe, expect, it } from 'vitest';
import type { Cluster, Note } from '../protocol/messages';
import {
  clusterCreated,
  clusterDissolved,
  clusterJoined,
  clusterLeft,
  clusterMoved,
  clusterOf,
  membersOf,
  noteUnclustered,
  type Clusters,
} from './clusters';

const note = (id: string, x: number, y: number, order: number): Note => ({
  id,
  text: id,
  color: 'yellow',
  zone: 'z1',
  x,
  y,
  author: 'p1',
  authorName: 'Alice',
  createdAt: 0,
  updatedAt: 0,
  order,
});

const cluster = (id: string, notes: string[]): Cluster => ({ id, title: '', x: 0, y: 0, order: 1, notes });

function board(): { notes: ReadonlyMap<string, Note>; clusters: Clusters } {
  const notes = [note('a', 10, 10, 1), note('b', 200, 10, 2), note('c', 9_990, 5, 3)];
  return { notes: new Map(notes.map((each) => [each.id, each])), clusters: new Map() };
}

describe('clusters of a board', () => {
  it('keeps a note in one cluster at most', () => {
    let state = clusterCreated(board(), cluster('k1', ['a', 'b']));
    state = clusterCreated(state, cluster('k2', ['b']));
    expect(clusterOf(state.clusters, 'b')?.id).toBe('k2');
    expect(state.clusters.get('k1')?.notes).toEqual(['a']);
    state = clusterJoined(state, 'k1', 'b', 40, 50);
    expect(state.clusters.get('k2')?.notes).toEqual([]);
    expect(state.notes.get('b')).toMatchObject({ x: 40, y: 50 });
  });

  it('moves a cluster with its notes, each kept on the board as the server keeps them', () => {
    const state = clusterMoved(clusterCreated(board(), cluster('k', ['a', 'c'])), 'k', 20, -8);
    expect(state.notes.get('a')).toMatchObject({ x: 30, y: 2 });
    expect(state.notes.get('c')).toMatchObject({ x: 10_000, y: 0 });
    expect(state.notes.get('b')).toMatchObject({ x: 200, y: 10 });
  });

  it('dissolves a cluster and leaves its notes; a deleted or removed note leaves its cluster', () => {
    let state = clusterCreated(board(), cluster('k', ['a', 'b', 'c']));
    state = noteUnclustered(state, 'c');
    state = clusterLeft(state, 'b');
    expect(membersOf(state.clusters.get('k')!, state.notes).map((each) => each.id)).toEqual(['a']);
    state = clusterDissolved(state, 'k');
    expect(state.clusters.size).toBe(0);
    expect([...state.notes.keys()]).toEqual(['a', 'b', 'c']);
  });
});
