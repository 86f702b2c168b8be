import { errorCodeOf } from '../model/errors';
import { retentionWarning } from '../model/retention';
import type { WorkshopState } from '../model/workshop-session';
import { JOIN_DISPLAYS, type Board, type JoinDisplay } from '../protocol/messages';
import type { Screen, ScreenContext } from './context';
import { agendaBanner } from './agenda-banner';
import { agendaConsole } from './agenda-console';
import { atelierConsole } from './atelier-console';
import { animatorTeam } from './animator-team';
import { boardModeration } from './board-moderation';
import { absoluteLink, copyText, h, replaceChildren, replaceKeepingFocus } from './dom';
import { linkRow } from './link-row';
import { presentedIndex, steppedBoard } from './plenary-steps';
import { qrCode } from './qr-code';
import { rosterPanel } from './roster-panel';
import { routes } from './router';
import { workshopAdmin, type Renewed } from './workshop-admin';
import { voteConsole } from './vote-console';
import { demarcheConsole } from './demarche-console';

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
  // The agenda's banner and console stay the same nodes: the rest of the screen is redrawn on every event.
  let timerScope: string | null = null;
  const banner = agendaBanner(t, session, { variant: 'console', group: () => timerScope });
  const agenda = agendaConsole(context, session, (group) => (timerScope = group));
  const head = h('div', { className: 'animator-part' }, h('h1', {}, t.t('animator.loading')));
  const body = h('div', { className: 'animator-part' });
  const element = h('section', { className: 'screen animator-screen' }, banner.element, head, agenda.element, body);
  let plenaryChoice: Set<string> | null = null;
  let shownWorkshopId: string | null = null;
  /** Whether the join code lets newcomers in; null until the server has said. */
  let joiningOpen: boolean | null = null;
  let team: HTMLElement | null = null;
  const roster = rosterPanel(context, token, session);
  const demarche = demarcheConsole(context, token, session);
  let votes: ReturnType<typeof voteConsole> | null = null;
  const ateliers = atelierConsole(context, session);
  /** The group asked for by the last step not yet confirmed: a second quick tap steps on from it. */
  let stepTarget: string | null = null;
  /** A code or plenary link the lead animator replaced since the workshop was read. */
  let renewed: Renewed = {};
  const admin = workshopAdmin(context, token, (replaced) => {
    renewed = { ...renewed, ...replaced };
    update();
  });

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
        h('strong', {}, t.known(board.name)),
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

  /** The projector shows the join code large, in a corner or not at all, as the animator asks. */
  function joinDisplayControl(current: JoinDisplay | undefined) {
    return h(
      'div',
      { className: 'join-display', attrs: { role: 'group', 'aria-labelledby': 'join-display-label' } },
      h('span', { className: 'label', id: 'join-display-label' }, t.t('animator.joinDisplay')),
      ...JOIN_DISPLAYS.map((mode) =>
        h(
          'button',
          {
            type: 'button',
            className: 'button secondary',
            testid: `join-display-${mode}`,
            attrs: { 'aria-pressed': current === mode },
            on: { click: () => session.setJoinDisplay(mode).catch(fail) },
          },
          t.t(`animator.joinDisplay.${mode}`),
        ),
      ),
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
    const code = renewed.code ?? workshop.code;
    const joinUrl = absoluteLink(routes.join(code));
    const observerLink = renewed.observerLink ?? state.links?.observer ?? credentials.links(workshop.id)?.observer;
    const deletion = retentionWarning(state.retention, Date.now());
    admin.update(state);
    demarche.update(state);
    votes ??= voteConsole(context, session, workshop.boards, token);
    votes.update(state);
    ateliers.update(state);
    const showing = workshop.boards
      .filter((board) => workshop.plenary.boards.includes(board.id))
      .map((board) => board.name);
    replaceChildren(
      head,
      h('h1', { testid: 'animator-title' }, workshop.title),
      workshop.date && h('p', { className: 'muted' }, longDate(workshop.date, t.language)),
      deletion &&
        h(
          'p',
          { className: 'card warning', testid: 'retention-warning', attrs: { role: 'status' } },
          t.t('animator.retentionWarning', {
            date: new Intl.DateTimeFormat(t.language, { dateStyle: 'full' }).format(deletion),
          }),
        ),
    );
    replaceKeepingFocus(
      body,
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
              attrs: { 'aria-label': t.t('animator.codeSpelled', { code: code.split('').join(' ') }) },
            },
            code,
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
          joinDisplayControl(workshop.joinDisplay),
        ),
      ),
      joiningControl(),
      demarche.element,
      h('h2', {}, t.t('animator.groups')),
      h('ul', { className: 'board-list' }, ...workshop.boards.map((board) => boardRow(board, code, plenary))),
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
      roster.element,
      votes.element,
      ateliers.element,
      (team ??= animatorTeam(context, token, state)),
      admin.element,
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
    agenda.element.hidden = true;
    replaceChildren(body);
    replaceChildren(
      head,
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
      roster.destroy();
      document.removeEventListener('keydown', onKey);
      banner.stop();
      agenda.stop();
      session.stop();
    },
  };
}
