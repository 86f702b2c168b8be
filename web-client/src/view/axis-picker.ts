import { errorCodeOf } from '../model/errors';
import { axisBoards } from '../model/axes';
import type { WorkshopSession } from '../model/workshop-session';
import type { ScreenContext } from './context';
import { h, replaceChildren } from './dom';
import { routes } from './router';

/**
 * A participant's choice of thematic axis, on its phone: one large button per axis while the group
 * menu is open, its own marked; choosing one joins that axis's group and opens its board.
 */
export function axisPicker(context: ScreenContext, session: WorkshopSession): { element: HTMLElement; update(): void } {
  const { t } = context;
  const fail = (error: unknown) => context.toast(t.error(errorCodeOf(error)));
  const element = h('section', {
    className: 'axis-picker card',
    testid: 'axis-picker',
    hidden: true,
    attrs: { 'aria-labelledby': 'axis-picker-title' },
  });
  let shown = '';

  function choose(board: string): void {
    session.chooseAxis(board).then(() => context.navigate(routes.board(board)), fail);
  }

  function update(): void {
    const state = session.state;
    const axes = state?.role === 'participant' && !state.workshop.groupsLocked ? axisBoards(state.workshop.boards) : [];
    element.hidden = axes.length === 0;
    const own = state?.participant?.board;
    const key = `${axes.map((board) => `${board.id}:${board.name}`).join('|')}>${own}`;
    // Rebuilt only when the axes or one's own change: never under a finger for someone else's move.
    if (key === shown) return;
    shown = key;
    replaceChildren(
      element,
      h('h2', { id: 'axis-picker-title' }, t.t('axes.choose')),
      h(
        'ul',
        { className: 'axis-choices' },
        ...axes.map((board) =>
          h(
            'li',
            {},
            h(
              'button',
              {
                type: 'button',
                className: `button large ${board.id === own ? 'primary' : 'secondary'}`,
                testid: 'axis-choice',
                attrs: { 'aria-pressed': String(board.id === own), 'data-board-id': board.id },
                on: { click: () => choose(board.id) },
              },
              board.name,
              board.id === own && h('span', { className: 'axis-mine' }, ` — ${t.t('axes.mine')}`),
            ),
          ),
        ),
      ),
    );
  }

  return { element, update };
}
