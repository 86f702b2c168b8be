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
/** A very tall board is shrunk to fit the screen's height, but never below this share of its width fit. */
const MIN_HEIGHT_ZOOM = 0.5;
/** Room kept below the boards: the screen's bottom padding. */
const FIT_MARGIN = 24;
/** Side by side (as on a projector or a laptop) rather than stacked (as on a phone); matches styles.css. */
const WIDE_SCREEN = '(min-width: 48rem)';

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
  const header = h(
    'div',
    { className: 'plenary-header' },
    h('div', { className: 'plenary-heading' }, heading, banner.element),
    corner,
  );
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
      const widthZoom = scroller.clientWidth / width;
      // Nobody scrolls a projector: on a wide screen the whole board must fit below its title.
      const currentZoom = Number(canvas.element.style.zoom) || 1;
      const naturalHeight = canvas.element.getBoundingClientRect().height / currentZoom;
      const room = window.innerHeight - scroller.getBoundingClientRect().top - FIT_MARGIN;
      const wide = window.matchMedia(WIDE_SCREEN).matches;
      const heightZoom = wide && naturalHeight > 0 && room > 0 ? room / naturalHeight : Infinity;
      const zoom = Math.min(MAX_ZOOM, widthZoom, Math.max(MIN_HEIGHT_ZOOM * widthZoom, heightZoom));
      canvas.element.style.zoom = String(Math.round(zoom * 1000) / 1000);
    };
    const render = () => {
      const view = handle.model.view;
      if (view.board) title.textContent = view.board.name;
      canvas.render(view);
      fit();
    };
    // Refit when the room changes: the board's width, or what sits above it (the title, the header
    // growing when its QR code arrives).
    const resize = new ResizeObserver(fit);
    [scroller, title, header].forEach((observed) => resize.observe(observed));
    window.addEventListener('resize', fit);
    const unsubscribe = handle.model.subscribe(render);
    render();
    return {
      section,
      stop: () => {
        unsubscribe();
        resize.disconnect();
        window.removeEventListener('resize', fit);
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
    // Each board's column is as wide as its zones need, so the notes of every board show at one size.
    boards.style.setProperty(
      '--plenary-columns',
      wanted.length ? wanted.map((board) => `minmax(0, ${Math.max(1, board.zones.length)}fr)`).join(' ') : '1fr',
    );
    replaceChildren(boards, ...wanted.map((board) => shown.get(board.id)?.section));
    waiting.hidden = wanted.length > 0;
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

  const updateBanner = () => banner.update(connection.status, false, 0);
  const stops = [session.subscribe(update), connection.onStatusChange(updateBanner)];
  update();
  updateBanner();

  const element = h('section', { className: 'screen plenary-screen' }, header, waiting, boards);
  return {
    element,
    destroy: () => {
      stops.forEach((stop) => stop());
      shown.forEach((board) => board.stop());
      session.stop();
    },
  };
}
