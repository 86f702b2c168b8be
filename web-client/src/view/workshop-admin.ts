import { errorCodeOf } from '../model/errors';
import type { WorkshopState } from '../model/workshop-session';
import type { Participant } from '../protocol/messages';
import type { ScreenContext } from './context';
import { h, replaceKeepingFocus } from './dom';

/** What the lead animator replaced: the screen shows it at once, the old one is dead. */
export interface Renewed {
  code?: string;
  observerLink?: string;
}

/**
 * Who is in the workshop, with a way to remove someone (any animator), and for the lead animator a
 * new join code, a new plenary link, and the deletion of the whole workshop. Every destructive
 * action asks to be confirmed in a second step, whose button takes the focus. Built once: the step
 * being confirmed survives the screen's re-renders.
 */
export function workshopAdmin(
  context: ScreenContext,
  token: string,
  onRenewed: (renewed: Renewed) => void,
): { element: HTMLElement; update(state: WorkshopState): void } {
  const { t } = context;
  const element = h('div', { className: 'stack workshop-admin' });
  let state: WorkshopState | null = null;
  /** The participant whose removal, or `workshop` for the deletion, waits for a confirmation. */
  let confirming: string | null = null;
  const fail = (error: unknown) => context.toast(t.error(errorCodeOf(error)));

  function confirm(target: string): void {
    confirming = target;
    render();
    element.querySelector<HTMLElement>('[data-testid="confirm-yes"]')?.focus();
  }

  function cancel(): void {
    const target = confirming;
    confirming = null;
    render();
    const back = target === 'workshop' ? '[data-testid="delete-workshop"]' : `[data-participant-id="${CSS.escape(target ?? '')}"]`;
    element.querySelector<HTMLElement>(back)?.focus();
  }

  function confirmation(question: string, yes: string, run: () => void) {
    return h(
      'div',
      { className: 'confirm stack', attrs: { role: 'group', 'aria-label': question } },
      h('p', { testid: 'confirm-question' }, question),
      h(
        'div',
        { className: 'confirm-buttons' },
        h('button', { type: 'button', className: 'button danger', testid: 'confirm-yes', on: { click: run } }, yes),
        h('button', { type: 'button', className: 'button secondary', testid: 'confirm-no', on: { click: cancel } }, t.t('admin.cancel')),
      ),
    );
  }

  function remove(participant: Participant): void {
    confirming = null;
    context.api.removeParticipant(token, participant.id).then(
      () => context.toast(t.t('admin.removed', { name: participant.name })),
      fail,
    );
    render();
  }

  function participantRow(participant: Participant) {
    const asking = confirming === participant.id;
    return h(
      'li',
      { className: 'participant-row', testid: 'participant-row', attrs: { 'data-name': participant.name } },
      h('span', {}, participant.name, ' ', h('span', { className: 'muted' }, t.t(`category.${participant.category}`))),
      asking
        ? confirmation(t.t('admin.removeConfirm', { name: participant.name }), t.t('admin.removeYes'), () => remove(participant))
        : h(
            'button',
            {
              type: 'button',
              className: 'button secondary',
              testid: 'remove-participant',
              attrs: { 'data-participant-id': participant.id, 'aria-label': t.t('admin.removeLabel', { name: participant.name }) },
              on: { click: () => confirm(participant.id) },
            },
            t.t('admin.remove'),
          ),
    );
  }

  function renew(kind: 'code' | 'observer'): void {
    const renewal =
      kind === 'code'
        ? context.api.newJoinCode(token).then(({ code, links }) => {
            onRenewed({ code, observerLink: links.observer });
            context.toast(t.t('admin.newCodeDone', { code }));
          })
        : context.api.newObserverLink(token).then(({ links }) => {
            onRenewed({ observerLink: links.observer });
            context.toast(t.t('admin.newObserverLinkDone'));
          });
    renewal.catch(fail);
  }

  function deleteWorkshop(): void {
    confirming = null;
    render();
    context.api.deleteWorkshop(token).then(() => {
      context.toast(t.t('admin.deleted'));
      context.navigate('#/');
    }, fail);
  }

  function leadControls(title: string) {
    return h(
      'section',
      { className: 'card stack', testid: 'workshop-access', attrs: { 'aria-labelledby': 'access-title' } },
      h('h2', { id: 'access-title' }, t.t('admin.title')),
      h('button', { type: 'button', className: 'button secondary', testid: 'new-code', on: { click: () => renew('code') } }, t.t('admin.newCode')),
      h('p', { className: 'help' }, t.t('admin.newCodeHelp')),
      h(
        'button',
        { type: 'button', className: 'button secondary', testid: 'new-observer-link', on: { click: () => renew('observer') } },
        t.t('admin.newObserverLink'),
      ),
      h('p', { className: 'help' }, t.t('admin.newObserverLinkHelp')),
      confirming === 'workshop'
        ? confirmation(t.t('admin.deleteConfirm', { title }), t.t('admin.deleteYes'), deleteWorkshop)
        : h(
            'button',
            { type: 'button', className: 'button danger', testid: 'delete-workshop', on: { click: () => confirm('workshop') } },
            t.t('admin.delete'),
          ),
      h('p', { className: 'help' }, t.t('admin.deleteHelp')),
    );
  }

  function render(): void {
    if (!state) return;
    const { participants } = state;
    replaceKeepingFocus(
      element,
      h(
        'section',
        { className: 'card stack', testid: 'participants', attrs: { 'aria-labelledby': 'participants-title' } },
        h('h2', { id: 'participants-title' }, t.t('admin.participants')),
        participants.length
          ? h('ul', { className: 'participant-list' }, ...participants.map(participantRow))
          : h('p', { className: 'help' }, t.t('admin.noParticipants')),
      ),
      state.animator?.lead && leadControls(state.workshop.title),
    );
  }

  return {
    element,
    update(next) {
      state = next;
      render();
    },
  };
}
