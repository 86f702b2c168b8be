import type { ChangeCommand } from '../protocol/messages';
import { readJson, writeJson, type KeyValueStorage } from './storage';

export interface PendingEntry<C extends ChangeCommand = ChangeCommand> {
  readonly command: C;
  readonly queuedAt: number;
  /** Sent at least once: the server may have applied it under its id, so it must never change. */
  readonly sent: boolean;
  /**
   * The server answered `duplicate` at this revision: the command took effect there in an earlier
   * life of this queue, so a snapshot at or after it contains its effect.
   */
  readonly duplicateRev?: number;
}

/** Folds a command into the last entry, never sent, when the two make one: `null` when they don't. */
export type Fold<C extends ChangeCommand> = (into: C, command: C) => C | null;

/** Adds a command at the end of the queue, folded into the last entry when it was never sent. */
export function enqueue<C extends ChangeCommand>(
  entries: readonly PendingEntry<C>[],
  command: C,
  now: number,
  fold?: Fold<C>,
): PendingEntry<C>[] {
  const last = entries[entries.length - 1];
  const merged = last && !last.sent && fold ? fold(last.command, command) : null;
  if (last && merged) return [...entries.slice(0, -1), { ...last, command: merged }];
  return [...entries, { command, queuedAt: now, sent: false }];
}

export function markSent<C extends ChangeCommand>(entries: readonly PendingEntry<C>[], commandId: string): PendingEntry<C>[] {
  return entries.map((entry) => (entry.command.id === commandId ? { ...entry, sent: true } : entry));
}

export function markDuplicate<C extends ChangeCommand>(
  entries: readonly PendingEntry<C>[],
  commandId: string,
  rev: number,
): PendingEntry<C>[] {
  return entries.map((entry) => (entry.command.id === commandId ? { ...entry, duplicateRev: rev } : entry));
}

export function withoutCommand<C extends ChangeCommand>(entries: readonly PendingEntry<C>[], commandId: string): PendingEntry<C>[] {
  return entries.filter((entry) => entry.command.id !== commandId);
}

const storageKey = (key: string) => `parvis.pending.${key}`;

export function loadPending<C extends ChangeCommand>(
  storage: KeyValueStorage,
  key: string,
  accepts: (command: ChangeCommand) => command is C,
): PendingEntry<C>[] {
  const entries = readJson<PendingEntry[]>(storage, storageKey(key));
  if (!Array.isArray(entries)) return [];
  return entries.filter((entry): entry is PendingEntry<C> => accepts(entry.command));
}

export function savePending(storage: KeyValueStorage, key: string, entries: readonly PendingEntry[]): void {
  if (entries.length === 0) storage.removeItem(storageKey(key));
  else writeJson(storage, storageKey(key), entries);
}
