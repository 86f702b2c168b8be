import { describe, expect, it } from 'vitest';
import { isEmptyRecap, keptActions, producingGroups, type AtelierSummary } from './recap';
import { workshopStreamType } from './workshop-reducer';
import type { WorkshopSnapshot } from '../protocol/messages';

const summary: AtelierSummary = {
  workshop: 'w1',
  step: 1,
  title: 'Atelier 1',
  date: '',
  groups: [
    { board: 'w1-1', name: 'Jeunesse', template: 'tendances', zones: [{ id: 'z4', title: "Intentions d'actions", notes: [{ text: 'Un café', color: 'yellow', zone: 'z4' }] }] },
    { board: 'w1-2', name: 'Mobilité', template: 'tendances', zones: [{ id: 'z1', title: 'Tendances', notes: [] }] },
  ],
  votes: [
    { title: 'A', voters: 3, dots: 9, ranking: [], categories: [], kept: ['Un café', 'Un bus'] },
    { title: 'B', voters: 3, dots: 9, ranking: [], categories: [], kept: ['Un bus'] },
  ],
  barometers: [],
};

describe('the recap of an atelier', () => {
  it('shows only the groups that produced notes, and each kept action once', () => {
    expect(producingGroups(summary).map((group) => group.name)).toEqual(['Jeunesse']);
    expect(keptActions(summary)).toEqual(['Un café', 'Un bus']);
    expect(isEmptyRecap({ ...summary, groups: summary.groups.slice(1), votes: [] })).toBe(true);
  });

  it('follows whether the projector shows it, from the snapshot and then recap.displayed', () => {
    const snapshot = {
      workshop: { id: 'w2', title: 'Atelier 2', date: '', code: 'ABCDEF', boards: [], plenary: { boards: [] } },
      recap: { shown: true },
    } as WorkshopSnapshot;
    const state = workshopStreamType.fromSnapshot(snapshot);
    expect(state.recapShown).toBe(true);
    const hidden = workshopStreamType.events['recap.displayed'](state, { shown: false } as never);
    expect(hidden.recapShown).toBe(false);
    const none = workshopStreamType.fromSnapshot({ ...snapshot, recap: undefined });
    expect(none.recapShown).toBeUndefined();
  });
});
