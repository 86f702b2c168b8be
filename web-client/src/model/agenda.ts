import type { Sequence, SequenceKind, Timer, Timestamp, WorkshopSnapshot } from '../protocol/messages';

/** The evening's agenda as the workshop stream holds it. */
export interface AgendaState {
  readonly sequences: readonly Sequence[];
  /** The sequence in progress; none before the first and after the end. */
  readonly current?: string;
  readonly startedAt?: Timestamp;
}

/** The timers that are set, by group (a board id), the workshop's under {@link WORKSHOP_TIMER}. */
export type Timers = Readonly<Record<string, Timer>>;

/** Board ids are `<workshopId>-<n>`: this key never is one. */
export const WORKSHOP_TIMER = 'workshop';

export const EMPTY_AGENDA: AgendaState = { sequences: [] };

export function agendaFromSnapshot(snapshot: WorkshopSnapshot): { agenda: AgendaState; timers: Timers } {
  const timers: Record<string, Timer> = {};
  for (const { group, timer } of snapshot.timers ?? []) timers[group ?? WORKSHOP_TIMER] = timer;
  return { agenda: snapshot.agenda ?? EMPTY_AGENDA, timers };
}

/** The agenda replaced; the sequence in progress stays (the server refuses an agenda without it). */
export function withSequences(agenda: AgendaState, sequences: readonly Sequence[]): AgendaState {
  return { ...agenda, sequences };
}

export function withCurrent(agenda: AgendaState, current: string | undefined, startedAt: Timestamp | undefined): AgendaState {
  return { sequences: agenda.sequences, ...(current ? { current, startedAt } : {}) };
}

export function withTimer(timers: Timers, group: string | undefined, timer: Timer | undefined): Timers {
  const next: Record<string, Timer> = { ...timers };
  if (timer) next[group ?? WORKSHOP_TIMER] = timer;
  else delete next[group ?? WORKSHOP_TIMER];
  return next;
}

export function currentIndex(agenda: AgendaState): number {
  return agenda.current ? agenda.sequences.findIndex((sequence) => sequence.id === agenda.current) : -1;
}

export function currentSequence(agenda: AgendaState): Sequence | null {
  return agenda.sequences[currentIndex(agenda)] ?? null;
}

/** The sequence `sequence.go` "next" would start: the first before any, none after the last. */
export function nextSequence(agenda: AgendaState): Sequence | null {
  return agenda.sequences[currentIndex(agenda) + 1] ?? null;
}

/** Where `sequence.go` leads, as shown before the server confirms it. */
export function predictedGo(agenda: AgendaState, to: string, at: Timestamp): AgendaState {
  if (to === 'end') return withCurrent(agenda, undefined, undefined);
  const target = to === 'next' ? nextSequence(agenda) : agenda.sequences.find((sequence) => sequence.id === to);
  return target ? withCurrent(agenda, target.id, at) : agenda;
}

/** The timer a screen shows: its group's own when it has one, otherwise the workshop's. */
export function shownTimer(timers: Timers, group: string | null | undefined): { group?: string; timer: Timer } | null {
  const own = group ? timers[group] : undefined;
  if (own) return { group: group!, timer: own };
  const workshop = timers[WORKSHOP_TIMER];
  return workshop ? { timer: workshop } : null;
}

export function isRunning(timer: Timer): boolean {
  return timer.endsAt !== undefined;
}

/** What is left at the server instant `serverNow`, never below zero. */
export function remainingMs(timer: Timer, serverNow: number): number {
  return Math.max(0, timer.endsAt !== undefined ? timer.endsAt - serverNow : (timer.remainingMs ?? 0));
}

/**
 * Whether participants' note changes on this board are refused now: a timer that freezes input
 * (the workshop's, or this board's group's) reached zero. The server decides the same with its time.
 */
export function inputFrozen(timers: Timers, board: string | null, serverNow: number): boolean {
  return [timers[WORKSHOP_TIMER], board ? timers[board] : undefined].some(
    (timer) => timer?.freezeAtZero === true && remainingMs(timer, serverNow) === 0,
  );
}

/** Whole seconds left, rounded up: a timer shows 0:00 only once it reached zero. */
export function remainingSeconds(ms: number): number {
  return Math.ceil(ms / 1000);
}

/** `9:05`, `0:00`, `1:02:03`. */
export function formatRemaining(ms: number): string {
  const seconds = remainingSeconds(ms);
  const s = String(seconds % 60).padStart(2, '0');
  const minutes = Math.floor(seconds / 60);
  return minutes >= 60 ? `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}:${s}` : `${minutes}:${s}`;
}

/** The moments a screen reader is told the time left (ms): not every second, a few times a sequence. */
export const ANNOUNCED_AT = [10 * 60_000, 5 * 60_000, 60_000, 0] as const;

/** The announcement moment crossed between two readings of the same running timer, if any. */
export function crossedAnnouncement(previousMs: number, nowMs: number): number | null {
  const crossed = ANNOUNCED_AT.filter((moment) => previousMs > moment && nowMs <= moment);
  return crossed.length ? crossed[crossed.length - 1]! : null;
}

/** A template's sequence: its title is a message key, translated when the template is used. */
export interface TemplateSequence<K extends string> {
  readonly title: K;
  readonly kind: SequenceKind;
  readonly minutes: number;
}

/** "Atelier type": an evening from 18:30 to 21:00, alternating sub-group work and plenary. */
export const ATELIER_TEMPLATE = [
  { title: 'agenda.template.welcome', kind: 'plenary', minutes: 15 },
  { title: 'agenda.template.subgroups1', kind: 'subgroups', minutes: 45 },
  { title: 'agenda.template.break', kind: 'break', minutes: 10 },
  { title: 'agenda.template.subgroups2', kind: 'subgroups', minutes: 30 },
  { title: 'agenda.template.restitution', kind: 'plenary', minutes: 35 },
  { title: 'agenda.template.closing', kind: 'plenary', minutes: 15 },
] as const satisfies readonly TemplateSequence<string>[];

export function fromTemplate<K extends string>(
  template: readonly TemplateSequence<K>[],
  title: (key: K) => string,
  newId: () => string,
): Sequence[] {
  return template.map((step) => ({ id: newId(), title: title(step.title), kind: step.kind, minutes: step.minutes, boards: [] }));
}

/** The agenda with the sequence at `index` moved by `by` places (clamped). */
export function moved<T>(list: readonly T[], index: number, by: number): T[] {
  const target = Math.min(list.length - 1, Math.max(0, index + by));
  const copy = [...list];
  const [item] = copy.splice(index, 1);
  if (item !== undefined) copy.splice(target, 0, item);
  return copy;
}
