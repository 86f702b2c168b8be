import { errorCodeOf } from '../model/errors';
import { ApiError } from '../net/http-api';
import {
  CATEGORIES,
  JOIN_CODE_ALPHABET,
  JOIN_CODE_LENGTH,
  LIMITS,
  type Category,
  type JoinCodeLookup,
} from '../protocol/messages';
import type { Screen, ScreenContext } from './context';
import { h, replaceChildren } from './dom';
import { routes } from './router';

const normalizeCode = (value: string) =>
  value
    .toUpperCase()
    .split('')
    .filter((char) => JOIN_CODE_ALPHABET.includes(char))
    .join('')
    .slice(0, JOIN_CODE_LENGTH);

/** `#/` and `#/j/CODE`: a code, then a name, a category and a group, and the participant is in. */
export function joinScreen(context: ScreenContext, initialCode = ''): Screen {
  const { t, api, credentials } = context;
  let found: JoinCodeLookup | null = null;
  let lookedUpCode = '';
  let busy = false;

  const codeInput = h('input', {
    id: 'join-code',
    className: 'code-input',
    testid: 'join-code-input',
    value: normalizeCode(initialCode),
    autocomplete: 'off',
    spellcheck: false,
    required: true,
    maxLength: JOIN_CODE_LENGTH,
    attrs: { autocapitalize: 'characters', inputmode: 'text', 'aria-describedby': 'join-code-help' },
    on: {
      input: () => {
        const code = normalizeCode(codeInput.value);
        if (code !== codeInput.value) codeInput.value = code;
        if (code.length === JOIN_CODE_LENGTH && code !== lookedUpCode) void lookUp();
        else if (code !== lookedUpCode) showWorkshop(null);
      },
    },
  });
  const error = h('p', { className: 'form-error', testid: 'join-error', attrs: { role: 'alert' } });
  const details = h('div', { className: 'join-details' });
  const submit = h('button', { type: 'submit', className: 'button primary large', testid: 'join-button' });

  const nameInput = h('input', {
    id: 'join-name',
    testid: 'join-name-input',
    required: true,
    maxLength: LIMITS.participantName,
    autocomplete: 'name',
  });
  const categoryInputs = CATEGORIES.map((category) =>
    h('input', {
      type: 'radio',
      name: 'category',
      value: category,
      checked: category === 'autre',
      testid: `join-category-${category}`,
    }),
  );
  const boardSelect = h('select', { id: 'join-board', testid: 'join-board-select' });

  const form = h(
    'form',
    {
      className: 'card stack',
      noValidate: true,
      on: { submit: (event: SubmitEvent) => (event.preventDefault(), void onSubmit()) },
    },
    h('label', { htmlFor: 'join-code', className: 'label' }, t.t('join.code')),
    codeInput,
    h('p', { id: 'join-code-help', className: 'help' }, t.t('join.codeHelp')),
    details,
    error,
    submit,
  );

  function showWorkshop(workshop: JoinCodeLookup | null): void {
    found = workshop;
    submit.textContent = t.t(workshop ? 'join.submit' : 'join.lookUp');
    if (!workshop) {
      lookedUpCode = '';
      details.replaceChildren();
      return;
    }
    const known = credentials.get(workshop.id);
    const resumeBoard = known?.board ?? workshop.boards[0]?.id;
    replaceChildren(boardSelect, ...workshop.boards.map((board) => h('option', { value: board.id }, board.name)));
    replaceChildren(
      details,
      h('h2', { className: 'workshop-found', testid: 'join-workshop-title' }, workshop.title),
      known?.participant &&
        resumeBoard &&
        h(
          'a',
          { className: 'button secondary', testid: 'join-resume', href: routes.board(resumeBoard) },
          t.t('join.resume', { name: known.participant.name }),
        ),
      h('label', { htmlFor: 'join-name', className: 'label' }, t.t('join.name')),
      nameInput,
      h(
        'fieldset',
        { className: 'choices' },
        h('legend', { className: 'label' }, t.t('join.category')),
        ...categoryInputs.map((input) =>
          h('label', { className: 'choice' }, input, t.t(`category.${input.value as Category}`)),
        ),
      ),
      workshop.boards.length > 1 && h('label', { htmlFor: 'join-board', className: 'label' }, t.t('join.board')),
      workshop.boards.length > 1 && boardSelect,
    );
  }

  async function lookUp(): Promise<void> {
    const code = normalizeCode(codeInput.value);
    if (code.length !== JOIN_CODE_LENGTH) {
      error.textContent = t.t('join.codeInvalid');
      codeInput.focus();
      return;
    }
    await run(async () => {
      const workshop = await api.lookupJoinCode(code);
      lookedUpCode = code;
      showWorkshop(workshop);
      nameInput.focus();
    });
  }

  async function join(workshop: JoinCodeLookup): Promise<void> {
    const name = nameInput.value.trim();
    if (!name) {
      error.textContent = t.t('join.nameMissing');
      nameInput.focus();
      return;
    }
    const category = categoryInputs.find((input) => input.checked)?.value as Category;
    const chosenBoard = boardSelect.value || undefined;
    await run(async () => {
      const joined = await api.join({ code: lookedUpCode, name, category, board: chosenBoard });
      const { participant } = joined;
      const boardId = participant.board ?? chosenBoard ?? workshop.boards[0]?.id;
      credentials.save(joined.workshop.id, {
        token: joined.token,
        role: 'participant',
        participant: { id: participant.id, name: participant.name },
        board: boardId,
      });
      context.navigate(boardId ? routes.board(boardId) : routes.join());
    });
  }

  async function run(action: () => Promise<void>): Promise<void> {
    if (busy) return;
    busy = true;
    submit.disabled = true;
    error.textContent = '';
    try {
      await action();
    } catch (failure) {
      error.textContent =
        failure instanceof ApiError && failure.code === 'too_many_requests'
          ? t.t('join.waitThenRetry', { seconds: failure.retryAfterSeconds ?? 60 })
          : t.error(errorCodeOf(failure));
    } finally {
      busy = false;
      submit.disabled = false;
    }
  }

  const onSubmit = () => (found && lookedUpCode === normalizeCode(codeInput.value) ? join(found) : lookUp());

  showWorkshop(null);
  if (codeInput.value.length === JOIN_CODE_LENGTH) void lookUp();

  const element = h(
    'section',
    { className: 'screen narrow join-screen' },
    h('h1', {}, t.t('join.title')),
    h('p', { className: 'lead' }, t.t('join.lead')),
    form,
    h(
      'p',
      { className: 'secondary-action' },
      h('a', { href: routes.newWorkshop(), testid: 'create-workshop-link' }, t.t('join.create')),
    ),
  );
  return { element, destroy: () => undefined };
}
