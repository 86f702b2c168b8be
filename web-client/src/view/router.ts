export type Route =
  | { screen: 'join'; code?: string; board?: string }
  | { screen: 'new' }
  | { screen: 'animator'; token: string }
  | { screen: 'board'; boardId: string }
  | { screen: 'plenary'; token: string }
  | { screen: 'gallery'; token: string };

/**
 * `#/`, `#/j/CODE`, `#/j/CODE/BOARD` (a group's own link), `#/new`, `#/a/TOKEN`, `#/b/BOARD`,
 * `#/o/TOKEN`, `#/x/TOKEN` (a démarche's exhibition); anything else is the join screen.
 */
export function parseRoute(hash: string): Route {
  const [, prefix = '', value = '', extra] = /^#\/([a-z]+)?\/?([^/]*)(?:\/([^/]+))?$/.exec(hash) ?? [];
  const parameter = decodeURIComponent(value);
  if (extra !== undefined && prefix !== 'j') return { screen: 'join' };
  switch (prefix) {
    case 'new':
      return { screen: 'new' };
    case 'j':
      return extra ? { screen: 'join', code: parameter, board: decodeURIComponent(extra) } : { screen: 'join', code: parameter };
    case 'a':
      return parameter ? { screen: 'animator', token: parameter } : { screen: 'join' };
    case 'b':
      return parameter ? { screen: 'board', boardId: parameter } : { screen: 'join' };
    case 'o':
      return parameter ? { screen: 'plenary', token: parameter } : { screen: 'join' };
    case 'x':
      return parameter ? { screen: 'gallery', token: parameter } : { screen: 'join' };
    default:
      return { screen: 'join' };
  }
}

export const routes = {
  join: (code?: string, board?: string) =>
    code ? `#/j/${encodeURIComponent(code)}${board ? `/${encodeURIComponent(board)}` : ''}` : '#/',
  newWorkshop: () => '#/new',
  animator: (token: string) => `#/a/${encodeURIComponent(token)}`,
  board: (boardId: string) => `#/b/${encodeURIComponent(boardId)}`,
  plenary: (token: string) => `#/o/${encodeURIComponent(token)}`,
  gallery: (token: string) => `#/x/${encodeURIComponent(token)}`,
};
