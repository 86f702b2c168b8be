export type Route =
  | { screen: 'join'; code?: string }
  | { screen: 'new' }
  | { screen: 'animator'; token: string }
  | { screen: 'board'; boardId: string }
  | { screen: 'plenary'; token: string };

/** `#/`, `#/j/CODE`, `#/new`, `#/a/TOKEN`, `#/b/BOARD`, `#/o/TOKEN`; anything else is the join screen. */
export function parseRoute(hash: string): Route {
  const [, prefix = '', value = ''] = /^#\/([a-z]+)?\/?([^/]*)$/.exec(hash) ?? [];
  const parameter = decodeURIComponent(value);
  switch (prefix) {
    case 'new':
      return { screen: 'new' };
    case 'j':
      return { screen: 'join', code: parameter };
    case 'a':
      return parameter ? { screen: 'animator', token: parameter } : { screen: 'join' };
    case 'b':
      return parameter ? { screen: 'board', boardId: parameter } : { screen: 'join' };
    case 'o':
      return parameter ? { screen: 'plenary', token: parameter } : { screen: 'join' };
    default:
      return { screen: 'join' };
  }
}

export const routes = {
  join: (code?: string) => (code ? `#/j/${encodeURIComponent(code)}` : '#/'),
  newWorkshop: () => '#/new',
  animator: (token: string) => `#/a/${encodeURIComponent(token)}`,
  board: (boardId: string) => `#/b/${encodeURIComponent(boardId)}`,
  plenary: (token: string) => `#/o/${encodeURIComponent(token)}`,
};
