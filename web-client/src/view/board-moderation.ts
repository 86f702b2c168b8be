import { errorCodeOf } from '../model/errors';
import type { WorkshopSession } from '../model/workshop-session';
import type { Board, DeletedNote } from '../protocol/messages';
import type { ScreenContext } from './context';
import { h } from './dom';

/**
 * The console's part of each board that is about its notes: private writing and the reveal (named
 * or anonymous), whether everyone edits every note, and the trash of deleted notes to restore.
 * Made once per console: it keeps the choices that outlive a render.
 */
export function boardModeration(context: ScreenContext, session: WorkshopSession, rerender: () => void) {
  const { t } = context;
  const anonymous = new Set<string>();
  /** The board whose trash is open, and what it held when last read. */
  let trash: { board: string; deleted: DeletedNote[] } | null = null;
  const fail = (error: unknown) => context.toast(t.error(errorCodeOf(error)));

  function openTrash(board: string): void {
    session.trash(board).then((deleted) => {
      trash = { board, deleted };
      rerender();
    }, fail);
  }

  function trashList(board: Board) {
    if (trash?.board !== board.id) return null;
    const time = new Intl.DateTimeFormat(t.language, { timeStyle: 'short' });
    return h(
      'section',
      { className: 'trash stack-tight', testid: 'trash', attrs: { 'aria-label': t.t('animator.trashTitle', { name: board.name }) } },
      h('h3', {}, t.t('animator.trashTitle', { name: board.name })),
      trash.deleted.length === 0
        ? h('p', { className: 'muted' }, t.t('animator.trashEmpty'))
        : h(
            'ul',
            { className: 'trash-list' },
            ...trash.deleted.map((entry) =>
              h(
                'li',
                { testid: 'trash-entry', attrs: { 'data-note-id': entry.note.id } },
                h('p', { className: 'trash-text' }, entry.note.text),
                h(
                  'p',
                  { className: 'muted' },
                  entry.byName === ''
                    ? t.t('animator.trashEntryAnonymous', { time: time.format(entry.at) })
                    : t.t('animator.trashEntry', { name: entry.byName, time: time.format(entry.at) }),
                ),
                h(
                  'button',
                  {
                    type: 'button',
                    className: 'button secondary',
                    testid: 'trash-restore',
                    on: {
                      click: () =>
                        session.restoreNote(board.id, entry.note.id).then(() => {
                          context.toast(t.t('animator.restored'));
                          openTrash(board.id);
                        }, fail),
                    },
                  },
                  t.t('animator.restore'),
                ),
              ),
            ),
          ),
    );
  }

  return function controls(board: Board) {
    const inPrivate = board.mode === 'private';
    const anonymousChoice = h('input', {
      type: 'checkbox',
      checked: anonymous.has(board.id),
      testid: 'reveal-anonymous',
      on: { change: () => (anonymousChoice.checked ? anonymous.add(board.id) : anonymous.delete(board.id)) },
    });
    const anyoneEdits = h('input', {
      type: 'checkbox',
      checked: board.anyoneEdits,
      testid: 'anyone-edits',
      on: { change: () => session.configureBoard(board.id, board.mode, anyoneEdits.checked).catch(fail) },
    });
    return h(
      'div',
      { className: 'board-moderation stack-tight', attrs: { 'data-board-id': board.id } },
      h(
        'div',
        { className: 'board-row-actions' },
        h(
          'button',
          {
            type: 'button',
            className: 'button secondary',
            testid: 'private-toggle',
            attrs: { 'aria-pressed': inPrivate },
            on: { click: () => session.configureBoard(board.id, inPrivate ? 'open' : 'private', board.anyoneEdits).catch(fail) },
          },
          t.t(inPrivate ? 'animator.privateOff' : 'animator.privateOn'),
        ),
        h(
          'button',
          {
            type: 'button',
            className: 'button primary',
            testid: 'reveal',
            on: {
              click: () =>
                session
                  .revealBoard(board.id, anonymous.has(board.id))
                  .then(() => context.toast(t.t('animator.revealed', { name: board.name })), fail),
            },
          },
          t.t('animator.reveal'),
        ),
        h('label', { className: 'choice' }, anonymousChoice, t.t('animator.anonymous')),
      ),
      h(
        'div',
        { className: 'board-row-actions' },
        h('label', { className: 'choice' }, anyoneEdits, t.t('animator.anyoneEdits')),
        h(
          'button',
          {
            type: 'button',
            className: 'button ghost',
            testid: 'trash-open',
            attrs: { 'aria-expanded': trash?.board === board.id },
            on: {
              click: () => {
                if (trash?.board === board.id) {
                  trash = null;
                  rerender();
                } else openTrash(board.id);
              },
            },
          },
          t.t('animator.trash'),
        ),
      ),
      trashList(board),
    );
  };
}
