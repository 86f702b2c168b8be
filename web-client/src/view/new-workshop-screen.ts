import { errorCodeOf } from '../model/errors';
import { ATELIERS, GROUP_TEMPLATES, LIMITS, type Atelier, type GroupDraft, type Template } from '../protocol/messages';
import type { Screen, ScreenContext } from './context';
import { h, replaceChildren } from './dom';
import { limitLength } from './limited-text';
import { routes } from './router';

/** As the server's DemarcheRules.MAX_NAME. */
const DEMARCHE_NAME_MAX = 80;

interface GroupRow {
  element: HTMLElement;
  name: HTMLInputElement;
  template: HTMLSelectElement;
}

/**
 * `#/new`: a title, a date, the evening's template (one of the method's ateliers, or free), the
 * groups with their boards' templates; the animator link comes back.
 */
export function newWorkshopScreen(context: ScreenContext): Screen {
  const { t, api, credentials } = context;
  const rows: GroupRow[] = [];
  let groupCount = 0;
  let busy = false;

  const title = h('input', {
    id: 'workshop-title',
    testid: 'workshop-title-input',
    required: true,
  });
  const titleLimit = limitLength(t, title, LIMITS.workshopTitle);
  const date = h('input', { id: 'workshop-date', type: 'date', testid: 'workshop-date-input' });
  const animatorName = h('input', {
    id: 'workshop-animator-name',
    testid: 'workshop-animator-name-input',
    autocomplete: 'name',
  });
  const animatorNameLimit = limitLength(t, animatorName, LIMITS.participantName);
  const atelier = h(
    'select',
    { id: 'workshop-atelier', testid: 'atelier-select', on: { change: () => showAtelier() } },
    ...(Object.keys(ATELIERS) as Atelier[]).map((value) =>
      h('option', { value, selected: value === 'libre' }, t.t(`atelier.${value}`)),
    ),
  );
  const atelierNote = h('p', { className: 'help', testid: 'atelier-note', attrs: { 'aria-live': 'polite' } });
  // A démarche groups the ateliers of one territory's series: naming one makes this its atelier 1.
  const demarche = h('input', {
    id: 'workshop-demarche',
    testid: 'workshop-demarche-input',
    attrs: { 'aria-describedby': 'workshop-demarche-help' },
  });
  const demarcheLimit = limitLength(t, demarche, DEMARCHE_NAME_MAX);
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
      id: `group-name-${++groupCount}`,
      testid: 'group-name-input',
      required: true,
      value: t.t('new.defaultGroupName', { n: rows.length + 1 }),
    });
    const nameLimit = limitLength(t, name, LIMITS.groupName);
    const select = h(
      'select',
      { testid: 'group-template-select' },
      ...GROUP_TEMPLATES.map((value) => h('option', { value, selected: value === template }, t.t(`template.${value}`))),
    );
    select.hidden = ATELIERS[atelier.value as Atelier].groups !== 'choose';
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
    replaceChildren(row.element, name, select, remove, nameLimit.element);
    rows.push(row);
    groupList.append(row.element);
    renumber();
    if (focus) name.select();
  }

  /** The sub-groups' part as the chosen atelier has it: their boards' template fixed, chosen, or no sub-groups yet. */
  function showAtelier(): void {
    const groups = ATELIERS[atelier.value as Atelier].groups;
    groupsField.hidden = groups === 'none';
    rows.forEach((row) => (row.template.hidden = groups !== 'choose'));
    atelierNote.textContent =
      groups === 'none'
        ? t.t('atelier.noGroups')
        : groups === 'choose'
          ? t.t('atelier.help')
          : `${t.t('atelier.help')} ${t.t('atelier.groupsAs', { template: t.t(`template.${groups}`) })}`;
  }

  function usesGroups(): boolean {
    return ATELIERS[atelier.value as Atelier].groups !== 'none';
  }

  function firstMissing(): HTMLInputElement | undefined {
    if (!title.value.trim()) return title;
    return usesGroups() ? rows.find((row) => !row.name.value.trim())?.name : undefined;
  }

  async function create(): Promise<void> {
    const groups: GroupDraft[] = (usesGroups() ? rows : []).map((row) => ({
      name: row.name.value.trim(),
      template: row.template.value as Template,
    }));
    const missing = firstMissing();
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
      const request = {
        title: title.value.trim(),
        date: date.value || undefined,
        animatorName: animatorName.value.trim() || undefined,
        groups,
        atelier: atelier.value as Atelier,
      };
      const series = demarche.value.trim();
      const created = series
        ? await api.createDemarche({ ...request, demarche: series }, createKey.value || undefined)
        : await api.createWorkshop(request, createKey.value || undefined);
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
  const groupsField = h(
    'fieldset',
    { className: 'groups' },
    h('legend', { className: 'label' }, t.t('new.groups')),
    groupList,
    addGroup,
  );
  showAtelier();

  const element = h(
    'section',
    { className: 'screen narrow' },
    h('h1', {}, t.t('new.title')),
    h(
      'form',
      {
        className: 'card stack',
        noValidate: true,
        on: {
          submit: (event: SubmitEvent) => (event.preventDefault(), void create()),
          // An error about what was missing goes as soon as it is put right.
          input: () => {
            if (error.textContent === t.t('new.missing') && !firstMissing()) error.textContent = '';
          },
        },
      },
      h('label', { htmlFor: 'workshop-title', className: 'label' }, t.t('new.workshopTitle')),
      title,
      titleLimit.element,
      h('label', { htmlFor: 'workshop-date', className: 'label' }, t.t('new.date')),
      date,
      h('label', { htmlFor: 'workshop-animator-name', className: 'label' }, t.t('new.animatorName')),
      animatorName,
      animatorNameLimit.element,
      h('label', { htmlFor: 'workshop-atelier', className: 'label' }, t.t('atelier.label')),
      atelier,
      atelierNote,
      h('label', { htmlFor: 'workshop-demarche', className: 'label' }, t.t('new.demarche')),
      h('p', { id: 'workshop-demarche-help', className: 'help' }, t.t('new.demarcheHelp')),
      demarche,
      demarcheLimit.element,
      groupsField,
      createKeyField,
      error,
      submit,
    ),
    h('p', { className: 'secondary-action' }, h('a', { href: routes.join() }, t.t('new.backToJoin'))),
  );
  return { element, destroy: () => undefined };
}
