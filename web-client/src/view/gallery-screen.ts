import type { Screen, ScreenContext } from './context';
import { h, replaceChildren } from './dom';
import { demarcheError, recapView } from './recap-view';

/**
 * `#/x/TOKEN`: the exhibition of a démarche for local actors, read-only: every atelier's boards,
 * closed votes and barometer as they stand now, one atelier after the other. The link reads nothing
 * else and writes nothing: it opens no socket and holds no workshop token.
 */
export function galleryScreen(context: ScreenContext, token: string): Screen {
  const { t } = context;
  const heading = h('h1', { testid: 'gallery-title' }, t.t('gallery.title'));
  const status = h('p', { className: 'muted', testid: 'gallery-status', attrs: { role: 'status' } }, t.t('gallery.loading'));
  const ateliers = h('div', { className: 'gallery-ateliers' });
  const element = h('section', { className: 'screen gallery-screen', testid: 'gallery' }, heading, status, ateliers);

  context.api.gallery(token).then(
    (gallery) => {
      heading.textContent = t.t('gallery.heading', { name: gallery.name });
      document.title = `${heading.textContent} — Parvis`;
      status.textContent = t.t('gallery.readOnly');
      replaceChildren(
        ateliers,
        ...gallery.ateliers.map((atelier) =>
          recapView(t, atelier, 'gallery', t.t('gallery.atelier', { step: atelier.step, title: atelier.title })),
        ),
      );
    },
    (failure) => {
      status.textContent = demarcheError(t, failure);
      status.className = 'form-error';
      status.setAttribute('role', 'alert');
    },
  );
  return { element, destroy: () => undefined };
}
