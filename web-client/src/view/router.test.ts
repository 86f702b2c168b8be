import { describe, expect, it } from 'vitest';
import { parseRoute, routes } from './router';

describe('routes', () => {
  it('reads every route of the client from the hash', () => {
    expect(parseRoute('')).toEqual({ screen: 'join' });
    expect(parseRoute('#/')).toEqual({ screen: 'join' });
    expect(parseRoute('#/j/k7p2qx')).toEqual({ screen: 'join', code: 'k7p2qx' });
    expect(parseRoute('#/new')).toEqual({ screen: 'new' });
    expect(parseRoute('#/a/Abc_-9')).toEqual({ screen: 'animator', token: 'Abc_-9' });
    expect(parseRoute('#/b/w1-2')).toEqual({ screen: 'board', boardId: 'w1-2' });
    expect(parseRoute('#/o/tok')).toEqual({ screen: 'plenary', token: 'tok' });
    expect(parseRoute('#/x/tok')).toEqual({ screen: 'gallery', token: 'tok' });
    expect(parseRoute('#/b/')).toEqual({ screen: 'join' });
    expect(parseRoute('#/unknown/x/y')).toEqual({ screen: 'join' });
    expect(parseRoute('#/j/K7P2QX/w1-3')).toEqual({ screen: 'join', code: 'K7P2QX', board: 'w1-3' });
    expect(parseRoute('#/b/w1-2/x')).toEqual({ screen: 'join' });
  });

  it('writes the hashes it reads', () => {
    expect(parseRoute(routes.board('w1-2'))).toEqual({ screen: 'board', boardId: 'w1-2' });
    expect(parseRoute(routes.join('K7P2QX'))).toEqual({ screen: 'join', code: 'K7P2QX' });
    expect(parseRoute(routes.join('K7P2QX', 'w1-3'))).toEqual({ screen: 'join', code: 'K7P2QX', board: 'w1-3' });
    expect(routes.join()).toBe('#/');
    expect(parseRoute(routes.gallery('g_1'))).toEqual({ screen: 'gallery', token: 'g_1' });
  });
});
