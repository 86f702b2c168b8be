import { describe, expect, it } from 'vitest';
import type { Note, Participant } from '../protocol/messages';
import { remoteNote } from './testing/fixtures';
import { contributionsSince, countingFrom, rosterSummary } from './roster';
import { rememberedSpeakers, rememberSpeaker } from './speakers';
import { MemoryStorage } from './storage';
import { workshopStreamType } from './workshop-reducer';
import { WORKSHOP } from './testing/fixtures';

const BOARDS = [
  { id: 'w1-1', name: 'Groupe 1' },
  { id: 'w1-2', name: 'Groupe 2' },
];
const alice: Participant = { id: 'pA', name: 'Alice', category: 'elu', board: 'w1-1' };
const bruno: Participant = { id: 'pB', name: 'Bruno', category: 'habitant', board: 'w1-1', done: true };
const chloe: Participant = { id: 'pC', name: 'Chloé', category: 'acteur', board: 'w1-2' };

const note = (id: string, author: string, createdAt: number, fields: Partial<Note> = {}) =>
  remoteNote(id, id, { author, authorName: author, createdAt, ...fields });

describe('the roster', () => {
  it('counts notes by author since an instant, a scribe note for its speaker', () => {
    const counts = contributionsSince(
      [note('n1', 'pA', 10), note('n2', 'pA', 20, { scribe: 'animator' }), note('n3', 'pB', 5)],
      10,
    );
    expect(counts.get('pA')).toBe(2);
    expect(counts.get('pB')).toBeUndefined();
  });

  it('lists each group with counts, the silent ones, the typed speakers, the balance and who is done', () => {
    const notes = new Map([
      [
        'w1-1',
        [
          note('n1', 'pA', 10),
          note('n2', 'pA', 11, { scribe: 'animator' }),
          note('n3', 'guest-1', 12, { scribe: 'animator', authorName: 'Marcel', authorCategory: 'habitant' }),
        ],
      ],
      ['w1-2', [note('n4', 'pC', 13)]],
    ]);
    const summary = rosterSummary(BOARDS, [alice, bruno, chloe], notes, 0);
    const [first, second] = summary.groups;
    expect(first?.people.map((one) => [one.name, one.contributions, one.guest])).toEqual([
      ['Alice', 2, false],
      ['Bruno', 0, false],
      ['Marcel', 1, true],
    ]);
    expect(first?.silent).toBe(1);
    expect(second?.people.map((one) => one.name)).toEqual(['Chloé']);
    expect(summary.done).toBe(1);
    expect(summary.participants).toBe(3);
    const habitants = summary.balance.find((line) => line.category === 'habitant');
    expect(habitants).toMatchObject({ people: 2, peopleShare: 0.5, contributions: 1, contributionShare: 0.25, under: false });
  });

  it('points at a category well under its third, never while the room is empty', () => {
    const five = [alice, bruno, chloe, { ...bruno, id: 'pD' }, { ...bruno, id: 'pE' }];
    const balance = rosterSummary(BOARDS, five, new Map(), 0).balance;
    expect(balance.filter((line) => line.under).map((line) => line.category)).toEqual(['elu', 'acteur']);
    expect(rosterSummary(BOARDS, [], new Map(), 0).balance.some((line) => line.under)).toBe(false);
  });

  it('counts nothing before the sequence started', () => {
    const notes = new Map([['w1-1', [note('n1', 'pA', 10)]]]);
    expect(rosterSummary(BOARDS, [alice], notes, 11).groups[0]?.silent).toBe(1);
  });

  it('counts from the start of the sequence in progress, and from the workshop\'s start outside any', () => {
    const sequences = [{ id: 's1', title: 'Sous-groupes', kind: 'subgroups' as const, minutes: 30, boards: [] }];
    expect(countingFrom({ sequences })).toBe(0);
    expect(countingFrom({ sequences, current: 's1', startedAt: 5_000 })).toBe(5_000);
    expect(countingFrom({ sequences, startedAt: 9_000 }), 'the agenda has ended').toBe(0);
  });
});

