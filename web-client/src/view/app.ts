import { createTranslator, LANGUAGES, saveLanguage, savedLanguage, type Language } from '../i18n';
import type { KeyValueStorage } from '../model/storage';
import { boardScreen } from './board-screen';
import type { Screen, ScreenContext, Services } from './context';
import { h, replaceChildren } from './dom';
import { joinScreen } from './join-screen';
import { parseRoute, type Route } from './router';
import { createToasts } from './toasts';

/** Why the server closed a socket whose token it revoked (docs/protocol.md, "Revocation"). */
const REVOCATIONS = ['removed', 'link_replaced', 'workshop_deleted', 'revoked'] as const;
type RevocationCode = (typeof REVOCATIONS)[number];
const isRevocation = (code: string): code is RevocationCode => (REVOCATIONS as readonly string[]).includes(code);

/**
 * A screen whose code is a chunk of its own, fetched the first time it is shown: a phone on its
 * board never downloads the animator's console, the projector's layout or the exhibition.
 */
function lazyScreen(context: ScreenContext, load: () => Promise<(context: ScreenContext) => Screen>, shown: () => void): Screen {
  const element = h('p', { className: 'screen stack', testid: 'screen-loading', attrs: { role: 'status', 'aria-busy': 'true' } },
    context.t.t('app.loading'));
  let inner: Screen | null = null;
  let destroyed = false;
  load().then(
    (make) => {
      if (destroyed) return;
      inner = make(context);
      element.replaceWith(inner.element);
      shown();
    },
    () => {
      if (destroyed) return;
      element.removeAttribute('aria-busy');
      element.textContent = context.t.error('network');
    },
  );
  return {
    element,
    destroy: () => {
      destroyed = true;
      inner?.destroy();
    },
  };
}

function screenFor(route: Route, context: ScreenContext, shown: () => void): Screen {
  switch (route.screen) {
    case 'join':
      return joinScreen(context, route.code, route.board);
    case 'new':
      return lazyScreen(context, () => import('./new-workshop-screen').then((module) => module.newWorkshopScreen), shown);
    case 'animator': {
      const token = route.token;
      return lazyScreen(context, () => import('./animator-screen').then((module) => (ctx) => module.animatorScreen(ctx, token)), shown);
    }
    case 'board':
      return boardScreen(context, route.boardId);
    case 'plenary': {
      const token = route.token;
      return lazyScreen(context, () => import('./plenary-screen').then((module) => (ctx) => module.plenaryScreen(ctx, token)), shown);
    }
    case 'gallery': {
      const token = route.token;
      return lazyScreen(context, () => import('./gallery-screen').then((module) => (ctx) => module.galleryScreen(ctx, token)), shown);
    }
  }
}

/** The page frame: header with the language switch, the screen of the current route, the toasts. */
export function startApp(root: HTMLElement, services: Services, storage: KeyValueStorage): void {
  let language: Language = savedLanguage(storage);
  let translator = createTranslator(language);
  let screen: Screen | null = null;

  const toasts = createToasts(() => translator.t('action.close'));
  const languageSwitch = h('button', {
    type: 'button',
    className: 'language-switch',
    testid: 'language-switch',
    on: {
      click: () => {
        language = LANGUAGES.find((other) => other !== language) ?? 'fr';
        saveLanguage(storage, language);
        mount();
      },
    },
  });
  const brand = h('a', { className: 'brand', href: '#/' }, 'Parvis');
  const main = h('main', { id: 'main', className: 'main', tabIndex: -1 });
  const skipLink = h('a', { className: 'skip-link', href: '#main' });
  skipLink.addEventListener('click', (event) => {
    event.preventDefault();
    main.focus();
  });
  replaceChildren(
    root,
    skipLink,
    h('header', { className: 'app-header' }, brand, languageSwitch),
    main,
    toasts.element,
  );

  const context = (): ScreenContext => ({
    ...services,
    t: translator,
    storage,
    navigate: (hash) => {
      if (location.hash === hash) mount();
      else location.hash = hash;
    },
    toast: toasts.show,
  });

  function mount(): void {
    translator = createTranslator(language);
    document.documentElement.lang = language;
    const other = LANGUAGES.find((candidate) => candidate !== language) ?? 'fr';
    languageSwitch.textContent = translator.t(`language.${other}`);
    languageSwitch.lang = other;
    skipLink.textContent = translator.t('action.skipToContent');
    brand.setAttribute('aria-label', translator.t('app.home'));

    screen?.destroy();
    const route = parseRoute(location.hash);
    root.dataset.screen = route.screen;
    screen = screenFor(route, context(), titled);
    replaceChildren(main, screen.element);
    titled();
  }

  function titled(): void {
    const heading = main.querySelector('h1');
    document.title = heading?.textContent ? `${heading.textContent} — Parvis` : 'Parvis';
  }

  /** The server revoked this page's token and closed its socket: say why, and stop the screen that used it. */
  function showRevoked(code: RevocationCode): void {
    screen?.destroy();
    screen = null;
    root.dataset.screen = 'revoked';
    replaceChildren(
      main,
      h(
        'section',
        { className: 'screen stack' },
        h('h1', {}, translator.t('revoked.title')),
        h('p', { className: 'form-error', testid: 'revoked-message', attrs: { role: 'alert' } }, translator.t(`revoked.${code}`)),
        h('a', { className: 'button primary', href: '#/' }, translator.t('revoked.home')),
      ),
    );
    document.title = `${translator.t('revoked.title')} — Parvis`;
  }

  services.connection.onBridgeError((code) => {
    if (isRevocation(code)) {
      // On the home or join screen the page no longer uses a token: nothing to stop.
      if (screen && root.dataset.screen !== 'new' && root.dataset.screen !== 'join') showRevoked(code);
      return;
    }
    if (code === 'reload_required') {
      toasts.show(translator.error('reload_required'));
      return;
    }
    toasts.show(translator.error(code === 'access_denied' || code === 'rejected' ? 'access_denied' : 'unknown'));
  });
  window.addEventListener('hashchange', () => {
    mount();
    main.querySelector('h1')?.setAttribute('tabindex', '-1');
    main.querySelector('h1')?.focus();
  });
  mount();
}
