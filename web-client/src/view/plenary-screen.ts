import type { WorkshopState } from '../model/workshop-session';
import type { Board } from '../protocol/messages';
import { BoardCanvas } from './board-canvas';
import type { Screen, ScreenContext } from './context';
import { absoluteLink, h, replaceChildren } from './dom';
import { canvasWidth } from './geometry';
import { qrCode } from './qr-code';
import { routes } from './router';
import { createStatusBanner } from './status-banner';

interface ShownBoard {
  section: HTMLElement;
  stop: () => void;
}

/** Large boards never grow past this on a big screen, so a single note stays readable but whole. */
const MAX_ZOOM = 2.5;

/** `#/o/TOKEN`: the plenary screen and remote observers. Read-only, live, the boards side by side. */
export function plenaryScreen(context: ScreenContext, token: string): Screen {
  const { t, connection } = context;
  const session = context.openWorkshop(token);
  const shown = new Map<string, ShownBoard>();
  const heading = h('h1', { className: 'plenary-title', testid: 'plenary-title' }, t.t('plenary.title'));
  const corner = h('aside', { className: 'plenary-corner' });
  const boards = h('div', { className: 'plenary-boards' });
  const waiting = h('p', { className: 'plenary-waiting', testid: 'plenary-empty' }, t.t('plenary.waiting'));
  const banner = createStatusBanner(t);
  let cornerCode = '';

  function show(board: Board): ShownBoard {
    const handle = context.watchBoard(board.id, token);
    const scroller = h('div', { className: 'plenary-board-scroller' });
    const canvas = new BoardCanvas(t, scroller, null);
    scroller.append(canvas.element);
    const title = h('h2', {}, board.name);
    const section = h(
      'section',
      { className: 'plenary-board', testid: 'plenary-board', attrs: { 'data-board-id': board.id } },
      title,
      scroller,
    );
    const fit = () => {
      const width = canvasWidth(handle.model.view.board?.zones.length ?? 1);
      canvas.element.style.zoom = String(Math.min(MAX_ZOOM, scroller.clientWidth / width));
    };
    const render = () => {
      const view = handle.model.view;
      if (view.board) title.textContent = view.board.name;
      canvas.render(view);
      fit();
    };
    const resize = new ResizeObserver(fit);
    resize.observe(scroller);
    const unsubscribe = handle.model.subscribe(render);
    render();
    return {
      section,
      stop: () => {
        unsubscribe();
        resize.disconnect();
        handle.stop();
      },
    };
  }

  function render(state: WorkshopState): void {
    const { workshop } = state;
    heading.textContent = workshop.title;
    if (cornerCode !== workshop.code) {
      cornerCode = workshop.code;
      const joinUrl = absoluteLink(routes.join(workshop.code));
      replaceChildren(
        corner,
        h('p', { className: 'label' }, t.t('plenary.join')),
        h('p', { className: 'join-code', testid: 'plenary-code' }, workshop.code),
        h(
          'div',
          { className: 'plenary-qr', testid: 'plenary-qr' },
          qrCode(joinUrl, t.t('animator.qrLabel', { url: joinUrl })),
        ),
      );
    }
    const wanted = workshop.boards.filter((board) => workshop.plenary.boards.includes(board.id));
    for (const [id, board] of shown) {
      if (!wanted.some((candidate) => candidate.id === id)) {
        board.stop();
        shown.delete(id);
      }
    }
    for (const board of wanted) if (!shown.has(board.id)) shown.set(board.id, show(board));
    boards.style.setProperty('--columns', String(Math.max(1, wanted.length)));
    replaceChildren(boards, ...wanted.map((board) => shown.get(board.id)?.section));
    waiting.hidden = wanted.length > 0;
  }

  function update(): void {
    if (session.state) render(session.state);
    else if (session.error) waiting.textContent = t.error(session.error);
  }

  const updateBanner = () => banner.update(connection.status, false, 0);
  const stops = [session.subscribe(update), connection.onStatusChange(updateBanner)];
  update();
  updateBanner();

  const element = h(
    'section',
    { className: 'screen plenary-screen' },
    h(
      'div',
      { className: 'plenary-header' },
      h('div', { className: 'plenary-heading' }, heading, banner.element),
      corner,
    ),
    waiting,
    boards,
  );
  return {
    element,
    destroy: () => {
      stops.forEach((stop) => stop());
      shown.forEach((board) => board.stop());
      session.stop();
    },
  };
}
