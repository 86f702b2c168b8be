import type { AgendaState } from './agenda';
import { CATEGORIES, type Board, type Category, type Note, type Participant, type ParticipantCategory } from '../protocol/messages';

/** Someone of the roster: a participant who joined, or a speaker an animator typed in scribe mode. */
export interface RosterPerson {
  id: string;
  name: string;
  category: ParticipantCategory;
  /** The group's board; for a typed speaker, the board of their first note. */
  board: string | null;
  done: boolean;
  /** Notes written by or for this person since the instant asked for. */
  contributions: number;
  /** Typed by an animator, without a phone of their own. */
  guest: boolean;
}

export interface RosterGroup {
  board: Pick<Board, 'id' | 'name'>;
  people: RosterPerson[];
  /** How many of them have not contributed yet. */
  silent: number;
}

/** One category's weight in the room: people and notes, each with its share of the whole. */
export interface CategoryBalance {
  category: Category;
  people: number;
  peopleShare: number;
  contributions: number;
  contributionShare: number;
  /** An élu, acteur or habitant share of the people well under a third (never while the room is empty). */
  under: boolean;
}

export interface RosterSummary {
  groups: RosterGroup[];
  /** People without a group the workshop still has (none in practice). */
  ungrouped: RosterPerson[];
  balance: CategoryBalance[];
  done: number;
  /** Participants who joined (typed speakers are not asked whether they are done). */
  participants: number;
}

/**
 * From when contributions count: the start of the sequence in progress (server time, as notes'
 * `createdAt`), so a speaking round of each sequence reaches everyone; before the first sequence and
 * after the last, since the workshop's start (every note counts).
 */
export function countingFrom(agenda: AgendaState): number {
  return agenda.current !== undefined && agenda.startedAt !== undefined ? agenda.startedAt : 0;
}

/** The method asks for thirds: élus, acteurs, habitants. */
export const BALANCED_SHARE = 1 / 3;
/** A category this far under its third is pointed out. */
const UNDER_BALANCE = 0.1;

/**
 * Notes per author created at or after `since` (see {@link countingFrom}). A note an animator wrote for a speaker counts for the speaker.
 */
export function contributionsSince(notes: Iterable<Note>, since: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (const note of notes) {
    if (note.createdAt >= since) counts.set(note.author, (counts.get(note.author) ?? 0) + 1);
  }
  return counts;
}

const isCategory = (value: string | undefined): value is ParticipantCategory =>
  value === 'unsaid' || CATEGORIES.includes(value as Category);

/** The speakers animators typed in, as the notes written for them say (first note first). */
function typedSpeakers(notesByBoard: ReadonlyMap<string, readonly Note[]>, known: ReadonlySet<string>): Participant[] {
  const found = new Map<string, Participant & { firstAt: number }>();
  for (const [board, notes] of notesByBoard) {
    for (const note of notes) {
      if (!note.scribe || known.has(note.author)) continue;
      const seen = found.get(note.author);
      if (seen && seen.firstAt <= note.createdAt) continue;
      found.set(note.author, {
        id: note.author,
        name: note.authorName,
        category: isCategory(note.authorCategory) ? note.authorCategory : 'autre',
        board,
        firstAt: note.createdAt,
      });
    }
  }
  return [...found.values()].sort((a, b) => a.firstAt - b.firstAt).map(({ firstAt: _, ...person }) => person);
}

const share = (part: number, whole: number) => (whole === 0 ? 0 : part / whole);

/** By name, as a speaking round goes: the roster arrives in no particular order. */
export const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'fr');

/**
 * The animator's roster: per group, who joined (and who was typed in), with each one's
 * contributions since `since`, the silent ones counted; the balance of categories; who is done.
 */
export function rosterSummary(
  boards: readonly Pick<Board, 'id' | 'name'>[],
  participants: readonly Participant[],
  notesByBoard: ReadonlyMap<string, readonly Note[]>,
  since: number,
): RosterSummary {
  const counts = contributionsSince([...notesByBoard.values()].flat(), since);
  const known = new Set(participants.map((participant) => participant.id));
  const person = (participant: Participant, guest: boolean): RosterPerson => ({
    id: participant.id,
    name: participant.name,
    category: participant.category,
    board: participant.board,
    done: participant.done === true,
    contributions: counts.get(participant.id) ?? 0,
    guest,
  });
  const people = [
    ...participants.map((participant) => person(participant, false)),
    ...typedSpeakers(notesByBoard, known).map((speaker) => person(speaker, true)),
  ];
  const groups = boards.map((board) => {
    const members = people.filter((one) => one.board === board.id).sort(byName);
    return { board, people: members, silent: members.filter((one) => one.contributions === 0).length };
  });
  const boardIds = new Set(boards.map((board) => board.id));
  const totalContributions = people.reduce((sum, one) => sum + one.contributions, 0);
  const balance = CATEGORIES.map((category) => {
    const members = people.filter((one) => one.category === category);
    const contributions = members.reduce((sum, one) => sum + one.contributions, 0);
    const peopleShare = share(members.length, people.length);
    return {
      category,
      people: members.length,
      peopleShare,
      contributions,
      contributionShare: share(contributions, totalContributions),
      under: people.length > 0 && category !== 'autre' && peopleShare < BALANCED_SHARE - UNDER_BALANCE,
    };
  });
  return {
    groups,
    ungrouped: people.filter((one) => !one.board || !boardIds.has(one.board)),
    balance,
    done: participants.filter((participant) => participant.done === true).length,
    participants: participants.length,
  };
}
