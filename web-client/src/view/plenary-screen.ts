import type { WorkshopState } from '../model/workshop-session';
import type { Board } from '../protocol/messages';
import type { Screen, ScreenContext } from './context';
import { agendaBanner } from './agenda-banner';
import { absoluteLink, h, replaceChildren } from './dom';
import { PlenaryBoard } from './plenary-board';
import { fontBounds, overviewGrid } from './plenary-layout';
import { qrCode } from './qr-code';
import { routes } from './router';
import { createStatusBanner } from './status-banner';
import { plenaryVoteView } from './vote-results';
import type { AtelierSummary } from '../model/recap';
import { recapHeading, recapView } from './recap-view';

interface ShownBoard {
  view: PlenaryBoard;
  stop: () => void;
}

/** The recap's text: 2.6 % of the screen's height at most (28 px at 1080 p), never under 20 px. */
const RECAP_FONT_SHARE = 0.026;
const RECAP_MIN_FONT = 20;

/** Between boards on the overview, in CSS pixels at 1080 p (scaled like the rest). */
const BOARD_GAP_AT_1080 = 24;

/**
 * `#/o/TOKEN`: the projector in the room and remote observers. Read-only and live. Before the
 * animator shows anything, the join code and a QR code fill the screen; then the boards shown take
 * the screen (one board large, several as a grid) and the code moves to a corner. Once an animator
 * chose how the code shows (large, corner, hidden), that choice wins. Nothing else is on it: the
 * connection shows only when it is lost.
 */
