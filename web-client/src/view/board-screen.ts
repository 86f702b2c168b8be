import { errorCodeOf } from '../model/errors';
import { mayChangeNote, othersPrivateCount, type Reader } from '../model/note-rights';
import type { BoardView, LocalAuthor } from '../model/optimistic';
import { uploadPhoto } from '../net/photo-upload';
import { photoUrl, workshopIdOfBoard } from '../protocol/addresses';
import type { Board, BoardEvent, Note, NoteFields, Role, WorkshopEvent } from '../protocol/messages';
import type { WorkshopState } from '../model/workshop-session';
import type { Translator } from '../i18n';
import { agendaBanner } from './agenda-banner';
import type { MessageKey } from '../i18n/fr';
import { createAnnouncer } from './announcer';
import { BarometerPanel, withPoleZones } from './barometer-view';
import type { CharterPanel } from './charter-view';
import { BoardCanvas } from './board-canvas';
import { BoardZoom } from './board-zoom';
import type { Screen, ScreenContext } from './context';
import { axisPicker } from './axis-picker';
import { clusterOf } from '../model/clusters';
import { h, replaceChildren } from './dom';
import { joinProgress } from './join-progress';
import { NoteEditor, type EditedNote, type EditorResult, type OpenedBy } from './note-editor';
import { PhotoViewer } from './photo-viewer';
import { SpeakerPicker } from './speaker-picker';
import { routes } from './router';
import { createStatusBanner } from './status-banner';
import { votePanel } from './vote-panel';
import { recapPanel } from './recap-view';

const ANNOUNCED_TEXT_LENGTH = 80;
/** How long a deleted note waits, hidden, for an "Undo" before its deletion is sent. */
const UNDO_MS = 5_000;

function announcement(t: Translator, event: BoardEvent | WorkshopEvent): string | null {
  const excerpt = (text: string) =>
    text.length > ANNOUNCED_TEXT_LENGTH ? `${text.slice(0, ANNOUNCED_TEXT_LENGTH)}…` : text;
  switch (event.type) {
    case 'note.created':
      return t.t('announce.created', { name: event.note.authorName, text: excerpt(event.note.text) });
    case 'note.updated':
      // Moves and colours are not worth interrupting a screen-reader user for; new words are.
      return event.fields.text === undefined ? null : t.t('announce.updated', { text: excerpt(event.fields.text) });
    case 'note.deleted':
      return t.t('announce.deleted');
    case 'board.locked':
      return t.t(event.locked ? 'announce.locked' : 'announce.unlocked');
    case 'barometer.closed':
      return t.t(event.closed ? 'announce.barometerClosed' : 'announce.barometerReopened');
    case 'notes.revealed':
      return t.t('announce.revealed');
    case 'note.hidden':
      return t.t('announce.hidden');
    case 'note.restored':
      return t.t('announce.restored');
    case 'notes.merged':
      return t.t('announce.merged');
    case 'commitment.created':
      return t.t('announce.commitment', { text: excerpt(event.commitment.text) });
    case 'charter.frozen':
      return t.t(event.frozen ? 'announce.charterFrozen' : 'announce.charterReopened');
    case 'cluster.created':
    case 'cluster.joined':
      return t.t('announce.clustered');
    case 'cluster.left':
    case 'cluster.renamed':
    case 'cluster.moved':
    case 'cluster.dissolved':
      return null;
    case 'board.configured':
    case 'plenary.changed':
    case 'participant.joined':
    case 'agenda.changed':
    case 'sequence.changed':
    case 'timer.changed':
    case 'join.displayed':
    case 'participant.moved':
    case 'groups.locked':
    case 'follow':
    case 'participant.finished':
    case 'participant.removed':
    case 'vote.placed':
    case 'vote.retracted':
    case 'barometer.changed':
    case 'barometer.answered':
    case 'commitment.edited':
    case 'commitment.deleted':
    case 'commitments.merged':
    case 'commitments.reordered':
    case 'commitment.signed':
    case 'recap.displayed':
      return null;
    case 'vote.opened':
      return t.t('vote.announceOpened', { title: event.vote.title });
    case 'vote.closed':
      return t.t('vote.announceClosed');
    case 'boards.added':
      return t.t('announce.boardsAdded');
  }
}

/**
 * The group menu. Animators and observers go everywhere; a participant sees their own group and the
 * groups the animator shows in plenary, not every other group of the workshop.
 */