describe('the typed speakers of a tablet', () => {
  it('remembers a name once, most recent first, whatever its case and spaces', () => {
    const storage = new MemoryStorage();
    rememberSpeaker(storage, 'w1', { name: ' Marcel  Dupont ', category: 'elu' });
    rememberSpeaker(storage, 'w1', { name: 'Josette', category: 'habitant' });
    rememberSpeaker(storage, 'w1', { name: 'marcel dupont', category: 'acteur' });
    expect(rememberedSpeakers(storage, 'w1')).toEqual([
      { name: 'marcel dupont', category: 'acteur' },
      { name: 'Josette', category: 'habitant' },
    ]);
    expect(rememberedSpeakers(storage, 'w2')).toEqual([]);
    expect(rememberSpeaker(storage, 'w1', { name: '   ', category: 'elu' })).toBeNull();
  });

  it('ignores what it cannot read', () => {
    const storage = new MemoryStorage();
    storage.setItem('parvis.speakers.w1', '{oops');
    expect(rememberedSpeakers(storage, 'w1')).toEqual([]);
  });
});

describe('the workshop stream, for the roster', () => {
  const events = workshopStreamType.events;
  const start = workshopStreamType.fromSnapshot({ workshop: { ...WORKSHOP, participants: [alice, bruno] } });
  const envelope = { stream: 'workshop:w1', rev: 1, h: 'h', cmd: 'c', by: 'animator', at: 1 };

  it('moves a participant and marks who is done, for animators', () => {
    const moved = events['participant.moved'](start, { type: 'participant.moved', ...envelope, participant: 'pA', board: 'w1-2' });
    const done = events['participant.finished'](moved, { type: 'participant.finished', ...envelope, participant: 'pA', done: true });
    expect(done.participants.find((one) => one.id === 'pA')).toMatchObject({ board: 'w1-2', done: true });
  });

  it('keeps a participant’s own move and "j’ai fini" apart, its roster being empty', () => {
    const mine = workshopStreamType.fromSnapshot({ workshop: WORKSHOP });
    const moved = events['participant.moved'](mine, { type: 'participant.moved', ...envelope, participant: 'pZ', board: 'w1-2' });
    expect(moved.own).toEqual({ board: 'w1-2' });
    const predicted = workshopStreamType.commands['participant.done'](moved, { type: 'participant.done', id: 'c', done: true }, 1);
    expect(predicted.own).toEqual({ board: 'w1-2', done: true });
  });

  it('resets "j’ai fini" for everyone when the next sequence starts', () => {
    const done = events['participant.finished'](start, { type: 'participant.finished', ...envelope, participant: 'pA', done: true });
    const next = events['sequence.changed'](done, { type: 'sequence.changed', ...envelope, current: 's2', startedAt: 2 });
    expect(next.participants.map((one) => one.done ?? false)).toEqual([false, false]);
    const mine = workshopStreamType.commands['participant.done'](workshopStreamType.fromSnapshot({ workshop: WORKSHOP }), { type: 'participant.done', id: 'c', done: true }, 1);
    expect(events['sequence.changed'](mine, { type: 'sequence.changed', ...envelope, current: 's2', startedAt: 2 }).own.done).toBe(false);
    const loadedDone = workshopStreamType.fromSnapshot({ workshop: WORKSHOP });
    expect(events['sequence.changed'](loadedDone, { type: 'sequence.changed', ...envelope, current: 's2', startedAt: 2 }).own)
      .toEqual({ done: false });
  });

  it('follows the group menu and the join code display', () => {
    const locked = events['groups.locked'](start, { type: 'groups.locked', ...envelope, locked: true });
    const corner = events['join.displayed'](locked, { type: 'join.displayed', ...envelope, mode: 'corner' });
    expect(corner.workshop).toMatchObject({ groupsLocked: true, joinDisplay: 'corner' });
  });
});
