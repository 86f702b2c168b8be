import type { Indicator, SplitRow, Tally } from './barometer';

/**
 * What the démarche's HTTP answers hold (server package `demarche`): an atelier's work as its recap
 * and the exhibition show it. Notes still private or hidden, open votes, voters' names and single
 * barometer answers never reach here: the server leaves them out.
 */
export interface RecapNote {
  text: string;
  color: string;
  zone: string;
}

export interface RecapZone {
  id: string;
  title: string;
  notes: RecapNote[];
}

export interface RecapGroup {
  board: string;
  name: string;
  template: string;
  zones: RecapZone[];
}

export interface RecapRanked {
  text: string;
  dots: number;
  rank: number;
  tied: boolean;
}

export interface RecapVote {
  title: string;
  voters: number;
  dots: number;
  ranking: RecapRanked[];
  categories: { category: string; voters: number; ranking: RecapRanked[] }[];
  /** The actions kept: ranked in the first five with at least one dot. */
  kept: string[];
}

export interface RecapBarometer {
  name: string;
  indicators: Indicator[];
  tallies: Tally[];
  closed: boolean;
  split?: SplitRow[];
}

export interface AtelierSummary {
  workshop: string;
  step: number;
  title: string;
  date: string;
  groups: RecapGroup[];
  votes: RecapVote[];
  barometers: RecapBarometer[];
}

export interface DemarcheInfo {
  id: string;
  name: string;
  step: number;
  /** The exhibition's link: animators only. */
  gallery?: string;
  hasNext?: boolean;
}

export interface RecapAnswer {
  demarche: DemarcheInfo | null;
  recap: AtelierSummary | null;
}

export interface GalleryAnswer {
  name: string;
  ateliers: AtelierSummary[];
}

export interface NewcomersAnswer {
  newcomers: string[];
  /** Whether the démarche had an atelier before this one (else nobody is "new"). */
  earlier: boolean;
}

/** A group's zones that hold notes: an empty column says nothing on a projector. */
export function filledZones(group: RecapGroup): RecapZone[] {
  return group.zones.filter((zone) => zone.notes.length > 0);
}

/** The groups that produced something, in their order. */
export function producingGroups(summary: AtelierSummary): RecapGroup[] {
  return summary.groups.filter((group) => filledZones(group).length > 0);
}

/** Every kept action of the atelier's closed votes, once each, in the votes' order. */
export function keptActions(summary: AtelierSummary): string[] {
  return [...new Set(summary.votes.flatMap((vote) => vote.kept))];
}

/** Whether the recap has anything to show at all. */
export function isEmptyRecap(summary: AtelierSummary): boolean {
  return producingGroups(summary).length === 0 && summary.votes.length === 0 && summary.barometers.length === 0;
}
