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
import { joinProgress } from './join-progress';
import { limitLength } from './limited-text';
import { routes } from './router';

const normalizeCode = (value: string) =>
  value
    .toUpperCase()
    .split('')
    .filter((char) => JOIN_CODE_ALPHABET.includes(char))
    .join('')
    .slice(0, JOIN_CODE_LENGTH);

/** The categories offered, and the plain choice not to say; nothing is checked for the person. */
const CATEGORY_ANSWERS = [...CATEGORIES, 'unsaid'] as const;
type CategoryAnswer = (typeof CATEGORY_ANSWERS)[number];

/**
 * `#/`, `#/j/CODE` and a group's own link `#/j/CODE/BOARD`: two steps, each with its own button in its own place. The code is looked up
 * only when asked ("Continuer", or the link), so no button changes its meaning under a finger; then
 * a name, a category if the person wants, and a group they choose.
 */
export function joinScreen(context: ScreenContext, initialCode = '', assignedBoard?: string): Screen {
  const { t, api, credentials } = context;
  let busy = false;
  const progress = joinProgress(t);

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
      },
    },
  });
  const codeError = h('p', { className: 'form-error', testid: 'join-code-error', attrs: { role: 'alert' } });
  const lookUpButton = h(
    'button',
    { type: 'submit', className: 'button primary large', testid: 'join-lookup-button' },
    t.t('join.lookUp'),
  );
  const codeForm = h(
    'form',
    {
      className: 'card stack',
      noValidate: true,
      on: { submit: (event: SubmitEvent) => (event.preventDefault(), void lookUp()) },
    },
    h('label', { htmlFor: 'join-code', className: 'label' }, t.t('join.code')),
    codeInput,
    h('p', { id: 'join-code-help', className: 'help' }, t.t('join.codeHelp')),
    codeError,
    lookUpButton,
  );

  const nameInput = h('input', {
    id: 'join-name',
    testid: 'join-name-input',
    required: true,
    autocomplete: 'name',
  });
  const nameLimit = limitLength(t, nameInput, LIMITS.participantName);
  const categoryInputs = CATEGORY_ANSWERS.map((answer) =>
    h('input', { type: 'radio', name: 'category', value: answer, testid: `join-category-${answer}` }),
  );
  const boardSelect = h('select', { id: 'join-board', testid: 'join-board-select', required: true });
  const joinError = h('p', { className: 'form-error', testid: 'join-error', attrs: { role: 'alert' } });
  const joinButton = h('button', { type: 'submit', className: 'button primary large', testid: 'join-button' }, t.t('join.submit'));

  const categoryLabel = (answer: CategoryAnswer) =>
    answer === 'unsaid' ? t.t('join.categoryUnsaid') : t.t(`category.${answer}`);

  function joinForm(workshop: JoinCodeLookup): HTMLFormElement {
    const known = credentials.get(workshop.id);
    const resumeBoard = known?.board ?? workshop.boards[0]?.id;
    const assigned = assignedTo(workshop);
    const choosesGroup = !assigned && workshop.boards.length > 1;
    replaceChildren(
      boardSelect,
      h('option', { value: '' }, t.t('join.boardPlaceholder')),
      ...workshop.boards.map((board) => h('option', { value: board.id }, t.known(board.name))),
    );
    return h(
      'form',
      {
        className: 'card stack',
        noValidate: true,
        on: { submit: (event: SubmitEvent) => (event.preventDefault(), void join(workshop)) },
      },
      h(
        'div',
        { className: 'workshop-found' },
        h('h2', { testid: 'join-workshop-title' }, workshop.title),
        h(
          'button',
          { type: 'button', className: 'link-button', testid: 'join-change-code', on: { click: () => showCodeStep() } },
          t.t('join.changeCode', { code: normalizeCode(codeInput.value) }),
        ),
      ),
      known?.participant &&
        resumeBoard &&
        h(
          'a',
          { className: 'button secondary', testid: 'join-resume', href: routes.board(resumeBoard) },
          t.t('join.resume', { name: known.participant.name }),
        ),
      h('label', { htmlFor: 'join-name', className: 'label' }, t.t('join.name')),
      nameInput,
      nameLimit.element,
      h(
        'fieldset',
        { className: 'choices' },
        h('legend', { className: 'label' }, t.t('join.category')),
        ...categoryInputs.map((input) =>
          h('label', { className: 'choice' }, input, categoryLabel(input.value as CategoryAnswer)),
        ),
      ),
      assigned && h('p', { className: 'assigned-board', testid: 'join-assigned-board' }, t.t('join.assignedBoard', { name: assigned.name })),
      choosesGroup && h('label', { htmlFor: 'join-board', className: 'label' }, t.t('join.board')),
      choosesGroup && boardSelect,
      joinError,
      joinButton,
      progress.element,
    );
  }

  const step = h('div', { className: 'join-step' });

  function showCodeStep(): void {
    lead.hidden = false;
    replaceChildren(step, codeForm);
    codeInput.focus();
  }

  function showJoinStep(workshop: JoinCodeLookup): void {
    lead.hidden = true;
    joinError.textContent = '';
    replaceChildren(step, joinForm(workshop));
    nameInput.focus();
  }

  async function lookUp(): Promise<void> {
    const code = normalizeCode(codeInput.value);
    if (code.length !== JOIN_CODE_LENGTH) {
      codeError.textContent = t.t('join.codeInvalid');
      codeInput.focus();
      return;
    }
    await run(lookUpButton, codeError, async () => showJoinStep(await api.lookupJoinCode(code)));
  }

  /** The group of the animator's link for one group, when it is one of this workshop's. */
  const assignedTo = (workshop: JoinCodeLookup) => workshop.boards.find((board) => board.id === assignedBoard);

  /** The group joined: the one the link assigns, the only one, or the one chosen. */
  const boardFor = (workshop: JoinCodeLookup): string | undefined =>
    assignedTo(workshop)?.id ?? (workshop.boards.length > 1 ? boardSelect.value || undefined : workshop.boards[0]?.id);

  /** The first thing missing, said next to the button and focused. */
  function missing(workshop: JoinCodeLookup): { field: HTMLElement; message: string } | null {
    if (!nameInput.value.trim()) return { field: nameInput, message: t.t('join.nameMissing') };
    if (!boardFor(workshop)) return { field: boardSelect, message: t.t('join.boardMissing') };
    return null;
  }

  async function join(workshop: JoinCodeLookup): Promise<void> {
    const problem = missing(workshop);
    for (const field of [nameInput, boardSelect]) field.toggleAttribute('aria-invalid', field === problem?.field);
    if (problem) {
      joinError.textContent = problem.message;
      problem.field.focus();
      return;
    }
    const answer = categoryInputs.find((input) => input.checked)?.value as CategoryAnswer | undefined;
    const category: Category | undefined = answer === 'unsaid' ? undefined : answer;
    const chosenBoard = boardFor(workshop);
    await run(joinButton, joinError, async () => {
      progress.reach('identity');
      const joined = await api.join({ code: normalizeCode(codeInput.value), name: nameInput.value.trim(), category, board: chosenBoard });
      const { participant } = joined;
      const boardId = participant.board ?? chosenBoard;
      credentials.save(joined.workshop.id, {
        token: joined.token,
        role: 'participant',
        participant: { id: participant.id, name: participant.name, category: participant.category },
        board: boardId,
      });
      context.navigate(boardId ? routes.board(boardId) : routes.join());
    });
  }

  async function run(button: HTMLButtonElement, error: HTMLElement, action: () => Promise<void>): Promise<void> {
    if (busy) return;
    busy = true;
    button.disabled = true;
    error.textContent = '';
    try {
      await action();
    } catch (failure) {
      progress.stop();
      error.textContent =
        failure instanceof ApiError && failure.code === 'too_many_requests'
          ? t.t('join.waitThenRetry', { seconds: failure.retryAfterSeconds ?? 60 })
          : t.error(errorCodeOf(failure));
    } finally {
      busy = false;
      button.disabled = false;
    }
  }

  const lead = h('p', { className: 'lead' }, t.t('join.lead'));
  replaceChildren(step, codeForm);
  // The QR code's link: nobody is pressing anything yet, so the code is looked up at once.
  if (codeInput.value.length === JOIN_CODE_LENGTH) void lookUp();

  const element = h(
    'section',
    { className: 'screen narrow join-screen' },
    h('h1', {}, t.t('join.title')),
    lead,
    step,
    h(
      'p',
      { className: 'secondary-action' },
      h('a', { href: routes.newWorkshop(), testid: 'create-workshop-link' }, t.t('join.create')),
    ),
  );
  return { element, destroy: () => progress.stop() };
}