export function plenaryScreen(context: ScreenContext, token: string): Screen {
  const { t, connection } = context;
  const session = context.openWorkshop(token);
  const shown = new Map<string, ShownBoard>();
  const heading = h('h1', { className: 'plenary-title', testid: 'plenary-title' }, t.t('plenary.title'));
  const waiting = h('p', { className: 'plenary-waiting', testid: 'plenary-empty' }, t.t('plenary.waiting'));
  const join = h('div', { className: 'plenary-join' });
  const boards = h('div', { className: 'plenary-boards' });
  const vote = h('div', { className: 'plenary-vote', testid: 'plenary-vote', hidden: true });
  // The previous atelier's recap, read once (it never changes), shown while the animator wants it.
  const recap = h('div', { className: 'plenary-recap', testid: 'plenary-recap', hidden: true });
  let recapSummary: AtelierSummary | null = null;
  const banner = createStatusBanner(t);
  const agenda = agendaBanner(t, session, { variant: 'projector' });
  const side = h('div', { className: 'plenary-side' }, heading, agenda.element, banner.element, waiting, join);
  const element = h('section', { className: 'screen plenary-screen', attrs: { 'data-mode': 'start' } }, side, boards, vote, recap);
  let joinCode = '';

  function show(board: Board): ShownBoard {
    const handle = context.watchBoard(board.id, token);
    const view = new PlenaryBoard(t, board.id, board.name);
    const unsubscribe = handle.model.subscribe(() => view.render(handle.model.view));
    view.render(handle.model.view);
    return {
      view,
      stop: () => {
        unsubscribe();
        view.destroy();
        handle.stop();
      },
    };
  }

  function renderJoin(code: string): void {
    if (joinCode === code) return;
    joinCode = code;
    const joinUrl = absoluteLink(routes.join(code));
    replaceChildren(
      join,
      h('p', { className: 'plenary-join-label' }, t.t('plenary.join')),
      h('p', { className: 'plenary-join-how' }, t.t('plenary.joinHow', { site: location.host })),
      h(
        'p',
        {
          className: 'join-code',
          testid: 'plenary-code',
          attrs: { 'aria-label': t.t('animator.codeSpelled', { code: code.split('').join(' ') }) },
        },
        code,
      ),
      h(
        'div',
        { className: 'plenary-qr', testid: 'plenary-qr' },
        qrCode(joinUrl, t.t('animator.qrLabel', { url: joinUrl })),
      ),
    );
  }

  /**
   * The recap takes the largest text that fits the screen, from 2.6 % of its height down to
   * RECAP_MIN_FONT; what is longer still is cut (phones and the exhibition show it whole).
   */
  function fitRecap(): void {
    if (recap.hidden) return;
    let size = Math.round(window.innerHeight * RECAP_FONT_SHARE);
    recap.style.setProperty('--recap-font', `${size}px`);
    while (recap.scrollHeight > recap.clientHeight && size > RECAP_MIN_FONT) {
      size -= 1;
      recap.style.setProperty('--recap-font', `${size}px`);
    }
  }

  /** The grid and the text sizes follow the number of boards and the screen's size. */
  function layOut(): void {
    fitRecap();
    const count = shown.size;
    const gap = Math.round((BOARD_GAP_AT_1080 * window.innerHeight) / 1080);
    const zones = Math.max(1, ...[...shown.keys()].map((id) => zoneCountOf(id)));
    const grid = overviewGrid(count, boards.clientWidth, boards.clientHeight, zones, gap);
    boards.style.setProperty('--plenary-columns', String(grid.columns));
    boards.style.setProperty('--plenary-rows', String(grid.rows));
    boards.style.setProperty('--plenary-gap', `${gap}px`);
    element.dataset.boards = String(count);
    const bounds = fontBounds(count, window.innerHeight);
    shown.forEach((board) => board.view.setBounds(bounds));
  }

  function zoneCountOf(boardId: string): number {
    return session.state?.workshop.boards.find((board) => board.id === boardId)?.zones.length ?? 1;
  }

  function render(state: WorkshopState): void {
    const { workshop } = state;
    heading.textContent = workshop.title;
    renderJoin(workshop.code);
    const wanted = workshop.boards.filter((board) => workshop.plenary.boards.includes(board.id));
    for (const [id, board] of shown) {
      if (!wanted.some((candidate) => candidate.id === id)) {
        board.stop();
        shown.delete(id);
      }
    }
    for (const board of wanted) if (!shown.has(board.id)) shown.set(board.id, show(board));
    const shownVote = state.votes.find((candidate) => candidate.vote.id === state.plenaryVote);
    const display = workshop.joinDisplay ?? (wanted.length ? 'corner' : 'large');
    const showRecap = state.recapShown === true && recapSummary !== null;
    element.dataset.mode = showRecap ? 'recap' : shownVote ? 'vote' : display === 'large' ? 'start' : 'boards';
    join.hidden = display === 'hidden';
    waiting.hidden = showRecap || wanted.length > 0 || shownVote !== undefined;
    boards.hidden = showRecap || shownVote !== undefined;
    vote.hidden = showRecap || shownVote === undefined;
    recap.hidden = !showRecap;
    replaceChildren(vote, shownVote && plenaryVoteView(t, shownVote));
    replaceChildren(boards, ...wanted.map((board) => shown.get(board.id)?.view.element));
    layOut();
  }

  function update(): void {
    if (session.state) render(session.state);
    else if (session.error) {
      waiting.textContent = t.linkError(session.error, 'observer');
      waiting.setAttribute('role', 'alert');
      // The socket may well be connected; next to this error "Connecté" would only mislead.
      banner.element.hidden = true;
    }
  }

  const updateBanner = () => {
    banner.update(connection.status, false, 0);
    banner.element.hidden = connection.status === 'connected';
  };
  const resize = new ResizeObserver(layOut);
  resize.observe(boards);
  resize.observe(recap);
  // A remote observer who reads slower (or faster) than the room turns the pages by keyboard.
  const onKey = (event: KeyboardEvent) => {
    const forward = event.key === 'ArrowRight' || event.key === 'PageDown';
    const direction = forward ? 1 : event.key === 'ArrowLeft' || event.key === 'PageUp' ? -1 : 0;
    if (!direction || event.altKey || event.ctrlKey || event.metaKey || shown.size === 0) return;
    event.preventDefault();
    shown.forEach((board) => board.view.turnPage(direction));
  };
  document.addEventListener('keydown', onKey);
  context.api.recap(token).then(
    (answer) => {
      recapSummary = answer.recap;
      if (recapSummary) replaceChildren(recap, recapView(t, recapSummary, 'projector', recapHeading(t, recapSummary)));
      update();
    },
    () => undefined,
  );
  const stops = [
    session.subscribe(update),
    connection.onStatusChange(updateBanner),
    () => resize.disconnect(),
    () => document.removeEventListener('keydown', onKey),
  ];
  update();
  updateBanner();

  return {
    element,
    destroy: () => {
      stops.forEach((stop) => stop());
      agenda.stop();
      shown.forEach((board) => board.stop());
      session.stop();
    },
  };
}
