import { errorCodeOf } from '../model/errors';
import type { WorkshopState } from '../model/workshop-session';
import type { ScreenContext } from './context';
import { absoluteLink, h, replaceChildren } from './dom';
import { linkRow } from './link-row';
import { routes } from './router';

/**
 * The animation team, kept apart from the join code and QR code that go on the projector: the
 * animator's own link, and for the lead animator a form that invites another animator (one per
 * sub-group is the method's norm) and shows that animator's own link. Built once: what is typed
 * and the links made survive the screen's re-renders.
 */
export function animatorTeam(context: ScreenContext, token: string, state: WorkshopState): HTMLElement {
  const { t } = context;
  const self = state.animator;
  const invited = h('div', { className: 'stack', testid: 'invited-animators', attrs: { 'aria-live': 'polite' } });
  const nameInput = h('input', {
    id: 'invite-name',
    required: true,
    maxLength: 40,
    autocomplete: 'off',
    testid: 'invite-name',
  });
  const groupSelect = h(
    'select',
    { id: 'invite-group', testid: 'invite-group' },
    h('option', { value: '' }, t.t('team.noGroup')),
    ...state.workshop.boards.map((board) => h('option', { value: board.id }, board.name)),
  );
  const formError = h('p', { className: 'form-error', attrs: { role: 'alert' } });

  async function invite(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const name = nameInput.value.trim();
    const board = groupSelect.value;
    formError.textContent = '';
    try {
      const invitation = await context.api.inviteAnimator(token, board ? { name, board } : { name });
      invited.prepend(
        h(
          'div',
          { className: 'invited-animator stack' },
          linkRow(context, t.t('team.invitedLink', { name: invitation.animator.name }), absoluteLink(invitation.link),
            `invited-link-${invitation.animator.id}`),
          h('p', { className: 'help' }, t.t('team.invitedHelp', { name: invitation.animator.name })),
        ),
      );
      nameInput.value = '';
      groupSelect.value = '';
    } catch (error) {
      replaceChildren(formError, t.error(errorCodeOf(error)));
    }
  }

  return h(
    'section',
    { className: 'team card stack', testid: 'animator-team', attrs: { 'aria-labelledby': 'team-title' } },
    h('h2', { id: 'team-title' }, t.t('team.title')),
    self && h('p', { testid: 'animator-self' }, t.t('team.youAre', { name: self.name })),
    linkRow(context, t.t('animator.animatorLink'), absoluteLink(routes.animator(token)), 'animator-link'),
    h('p', { className: 'help' }, t.t('animator.keepSecret')),
    self?.lead &&
      h(
        'form',
        { className: 'invite-form stack', testid: 'invite-form', on: { submit: (event: SubmitEvent) => void invite(event) } },
        h('h3', {}, t.t('team.invite')),
        h('label', { htmlFor: 'invite-name', className: 'label' }, t.t('team.name')),
        nameInput,
        h('label', { htmlFor: 'invite-group', className: 'label' }, t.t('team.group')),
        groupSelect,
        formError,
        h('button', { type: 'submit', className: 'button primary', testid: 'invite-submit' }, t.t('team.invite')),
      ),
    invited,
  );
}
