import { LIMITS, type Cluster, type Note } from '../protocol/messages';

/**
 * The clusters of a board, as the board stream's reducer keeps them: a note is in one cluster at
 * most, a deleted or withdrawn note leaves its cluster, and moving a cluster moves its notes,
 * each kept on the board as the server keeps them (cluster/cluster.lua).
 */
export type Clusters = ReadonlyMap<string, Cluster>;

interface WithClusters {
  readonly notes: ReadonlyMap<string, Note>;
  readonly clusters: Clusters;
}

export function clustersFrom(list: readonly Cluster[] | undefined): Clusters {
  return new Map([...(list ?? [])].sort((a, b) => a.order - b.order).map((cluster) => [cluster.id, cluster]));
}

/** The cluster a note is in, if any. */
export function clusterOf(clusters: Clusters, noteId: string): Cluster | undefined {
  for (const cluster of clusters.values()) if (cluster.notes.includes(noteId)) return cluster;
  return undefined;
}

/** The notes of a cluster this client has, in their stream order. */
export function membersOf(cluster: Cluster, notes: ReadonlyMap<string, Note>): Note[] {
  return cluster.notes.flatMap((id) => notes.get(id) ?? []).sort((a, b) => a.order - b.order);
}

function without(clusters: Clusters, noteIds: readonly string[]): Map<string, Cluster> {
  const next = new Map<string, Cluster>();
  for (const [id, cluster] of clusters) {
    const kept = cluster.notes.filter((note) => !noteIds.includes(note));
    next.set(id, kept.length === cluster.notes.length ? cluster : { ...cluster, notes: kept });
  }
  return next;
}

function placed<S extends WithClusters>(state: S, noteId: string, x?: number, y?: number): S {
  const note = state.notes.get(noteId);
  if (!note || (x === undefined && y === undefined)) return state;
  return { ...state, notes: new Map(state.notes).set(noteId, { ...note, x: x ?? note.x, y: y ?? note.y }) };
}

export function clusterCreated<S extends WithClusters>(state: S, cluster: Cluster): S {
  if (state.clusters.has(cluster.id)) return state;
  return { ...state, clusters: without(state.clusters, cluster.notes).set(cluster.id, cluster) };
}

export function clusterJoined<S extends WithClusters>(state: S, clusterId: string, noteId: string, x?: number, y?: number): S {
  const cluster = state.clusters.get(clusterId);
  if (!cluster) return state;
  const clusters = without(state.clusters, [noteId]);
  clusters.set(clusterId, { ...cluster, notes: [...(clusters.get(clusterId)?.notes ?? []), noteId] });
  return placed({ ...state, clusters }, noteId, x, y);
}

export function clusterLeft<S extends WithClusters>(state: S, noteId: string, x?: number, y?: number): S {
  return placed({ ...state, clusters: without(state.clusters, [noteId]) }, noteId, x, y);
}

export function clusterRenamed<S extends WithClusters>(state: S, clusterId: string, title: string): S {
  const cluster = state.clusters.get(clusterId);
  if (!cluster) return state;
  return { ...state, clusters: new Map(state.clusters).set(clusterId, { ...cluster, title }) };
}

const onBoard = (value: number) => Math.max(0, Math.min(LIMITS.coordinate, value));

export function clusterMoved<S extends WithClusters>(state: S, clusterId: string, dx: number, dy: number): S {
  const cluster = state.clusters.get(clusterId);
  if (!cluster) return state;
  const notes = new Map(state.notes);
  for (const note of membersOf(cluster, state.notes)) {
    notes.set(note.id, { ...note, x: onBoard(note.x + dx), y: onBoard(note.y + dy) });
  }
  const moved = { ...cluster, x: onBoard(cluster.x + dx), y: onBoard(cluster.y + dy) };
  return { ...state, notes, clusters: new Map(state.clusters).set(clusterId, moved) };
}

export function clusterDissolved<S extends WithClusters>(state: S, clusterId: string): S {
  if (!state.clusters.has(clusterId)) return state;
  const clusters = new Map(state.clusters);
  clusters.delete(clusterId);
  return { ...state, clusters };
}

/** A note gone from the board (deleted, merged into another) leaves its cluster. */
export function noteUnclustered<S extends WithClusters>(state: S, noteId: string): S {
  return clusterOf(state.clusters, noteId) ? { ...state, clusters: without(state.clusters, [noteId]) } : state;
}