function boardsToSwitchTo(state: WorkshopState, current: string, ownBoard: string | undefined): Board[] {
  const { boards, plenary } = state.workshop;
  if (state.role !== 'participant') return boards;
  const own = state.participant?.board ?? ownBoard;
  return boards.filter((board) => board.id === current || board.id === own || plenary.boards.includes(board.id));
}

/** `#/b/BOARD`: one group's wall, for participants and animators (and read-only for observers). */
export function boardScreen(context: ScreenContext, boardId: string): Screen {
  const { t, credentials, connection } = context;
  const credential = credentials.get(workshopIdOfBoard(boardId));
  if (!credential) {
    const element = h(
      'section',
      { className: 'screen narrow' },
      h('h1', {}, t.t('board.title')),
      h('p', { testid: 'board-no-token' }, t.t('board.noToken')),
      h('a', { className: 'button primary', href: routes.join() }, t.t('board.goJoin')),
    );
    return { element, destroy: () => undefined };
  }

  const { token, board: ownBoard } = credential;
  const author: LocalAuthor = credential.participant ?? { id: credential.role, name: t.t(`role.${credential.role}`) };
  const board = context.openBoard(boardId, token, author);
  const workshop = context.openWorkshop(token);
  const { model } = board;
  const ballot = votePanel(context, workshop);
  const axes = axisPicker(context, workshop);
  const recap = recapPanel(context, token);
  const role = (): Role => workshop.state?.role ?? credential.role;
  const settings = () => workshop.state?.workshop.boards.find((candidate) => candidate.id === boardId);
  const locked = () => settings()?.locked ?? false;
  /** A freezing timer reached zero: the server refuses participants' changes until it reopens. */
  let frozen = false;
  const reader = (): Reader => ({ role: role(), id: author.id });
  const canEdit = (noteId?: string) => {
    if (frozen && role() !== 'animator') return false;
    const note = noteId === undefined ? null : (model.view.notes.find((candidate) => candidate.id === noteId) ?? null);
    return mayChangeNote(reader(), { locked: locked(), anyoneEdits: settings()?.anyoneEdits ?? false }, note);
  };

  const heading = h('h1', { className: 'board-title', id: 'board-title', testid: 'board-title' }, t.t('board.loading'));
  const workshopTitle = h('p', { className: 'board-workshop muted' });
  const navigation = h('div', { className: 'board-navigation' });
  const banner = createStatusBanner(t);
  const announcer = createAnnouncer((count) => t.count('announce.many', count));
  const scroller = h('div', {
    className: 'board-scroller',
    attrs: { role: 'region', 'aria-labelledby': 'board-title' },
  });
  const privateBanner = h(
    'div',
    { className: 'private-banner', testid: 'private-banner', hidden: true, attrs: { role: 'status' } },
  );
  const emptyState = h('p', { className: 'board-empty', testid: 'empty-board', hidden: true }, t.t('board.empty'));
  // A participant arriving on a busy server sees the join's last step moving, not a frozen screen.
  const arrival = joinProgress(t);
  if (credential.role === 'participant') arrival.reach('board');
  const loadingState = h('div', { className: 'board-empty', testid: 'board-loading' }, h('p', {}, t.t('board.loadingNotes')), arrival.element);
  const addButton = h(
    'button',
    { type: 'button', className: 'button primary large add-note', testid: 'add-note-button' },
    t.t('board.addNote'),
  );

  /** Notes deleted here whose deletion waits for the undo delay to pass. */
  const deletionsOnHold = new Map<string, ReturnType<typeof setTimeout>>();
  /** The board as shown: deletions waiting for "undo" left out; a barometer board's zones are its poles. */
  const shownView = () => {
    const view = model.view;
    const board = view.board && view.barometer ? withPoleZones(t, view.board, view.barometer) : view.board;
    return deletionsOnHold.size || board !== view.board
      ? { ...view, board, notes: view.notes.filter((note) => !deletionsOnHold.has(note.id)) }
      : view;
  };

  const canvas = new BoardCanvas(t, scroller, {
    canEdit,
    edit: (noteId, openedBy) => editNote(noteId, openedBy),
    move: (noteId, fields) => model.updateNote(noteId, fields),
    remove: (noteId) => removeNote(noteId),
    showPhoto: (noteId) => {
      const note = model.view.notes.find((candidate) => candidate.id === noteId);
      if (note?.photo) photoViewer.open(photoUrl(workshopIdOfBoard(boardId), note.photo), note.text);
    },
    group: (noteId, ontoNoteId) => groupWith(noteId, ontoNoteId),
    renameCluster: (clusterId, title) => model.renameCluster(clusterId, title),
    moveCluster: (clusterId, dx, dy) => model.moveCluster(clusterId, dx, dy),
    dissolveCluster: (clusterId) => model.dissolveCluster(clusterId),
  });
  const photoViewer = new PhotoViewer(t);

  /** A note onto another note (into its cluster, or a new untitled one of the two), or into a cluster (`c:<id>`). */
  function groupWith(noteId: string, target: string): void {
    const cluster = target.startsWith('c:') ? target.slice(2) : clusterOf(model.stream.view?.clusters ?? new Map(), target)?.id;
    if (cluster) model.joinCluster(cluster, noteId);
    else model.createCluster('', [target, noteId]);
  }

  const barometer = new BarometerPanel(t, role, {
    answer: (indicator, value) => model.answerBarometer(indicator, value),
    close: (closed) => model.closeBarometer(closed),
    set: (indicators, scale) => model.setBarometer(indicators, scale),
  });

  /** The charter's panel, loaded the first time a charter board shows (boards of notes never load it). */
  let charter: CharterPanel | null = null;
  const charterSlot = h('div', { hidden: true });
  let charterLoading = false;
  function showCharter(view: BoardView): void {
    if (charter) return charter.render(view.charter, view.board);
    if (!view.charter || charterLoading) return;
    charterLoading = true;
    void import('./charter-view').then(({ CharterPanel }) => {
      charter = new CharterPanel(t, role, () => author.id, {
        write: (zone, text) => model.writeCommitment(zone, text),
        sign: (commitmentId, signed) => model.signCommitment(commitmentId, signed),
        edit: (commitmentId, change) => void model.editCommitment(commitmentId, change).catch(fail),
        merge: (commitmentId, into, text) => void model.mergeCommitments(commitmentId, into, text).catch(fail),
        remove: (commitmentId) => void model.deleteCommitment(commitmentId).catch(fail),
        reorder: (zone, order) => model.reorderCommitments(zone, order),
        freeze: (frozen) => void model.freezeCharter(frozen).catch(fail),
      });
      charterSlot.replaceWith(charter.element);
      render();
    }, fail);
  }

  const zoom = new BoardZoom(t, scroller, canvas, () => shownView().board?.zones.length ?? 1, credential.role === 'animator');

  let lastColor: EditedNote['color'] = 'yellow';
  // Scribe mode: an animator writes for a speaker of the group, or one typed once on this tablet.
  const picker =
    credential.role === 'animator'
      ? new SpeakerPicker(
          t,
          context.storage,
          workshopIdOfBoard(boardId),
          () => (workshop.state?.participants ?? []).filter((participant) => participant.board === boardId),
          () => editor.focusText(),
        )
      : null;

  function createNew(result: EditorResult): string {
    lastColor = result.color;
    return model.createNote(
      {
        text: result.text,
        color: result.color,
        zone: result.zone,
        ...canvas.freePlaceIn(result.zone),
        ...(result.photo && { photo: result.photo }),
      },
      picker?.speaker ?? undefined,
    );
  }

  const editor = new NoteEditor(
    t,
    {
      close: (note, result) => {
        if (note.kind === 'existing') {
          if (result) saveExisting(note, result);
          canvas.focusNote(note.noteId);
          return;
        }
        if (result) canvas.focusNote(createNew(result));
        else addButton.focus();
      },
      remove: (noteId) => removeNote(noteId),
      add: (result) => {
        createNew(result);
        announcer.announce(t.t('scribe.added', { name: picker?.speakerName ?? t.t('scribe.myself') }));
      },
    },
    {
      upload: (photo, onProgress) => uploadPhoto(token, photo, onProgress),
      url: (photo) => photoUrl(workshopIdOfBoard(boardId), photo),
      enlarge: (url, text) => photoViewer.open(url, text),
    },
    picker?.element,
  );

  const zonesOf = (shown: Board) => shown.zones.map((zone) => ({ ...zone, title: t.zoneTitle(shown.template, zone) }));

  function editNote(noteId: string, openedBy: OpenedBy): void {
    const { board: shown, notes } = shownView();
    const note = notes.find((candidate) => candidate.id === noteId);
    if (!note || !shown) return;
    renderModeration(note);
    editor.open(
      { kind: 'existing', noteId, text: note.text, zone: note.zone, color: note.color, ...(note.photo && { photo: note.photo }) },
      zonesOf(shown),
      openedBy,
    );
  }

  /** One change for what the editor changed, which an "Undo" puts back as it was. */
  function saveExisting(note: EditedNote & { kind: 'existing' }, result: EditorResult) {
    const current = model.view.notes.find((candidate) => candidate.id === note.noteId);
    if (!current) return;
    const changed: NoteFields = {};
    const previous: NoteFields = {};
    if (result.text !== note.text) {
      changed.text = result.text;
      previous.text = current.text;
    }
    if (result.color !== current.color) {
      changed.color = result.color;
      previous.color = current.color;
    }
    // A replaced photo is deleted on the server: "Undo" puts the rest back, not the photo.
    if ((result.photo ?? '') !== (current.photo ?? '')) changed.photo = result.photo ?? '';
    if (result.zone !== current.zone) {
      Object.assign(changed, { zone: result.zone, ...canvas.freePlaceIn(result.zone, note.noteId) });
      Object.assign(previous, { zone: current.zone, x: current.x, y: current.y });
    }
    if (Object.keys(changed).length === 0) return;
    model.updateNote(note.noteId, changed);
    if (Object.keys(previous).length === 0) return;
    context.toast(t.t('undo.changed'), {
      durationMs: UNDO_MS,
      action: { label: t.t('undo.action'), run: () => model.updateNote(note.noteId, previous) },
    });
  }

  /** An animator's moderation of the note in the editor: hide or restore it, merge it into another. */
  function renderModeration(note: Note): void {
    if (role() !== 'animator') {
      replaceChildren(editor.moderation, clusterControls(note));
      return;
    }
    const act = (action: () => Promise<void>) => {
      editor.close('away');
      action().catch((error: unknown) => context.toast(t.error(errorCodeOf(error))));
    };
    const hidden = note.hiddenBy !== undefined;
    const visibleToAll = (other: Note) => other.id !== note.id && !other.unrevealed && other.hiddenBy === undefined;
    const targets = model.view.notes.filter(visibleToAll);
    const mergeSelect = h(
      'select',
      { id: 'note-merge-target', testid: 'note-merge-target' },
      h('option', { value: '' }, t.t('editor.mergeChoose')),
      ...targets.map((other) => h('option', { value: other.id }, other.text.slice(0, 40) || '…')),
    );
    replaceChildren(
      editor.moderation,
      clusterControls(note),
      h(
        'button',
        {
          type: 'button',
          className: 'button secondary',
          testid: hidden ? 'note-restore' : 'note-hide',
          on: { click: () => act(() => (hidden ? model.restoreNote(note.id) : model.hideNote(note.id))) },
        },
        t.t(hidden ? 'editor.restore' : 'editor.hide'),
      ),
      !hidden &&
        !note.unrevealed &&
        targets.length > 0 &&
        h(
          'div',
          { className: 'merge-row' },
          h('label', { htmlFor: 'note-merge-target', className: 'label' }, t.t('editor.mergeInto')),
          mergeSelect,
          h(
            'button',
            {
              type: 'button',
              className: 'button secondary',
              testid: 'note-merge',
              on: {
                click: () => {
                  if (mergeSelect.value) act(() => model.mergeNotes(mergeSelect.value, note.id));
                },
              },
            },
            t.t('editor.merge'),
          ),
        ),
    );
  }

  /** The keyboard's and screen reader's way to drag onto another note: "Regrouper avec…", and out of its cluster. */
  function clusterControls(note: Note): HTMLElement | false {
    const view = model.view;
    if (note.unrevealed || note.hiddenBy !== undefined || !canEdit()) return false;
    const state = model.stream.view;
    const current = state ? clusterOf(state.clusters, note.id) : undefined;
    const others = view.notes.filter((other) => other.id !== note.id && !other.unrevealed && other.hiddenBy === undefined);
    const select = h(
      'select',
      { id: 'note-cluster-target', testid: 'note-cluster-target' },
      h('option', { value: '' }, t.t('cluster.groupChoose')),
      ...view.clusters
        .filter((cluster) => cluster.id !== current?.id)
        .map((cluster) => h('option', { value: `c:${cluster.id}` }, t.t('cluster.groupInto', { title: cluster.title || t.t('cluster.untitled') }))),
      ...others.map((other) => h('option', { value: other.id }, t.t('cluster.groupNote', { text: other.text.slice(0, 40) || '…' }))),
    );
    const act = (run: () => void) => {
      editor.close('away');
      run();
    };
    return h(
      'div',
      { className: 'merge-row cluster-row' },
      h('label', { htmlFor: 'note-cluster-target', className: 'label' }, t.t('cluster.groupWith')),
      select,
      h(
        'button',
        {
          type: 'button',
          className: 'button secondary',
          testid: 'note-cluster-group',
          on: { click: () => select.value && act(() => groupWith(note.id, select.value)) },
        },
        t.t('cluster.group'),
      ),
      current &&
        h(
          'button',
          {
            type: 'button',
            className: 'button secondary',
            testid: 'note-cluster-leave',
            on: { click: () => act(() => model.leaveCluster(note.id)) },
          },
          t.t('cluster.leave'),
        ),
    );
  }

  function renderPrivacy(view: BoardView): void {
    const inPrivate = settings()?.mode === 'private';
    privateBanner.hidden = !inPrivate && view.privateCount === 0;
    // A participant has its own private notes on the board; of the others' it learns only how many.
    const others = role() === 'participant';
    const count = others ? othersPrivateCount(view.privateCount, view.notes) : view.privateCount;
    replaceChildren(
      privateBanner,
      inPrivate && h('strong', {}, t.t('board.private')),
      h(
        'span',
        { testid: 'private-count', attrs: { 'data-count': count } },
        count > 0 ? t.count(others ? 'board.privateOthers' : 'board.privateAll', count) : '',
      ),
    );
  }

  function removeNote(noteId: string): void {
    deletionsOnHold.set(noteId, setTimeout(() => commitDeletion(noteId), UNDO_MS));
    render();
    announcer.announce(t.t('announce.deletedByMe'));
    context.toast(t.t('undo.deleted'), {
      durationMs: UNDO_MS,
      action: { label: t.t('undo.action'), run: () => undoDeletion(noteId) },
    });
    addButton.focus();
  }

  function commitDeletion(noteId: string): void {
    clearTimeout(deletionsOnHold.get(noteId));
    if (deletionsOnHold.delete(noteId)) model.deleteNote(noteId);
  }

  function undoDeletion(noteId: string): void {
    clearTimeout(deletionsOnHold.get(noteId));
    deletionsOnHold.delete(noteId);
    render();
    canvas.focusNote(noteId);
  }

  const commitAllDeletions = () => [...deletionsOnHold.keys()].forEach(commitDeletion);
  window.addEventListener('pagehide', commitAllDeletions);

  addButton.addEventListener('click', () => {
    const shownBoard = shownView().board;
    const zones = shownBoard ? zonesOf(shownBoard) : [];
    const zone = canvas.keyboardZoneId() ?? canvas.visibleZoneId() ?? zones[0]?.id;
    picker?.refresh();
    if (zone && canEdit()) editor.open({ kind: 'new', zone, color: lastColor }, zones, 'click');
  });

  function renderNavigation(): void {
    const state = workshop.state;
    if (!state) return;
    const others = boardsToSwitchTo(state, boardId, ownBoard);
    const switcher =
      others.length > 1 &&
      h(
        'select',
        {
          className: 'board-switcher',
          testid: 'board-switcher',
          attrs: { 'aria-label': t.t('board.switch') },
          on: { change: (event) => context.navigate(routes.board((event.target as HTMLSelectElement).value)) },
        },
        ...others.map((other) => h('option', { value: other.id, selected: other.id === boardId }, t.known(other.name))),
      );
    workshopTitle.textContent = state.workshop.title;
    replaceChildren(
      navigation,
      switcher,
      state.role === 'animator' &&
        h(
          'button',
          {
            type: 'button',
            className: 'button secondary',
            testid: 'bring-here',
            on: { click: () => workshop.bringHere(boardId).then(() => context.toast(t.t('follow.sent')), fail) },
          },
          t.t('follow.bringHere'),
        ),
      state.role === 'animator' &&
        h(
          'a',
          { className: 'button ghost', href: routes.animator(token), testid: 'back-to-dashboard' },
          t.t('board.dashboard'),
        ),
    );
  }

  const fail = (error: unknown) => context.toast(t.error(errorCodeOf(error)));
  const boardName = (id: string) => workshop.state?.workshop.boards.find((one) => one.id === id)?.name ?? id;

  /** Somewhere else to be: the animator brought the group there, moved this participant, or closed the menu. */
  function goTo(target: string, message: MessageKey): void {
    if (target === boardId) return;
    context.navigate(routes.board(target));
    // A toast outlives this screen, and is read out.
    context.toast(t.t(message, { name: boardName(target) }));
  }

  function followAnimator(event: WorkshopEvent): void {
    if (role() !== 'participant') return;
    const own = workshop.state?.participant?.board ?? ownBoard;
    if (event.type === 'follow') goTo(event.board, 'follow.brought');
    if (event.type === 'participant.moved') {
      credentials.save(workshopIdOfBoard(boardId), { ...credential!, board: event.board });
      goTo(event.board, 'moved.toGroup');
    }
    const plenary = workshop.state?.workshop.plenary.boards ?? [];
    if (event.type === 'groups.locked' && event.locked && own && !plenary.includes(boardId)) goTo(own, 'groups.backToOwn');
  }

  const doneButton =
    credential.role === 'participant'
      ? h(
          'button',
          {
            type: 'button',
            className: 'button secondary done-toggle',
            testid: 'done-toggle',
            attrs: { 'aria-pressed': false },
            on: { click: () => workshop.setDone(!(workshop.state?.participant?.done ?? false)).catch(fail) },
          },
          t.t('done.label'),
        )
      : null;

  function render(): void {
    const view = shownView();
    const name = view.board && t.known(view.board.name);
    if (name && heading.textContent !== name) {
      heading.textContent = name;
      document.title = `${name} — Parvis`;
    }
    canvas.render(view);
    barometer.render(view.barometer);
    showCharter(view);
    renderPrivacy(view);
    zoom.apply();
    loadingState.hidden = view.board !== null;
    if (view.board !== null) arrival.stop();
    emptyState.hidden = view.board === null || view.notes.length > 0;
    // Without a note to focus, the scroller itself takes the focus, so the keyboard can scroll its zones.
    if (view.notes.length === 0) scroller.tabIndex = 0;
    else scroller.removeAttribute('tabindex');
    addButton.disabled = !view.board || !canEdit();
    addButton.hidden = role() === 'observer';
    banner.update(connection.status, locked() && role() !== 'animator', model.pendingCount);
    doneButton?.setAttribute('aria-pressed', String(workshop.state?.participant?.done ?? false));
    const edited = editor.editing;
    if (edited?.kind === 'existing') {
      const note = view.notes.find((candidate) => candidate.id === edited.noteId);
      if (!note) context.toast(t.error('unknown_note'));
      editor.refresh(note);
    }
  }

  const announce = (event: BoardEvent | WorkshopEvent) => {
    const message = announcement(t, event);
    if (message) announcer.announce(message);
  };
  const agenda = agendaBanner(t, workshop, {
    variant: 'phone',
    group: () => boardId,
    onFrozen: (now) => {
      frozen = now;
      render();
    },
  });
  const stops = [
    model.subscribe(render),
    model.onRemoteEvent(announce),
    workshop.onRemoteEvent((event) => {
      if (event.type === 'board.locked' && event.board === boardId) announce(event);
      followAnimator(event);
    }),
    model.onError((code) => context.toast(t.error(code))),
    connection.onStatusChange(render),
    workshop.subscribe(() => {
      renderNavigation();
      ballot.update();
      axes.update();
      // The roster may arrive after the editor opened: its speakers show up without reopening it.
      picker?.rosterChanged();
      render();
    }),
  ];
  render();

  const element = h(
    'section',
    { className: 'screen board-screen' },
    h(
      'div',
      { className: 'board-header' },
      h('div', { className: 'board-heading' }, heading, workshopTitle),
      navigation,
    ),
    banner.element,
    recap.element,
    agenda.element,
    ballot.element,
    axes.element,
    barometer.element,
    charterSlot,
    privateBanner,
    h('p', { id: 'note-keyboard-help', className: 'visually-hidden' }, t.t('board.keyboardHelp')),
    // Before the board in the tab order, a Tab or two from the top; shown below it, under the thumb.
    h('div', { className: 'board-actions' }, addButton, doneButton, zoom.controls),
    h('div', { className: 'board-frame' }, scroller, loadingState, emptyState),
    editor.element,
    announcer.element,
  );
  scroller.append(canvas.element);

  return {
    element,
    destroy: () => {
      window.removeEventListener('pagehide', commitAllDeletions);
      commitAllDeletions();
      stops.forEach((stop) => stop());
      announcer.stop();
      agenda.stop();
      zoom.stop();
      editor.close('away');
      board.stop();
      workshop.stop();
      arrival.stop();
    },
  };
}
