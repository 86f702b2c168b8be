import type { BoardChangeCommand } from '../protocol/messages';
import { readJson, writeJson, type KeyValueStorage } from './storage';

export interface PendingEntry {
  readonly command: BoardChangeCommand;
  readonly queuedAt: number;
  /** Sent at least once: the server may have applied it under its id, so it must never change. */
  readonly sent: boolean;
  /** The revision the server gave it; the entry stays shown until the confirmed state reaches it. */
  readonly ackedRev?: number;
}

/**
 * Adds a command at the end of the queue. A note update folds into the last entry when that entry
 * touches the same note and was never sent, so a held arrow key makes one command, not thirty.
 */
export function enqueue(entries: readonly PendingEntry[], command: BoardChangeCommand, now: number): PendingEntry[] {
  const last = entries[entries.length - 1];
  if (command.type === 'note.update' && last && !last.sent) {
    const merged = mergeUpdate(last.command, command);
    if (merged) return [...entries.slice(0, -1), { ...last, command: merged }];
  }
  return [...entries, { command, queuedAt: now, sent: false }];
}

function mergeUpdate(
  into: BoardChangeCommand,
  update: Extract<BoardChangeCommand, { type: 'note.update' }>,
): BoardChangeCommand | null {
  if (into.type === 'note.update' && into.noteId === update.noteId) {
    return { ...into, fields: { ...into.fields, ...update.fields } };
  }
  if (into.type === 'note.create' && into.note.id === update.noteId) {
    return { ...into, note: { ...into.note, ...update.fields } };
  }
  return null;
}

export function nextToSend(entries: readonly PendingEntry[]): PendingEntry | undefined {
  return entries.find((entry) => entry.ackedRev === undefined);
}

export function markSent(entries: readonly PendingEntry[], commandId: string): PendingEntry[] {
  return entries.map((entry) => (entry.command.id === commandId ? { ...entry, sent: true } : entry));
}

export function markAcknowledged(entries: readonly PendingEntry[], commandId: string, rev: number): PendingEntry[] {
  return entries.map((entry) => (entry.command.id === commandId ? { ...entry, ackedRev: rev } : entry));
}

export function withoutCommand(entries: readonly PendingEntry[], commandId: string): PendingEntry[] {
  return entries.filter((entry) => entry.command.id !== commandId);
}

/**
 * A snapshot below the revision a command was acknowledged at means the server lost that command
 * (storage restarted without its last writes): it must be sent again.
 */
export function forgetAcknowledgementsAbove(entries: readonly PendingEntry[], rev: number): PendingEntry[] {
  return entries.map((entry) =>
    entry.ackedRev !== undefined && entry.ackedRev > rev
      ? { command: entry.command, queuedAt: entry.queuedAt, sent: true }
      : entry,
  );
}

/** Drops the entries the confirmed state, at revision `rev`, already contains. */
export function settledAt(entries: readonly PendingEntry[], rev: number): PendingEntry[] {
  return entries.filter((entry) => entry.ackedRev === undefined || entry.ackedRev > rev);
}

const storageKey = (boardId: string) => `parvis.pending.${boardId}`;

export function loadPending(storage: KeyValueStorage, boardId: string): PendingEntry[] {
  const entries = readJson<PendingEntry[]>(storage, storageKey(boardId));
  return Array.isArray(entries) ? entries : [];
}

export function savePending(storage: KeyValueStorage, boardId: string, entries: readonly PendingEntry[]): void {
  if (entries.length === 0) storage.removeItem(storageKey(boardId));
  else writeJson(storage, storageKey(boardId), entries);
}
