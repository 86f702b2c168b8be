import { errorCodeOf } from '../model/errors';
import type { WorkshopState } from '../model/workshop-session';
import type { Board } from '../protocol/messages';
import type { Screen, ScreenContext } from './context';
import { animatorTeam } from './animator-team';
import { boardModeration } from './board-moderation';
import { absoluteLink, copyText, h, replaceChildren, replaceKeepingFocus } from './dom';
import { linkRow } from './link-row';
import { presentedIndex, steppedBoard } from './plenary-steps';
import { qrCode } from './qr-code';
import { routes } from './router';

/** `2026-11-23` as "lundi 23 novembre 2026"; anything else as it is. */
function longDate(date: string, language: string): string {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(date) ? new Date(`${date}T00:00:00Z`) : null;
  if (!day || Number.isNaN(day.getTime())) return date;
  return new Intl.DateTimeFormat(language, { dateStyle: 'full', timeZone: 'UTC' }).format(day);
}

/** `#/a/TOKEN`: the code to share, the links, the groups, and what the plenary shows. */
export function animatorScreen(context: ScreenContext, token: string): Screen {
  const { t, credentials } = context;
  const session = context.openWorkshop(token);
  const element = h('section', { className: 'screen animator-screen' }, h('h1', {}, t.t('animator.loading')));
  let plenaryChoice: Set<string> | null = null;
  let shownWorkshopId: string | null = null;
  /** Whether the join code lets newcomers in; null until the server has said. */
  let joiningOpen: boolean | null = null;
  let team: HTMLElement | null = null;
  /** The group asked for by the last step not yet confirmed: a second quick tap steps on from it. */
  let stepTarget: string | null = null;

  const fail = (error: unknown) => context.toast(t.error(errorCodeOf(error)));
  const moderation = boardModeration(context, session, () => update());

  function boardRow(board: Board, code: string, plenary: Set<string>) {
    const groupLink = absoluteLink(routes.join(code, board.id));
    const checkbox = h('input', {
      type: 'checkbox',
      checked: plenary.has(board.id),
      testid: 'plenary-checkbox',
      attrs: { 'data-board-id': board.id },
      on: { change: () => (checkbox.checked ? plenary.add(board.id) : plenary.delete(board.id)) },
    });
    const lock = h(
      'button',
      {
        type: 'button',
        className: 'button secondary',
        testid: 'lock-toggle',
        attrs: { 'data-board-id': board.id, 'data-locked': board.locked },
        on: { click: () => session.setBoardLocked(board.id, !board.locked).catch(fail) },
      },
      t.t(board.locked ? 'animator.unlock' : 'animator.lock'),
    );
    return h(
      'li',
      { className: 'board-row', testid: 'board-row', attrs: { 'data-board-id': board.id } },
      h(
        'div',
        { className: 'board-row-name' },
        h('strong', {}, board.name),
        h('span', { className: 'muted' }, t.t(`template.${board.template}`)),
        board.locked && h('span', { className: 'badge' }, t.t('animator.locked')),
        board.mode === 'private' && h('span', { className: 'badge', testid: 'private-badge' }, t.t('animator.private')),
      ),
      h(
        'div',
        { className: 'board-row-actions' },
        h(
          'a',
          {
            className: 'button primary',
            href: routes.board(board.id),
            testid: 'open-board',
            attrs: { 'data-board-id': board.id },
          },
          t.t('animator.open'),
        ),
        lock,
        h('label', { className: 'choice' }, checkbox, t.t('animator.inPlenary')),
      ),
      moderation(board),
      // A link (and QR code, once shared) that puts whoever follows it in this group, chosen by the animator.
      h(
        'p',
        { className: 'board-row-link' },
        h('a', { href: groupLink, testid: 'group-join-link', attrs: { 'data-board-id': board.id } }, t.t('animator.groupLink', { name: board.name })),
        h(
          'button',
          {
            type: 'button',
            className: 'button ghost',
            testid: 'copy-group-link',
            attrs: { 'data-board-id': board.id, 'aria-label': t.t('animator.copyGroupLink', { name: board.name }) },
            on: { click: async () => context.toast(t.t((await copyText(groupLink)) ? 'animator.copied' : 'animator.copyFailed')) },
          },
          t.t('action.copy'),
        ),
      ),
    );
  }

  function step(direction: 1 | -1): void {
    const workshop = session.state?.workshop;
    if (!workshop) return;
    const boardIds = workshop.boards.map((board) => board.id);
    const target = steppedBoard(boardIds, stepTarget ? [stepTarget] : workshop.plenary.boards, direction);
    if (!target) return;
    stepTarget = target;
    update();
    session
      .showPlenary([target])
      .catch(fail)
      .finally(() => {
        if (stepTarget === target) stepTarget = null;
        update();
      });
  }

  /** Presentation remotes send Page Up and Page Down; arrows stay with the fields and checkboxes. */
  const onKey = (event: KeyboardEvent) => {
    const direction = event.key === 'PageDown' ? 1 : event.key === 'PageUp' ? -1 : 0;
    const target = event.target as HTMLElement | null;
    const modified = event.altKey || event.ctrlKey || event.metaKey;
    if (!direction || modified || target?.closest('input, textarea, select')) return;
    event.preventDefault();
    step(direction);
  };
  document.addEventListener('keydown', onKey);

  function stepControls(boards: Board[], shownIds: string[]) {
    const boardIds = boards.map((board) => board.id);
    const current = presentedIndex(boardIds, stepTarget ? [stepTarget] : shownIds);
    const stepButton = (direction: 1 | -1) => {
      const atEnd = current >= 0 && !steppedBoard(boardIds, [boardIds[current]!], direction);
      return h(
        'button',
        {
          type: 'button',
          className: 'button secondary large',
          testid: direction > 0 ? 'plenary-next' : 'plenary-previous',
          attrs: {
            'aria-keyshortcuts': direction > 0 ? 'PageDown' : 'PageUp',
            'aria-disabled': atEnd,
            'aria-describedby': 'plenary-step',
          },
          on: { click: () => step(direction) },
        },
        t.t(direction > 0 ? 'animator.stepNext' : 'animator.stepPrevious'),
      );
    };
    return h(
      'section',
      { className: 'plenary-steps card', attrs: { 'aria-labelledby': 'plenary-steps-title' } },
      h('h2', { id: 'plenary-steps-title' }, t.t('animator.stepTitle')),
      h(
        'p',
        { className: 'plenary-steps-current', id: 'plenary-step', testid: 'plenary-step' },
        current >= 0
          ? t.t('animator.stepCurrent', { index: current + 1, count: boards.length, board: boards[current]!.name })
          : t.t('animator.stepNone'),
      ),
      h('div', { className: 'plenary-steps-buttons' }, stepButton(-1), stepButton(1)),
      h('p', { className: 'help' }, t.t('animator.stepHelp')),
    );
  }

  function joiningControl() {
    if (joiningOpen === null) return null;
    const open = joiningOpen;
    return h(
      'div',
      { className: 'joining card' },
      h('p', { testid: 'joining-state' }, t.t(open ? 'animator.joiningOpen' : 'animator.joiningClosed')),
      h(
        'button',
        {
          type: 'button',
          className: 'button secondary',
          testid: 'joining-toggle',
          on: {
            click: () =>
              context.api.setJoiningOpen(token, !open).then((now) => {
                joiningOpen = now;
                update();
              }, fail),
          },
        },
        t.t(open ? 'animator.closeJoining' : 'animator.openJoining'),
      ),
    );
  }

  function render(state: WorkshopState): void {
    const { workshop } = state;
    if (shownWorkshopId !== workshop.id) {
      shownWorkshopId = workshop.id;
      credentials.save(workshop.id, { token, role: 'animator' });
    }
    const plenary = (plenaryChoice ??= new Set(workshop.plenary.boards));
    const joinUrl = absoluteLink(routes.join(workshop.code));
    const observerLink = state.links?.observer ?? credentials.links(workshop.id)?.observer;
    const showing = workshop.boards
      .filter((board) => workshop.plenary.boards.includes(board.id))
      .map((board) => board.name);
    replaceKeepingFocus(
      element,
      h('h1', { testid: 'animator-title' }, workshop.title),
      workshop.date && h('p', { className: 'muted' }, longDate(workshop.date, t.language)),
      h(
        'div',
        { className: 'share card' },
        h(
          'div',
          { className: 'share-code' },
          h('p', { className: 'label' }, t.t('animator.code')),
          h(
            'p',
            {
              className: 'join-code',
              testid: 'animator-code',
              attrs: { 'aria-label': t.t('animator.codeSpelled', { code: workshop.code.split('').join(' ') }) },
            },
            workshop.code,
          ),
        ),
        h(
          'div',
          { className: 'share-qr', testid: 'join-qr' },
          qrCode(joinUrl, t.t('animator.qrLabel', { url: joinUrl })),
        ),
        h(
          'div',
          { className: 'share-links stack' },
          linkRow(context, t.t('animator.joinLink'), joinUrl, 'join-link'),
          observerLink
            ? linkRow(context, t.t('animator.observerLink'), absoluteLink(observerLink), 'observer-link')
            : h('p', { className: 'help' }, t.t('animator.observerLinkUnknown')),
        ),
      ),
      joiningControl(),
      h('h2', {}, t.t('animator.groups')),
      h('ul', { className: 'board-list' }, ...workshop.boards.map((board) => boardRow(board, workshop.code, plenary))),
      h(
        'div',
        { className: 'plenary-controls card' },
        h(
          'p',
          { testid: 'plenary-current' },
          showing.length
            ? t.t('animator.plenaryShowing', { boards: showing.join(', ') })
            : t.t('animator.plenaryEmpty'),
        ),
        h(
          'button',
          {
            type: 'button',
            className: 'button primary large',
            testid: 'plenary-push',
            on: {
              click: () =>
                session
                  .showPlenary(workshop.boards.filter((board) => plenary.has(board.id)).map((board) => board.id))
                  .then(() => context.toast(t.t('animator.plenaryPushed')), fail),
            },
          },
          t.t('animator.pushPlenary'),
        ),
        observerLink &&
          h(
            'a',
            { className: 'button secondary', href: absoluteLink(observerLink), target: '_blank', rel: 'noopener' },
            t.t('animator.openPlenary'),
          ),
      ),
      stepControls(workshop.boards, workshop.plenary.boards),
      (team ??= animatorTeam(context, token, state)),
    );
  }

  function update(): void {
    const { state } = session;
    if (state?.role === 'animator') {
      render(state);
      return;
    }
    const error = state ? 'forbidden' : session.error;
    if (!error) return;
    replaceChildren(
      element,
      h('h1', {}, t.t('animator.title')),
      h('p', { className: 'form-error', testid: 'animator-error', attrs: { role: 'alert' } }, t.linkError(error, 'animator')),
    );
  }

  const unsubscribe = session.subscribe(update);
  update();
  context.api.joiningOpen(token).then((open) => {
    joiningOpen = open;
    update();
  }, fail);
  return {
    element,
    destroy: () => {
      unsubscribe();
      document.removeEventListener('keydown', onKey);
      session.stop();
    },
  };
}
