import type { DemarcheInfo } from '../model/recap';
import type { WorkshopSession, WorkshopState } from '../model/workshop-session';
import type { ScreenContext } from './context';
import { absoluteLink, h, replaceKeepingFocus } from './dom';
import { linkRow } from './link-row';
import { demarcheError } from './recap-view';
import { routes } from './router';

const LAST_ATELIER = 4;

/**
 * On the animator's console of an atelier of a démarche: which atelier of which démarche, the
 * recap shown or hidden on the projector, the exhibition's link, and, for the lead animator,
 * "Préparer l'atelier suivant", which opens the new atelier's console (new code, new links).
 */
export function demarcheConsole(context: ScreenContext, token: string, session: WorkshopSession) {
  const { t, api, credentials } = context;
  const element = h('section', { className: 'demarche card', testid: 'demarche', hidden: true, attrs: { 'aria-labelledby': 'demarche-title' } });
  let demarche: DemarcheInfo | null = null;
  let busy = false;
  let state: WorkshopState | null = null;

  async function prepareNext(): Promise<void> {
    if (busy) return;
    busy = true;
    render();
    try {
      const created = await api.prepareNextAtelier(token);
      credentials.save(created.workshop.id, { token: created.animatorToken, role: 'animator' });
      credentials.saveLinks(created.workshop.id, created.links);
      context.toast(t.count('demarche.prepared', created.carriedActions ?? 0, { step: created.demarche.step }));
      context.navigate(routes.animator(created.animatorToken));
    } catch (failure) {
      context.toast(demarcheError(t, failure));
    } finally {
      busy = false;
      render();
    }
  }

  function render(): void {
    if (!demarche || !state) return;
    element.hidden = false;
    const shown = state.recapShown;
    const mayPrepare = state.animator?.lead === true && !demarche.hasNext && demarche.step < LAST_ATELIER;
    replaceKeepingFocus(
      element,
      h('h2', { id: 'demarche-title' }, t.t('demarche.title', { name: demarche.name })),
      h('p', { testid: 'demarche-step' }, t.t('demarche.step', { step: demarche.step, last: LAST_ATELIER })),
      shown !== undefined &&
        h(
          'button',
          {
            type: 'button',
            className: 'button secondary',
            testid: 'recap-toggle',
            attrs: { 'aria-pressed': shown },
            on: { click: () => session.setRecapShown(!shown).catch((failure) => context.toast(demarcheError(t, failure))) },
          },
          t.t(shown ? 'demarche.hideRecap' : 'demarche.showRecap'),
        ),
      demarche.gallery && linkRow(context, t.t('demarche.gallery'), absoluteLink(demarche.gallery), 'gallery-link'),
      demarche.hasNext && h('p', { className: 'muted' }, t.t('demarche.nextReady')),
      mayPrepare &&
        h(
          'button',
          {
            type: 'button',
            className: 'button primary',
            testid: 'prepare-next',
            disabled: busy,
            on: { click: () => void prepareNext() },
          },
          t.t(busy ? 'demarche.preparing' : 'demarche.prepareNext', { step: demarche.step + 1 }),
        ),
      mayPrepare && h('p', { className: 'help' }, t.t('demarche.prepareHelp')),
    );
  }

  api.recap(token).then((answer) => {
    demarche = answer.demarche;
    render();
  }, () => undefined);

  return {
    element,
    update(next: WorkshopState): void {
      state = next;
      render();
    },
  };
}
