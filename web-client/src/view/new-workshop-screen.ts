import { errorCodeOf } from '../model/errors';
import { LIMITS, TEMPLATES, type GroupDraft, type Template } from '../protocol/messages';
import type { Screen, ScreenContext } from './context';
import { h, replaceChildren } from './dom';
import { routes } from './router';

interface GroupRow {
  element: HTMLElement;
  name: HTMLInputElement;
  template: HTMLSelectElement;
}

/** `#/new`: a title, a date, the groups with their templates; the animator link comes back. */
export function newWorkshopScreen(context: ScreenContext): Screen {
  const { t, api, credentials } = context;
  const rows: GroupRow[] = [];
  let busy = false;

  const title = h('input', {
    id: 'workshop-title',
    testid: 'workshop-title-input',
    required: true,
    maxLength: LIMITS.workshopTitle,
  });
  const date = h('input', { id: 'workshop-date', type: 'date', testid: 'workshop-date-input' });
  const animatorName = h('input', {
    id: 'workshop-animator-name',
    testid: 'workshop-animator-name-input',
    maxLength: LIMITS.participantName,
    autocomplete: 'name',
  });
  const groupList = h('ol', { className: 'group-list' });
  const addGroup = h(
    'button',
    {
      type: 'button',
      className: 'button secondary',
      testid: 'add-group-button',
      on: { click: () => addRow('free', true) },
    },
    t.t('new.addGroup'),
  );
  // Asked only once the server says it needs one (PARVIS_CREATE_KEY).
  const createKey = h('input', { id: 'create-key', type: 'password', testid: 'create-key-input', autocomplete: 'off' });
  const createKeyField = h(
    'div',
    { className: 'stack', hidden: true },
    h('label', { htmlFor: 'create-key', className: 'label' }, t.t('new.createKey')),
    createKey,
  );
  const error = h('p', { className: 'form-error', testid: 'create-error', attrs: { role: 'alert' } });
  const submit = h(
    'button',
    { type: 'submit', className: 'button primary large', testid: 'create-workshop-button' },
    t.t('new.submit'),
  );

  function renumber(): void {
    rows.forEach((row, index) => {
      row.name.setAttribute('aria-label', t.t('new.groupName', { n: index + 1 }));
      row.template.setAttribute('aria-label', t.t('new.groupTemplate', { n: index + 1 }));
    });
    addGroup.disabled = rows.length >= LIMITS.groups;
    groupList.querySelectorAll<HTMLButtonElement>('[data-testid="remove-group-button"]').forEach((button) => {
      button.disabled = rows.length <= 1;
    });
  }

  function addRow(template: Template, focus: boolean): void {
    const name = h('input', {
      testid: 'group-name-input',
      required: true,
      maxLength: LIMITS.groupName,
      value: t.t('new.defaultGroupName', { n: rows.length + 1 }),
    });
    const select = h(
      'select',
      { testid: 'group-template-select' },
      ...TEMPLATES.map((value) => h('option', { value, selected: value === template }, t.t(`template.${value}`))),
    );
    const row: GroupRow = { element: h('li', { className: 'group-row', testid: 'group-row' }), name, template: select };
    const remove = h(
      'button',
      {
        type: 'button',
        className: 'button ghost',
        testid: 'remove-group-button',
        on: {
          click: () => {
            rows.splice(rows.indexOf(row), 1);
            row.element.remove();
            renumber();
            rows[rows.length - 1]?.name.focus();
          },
        },
      },
      t.t('new.removeGroup'),
    );
    replaceChildren(row.element, name, select, remove);
    rows.push(row);
    groupList.append(row.element);
    renumber();
    if (focus) name.select();
  }

  async function create(): Promise<void> {
    const groups: GroupDraft[] = rows.map((row) => ({
      name: row.name.value.trim(),
      template: row.template.value as Template,
    }));
    const missing = !title.value.trim() ? title : rows.find((row) => !row.name.value.trim())?.name;
    if (missing) {
      error.textContent = t.t('new.missing');
      missing.focus();
      return;
    }
    if (busy) return;
    busy = true;
    submit.disabled = true;
    error.textContent = '';
    try {
      const created = await api.createWorkshop(
        {
          title: title.value.trim(),
          date: date.value || undefined,
          animatorName: animatorName.value.trim() || undefined,
          groups,
        },
        createKey.value || undefined,
      );
      credentials.save(created.workshop.id, { token: created.animatorToken, role: 'animator' });
      credentials.saveLinks(created.workshop.id, created.links);
      context.navigate(routes.animator(created.animatorToken));
    } catch (failure) {
      error.textContent = t.error(errorCodeOf(failure));
      if (errorCodeOf(failure) === 'create_key_required') {
        createKeyField.hidden = false;
        createKey.focus();
      }
    } finally {
      busy = false;
      submit.disabled = false;
    }
  }

  addRow('free', false);

  const element = h(
    'section',
    { className: 'screen narrow' },
    h('h1', {}, t.t('new.title')),
    h(
      'form',
      {
        className: 'card stack',
        noValidate: true,
        on: { submit: (event: SubmitEvent) => (event.preventDefault(), void create()) },
      },
      h('label', { htmlFor: 'workshop-title', className: 'label' }, t.t('new.workshopTitle')),
      title,
      h('label', { htmlFor: 'workshop-date', className: 'label' }, t.t('new.date')),
      date,
      h('label', { htmlFor: 'workshop-animator-name', className: 'label' }, t.t('new.animatorName')),
      animatorName,
      h(
        'fieldset',
        { className: 'groups' },
        h('legend', { className: 'label' }, t.t('new.groups')),
        groupList,
        addGroup,
      ),
      createKeyField,
      error,
      submit,
    ),
    h('p', { className: 'secondary-action' }, h('a', { href: routes.join() }, t.t('new.backToJoin'))),
  );
  return { element, destroy: () => undefined };
}
