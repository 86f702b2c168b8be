import { boardStream } from '../protocol/addresses';
import { randomId } from '../protocol/ids';
import type { BoardCommand, BoardEvent, NoteDraft, NoteFields, Speaker } from '../protocol/messages';
import type { Answer, Indicator, Scale } from './barometer';
import type { ClientErrorCode } from './errors';
import { boardStreamType, type BoardState } from './note-reducer';
import { boardView, type BoardView, type LocalAuthor } from './optimistic';
import { StreamModel } from './stream-model';
import type { KeyValueStorage } from './storage';

export interface BoardModelOptions {
  boardId: string;
  storage: KeyValueStorage;
  author: LocalAuthor;
  newId?: () => string;
  now?: () => number;
}

/** One board's stream, with the note intents of its users and the view they see. */
export class BoardModel {
  readonly boardId: string;
  readonly stream: StreamModel<'board', BoardState>;
  private readonly newId: () => string;
  private cachedView: BoardView | null = null;

  constructor({ boardId, storage, author, newId = randomId, now }: BoardModelOptions) {
    this.boardId = boardId;
    this.newId = newId;
    // Stored under the board id, as before streams had ids: a reload after an upgrade still sends them.
    this.stream = new StreamModel({ stream: boardStream(boardId), type: boardStreamType(author), storage, storageKey: boardId, now });
    this.stream.subscribe(() => (this.cachedView = null));
  }

  get revision(): number {
    return this.stream.revision;
  }

  get pendingCount(): number {
    return this.stream.pendingCount;
  }

  get view(): BoardView {
    this.cachedView ??= boardView(this.stream.view, this.stream.pendingCommands);
    return this.cachedView;
  }

  subscribe(listener: () => void): () => void {
    return this.stream.subscribe(listener);
  }

  onRemoteEvent(listener: (event: BoardEvent) => void): () => void {
    return this.stream.onRemoteEvent(listener);
  }

  onError(listener: (code: ClientErrorCode) => void): () => void {
    return this.stream.onError(listener);
  }

  // ---- Intents ----

  /** `speaker`: an animator writes the note for someone else (scribe mode). */
  createNote(draft: Omit<NoteDraft, 'id'>, speaker?: Speaker): string {
    const note = { id: this.newId(), ...draft };
    this.stream.queue({ type: 'note.create', id: this.newId(), board: this.boardId, note, ...(speaker && { speaker }) });
    return note.id;
  }

  updateNote(noteId: string, fields: NoteFields): void {
    this.stream.queue({ type: 'note.update', id: this.newId(), board: this.boardId, noteId, fields });
  }

  deleteNote(noteId: string): void {
    this.stream.queue({ type: 'note.delete', id: this.newId(), board: this.boardId, noteId });
  }

  /** A participant places the territory on one scale: "1" to "7", or "unknown". */
  answerBarometer(indicator: number, value: Answer): void {
    this.stream.queue({ type: 'barometer.answer', id: this.newId(), board: this.boardId, indicator, value });
  }

  setBarometer(indicators: Indicator[], scale?: Scale): void {
    this.stream.queue({ type: 'barometer.set', id: this.newId(), board: this.boardId, indicators, ...(scale ? { scale } : {}) });
  }

  closeBarometer(closed: boolean): void {
    this.stream.queue({ type: 'barometer.close', id: this.newId(), board: this.boardId, closed });
  }

  // ---- The charter (atelier 4) ----

  writeCommitment(zone: string, text: string): string {
    const commitmentId = this.newId();
    this.stream.queue({ type: 'commitment.create', id: this.newId(), board: this.boardId, commitmentId, zone, text });
    return commitmentId;
  }

  /** "Je m'engage" (`signed`), or taking it back. */
  signCommitment(commitmentId: string, signed: boolean): void {
    this.stream.queue({ type: 'commitment.sign', id: this.newId(), board: this.boardId, commitmentId, signed });
  }

  editCommitment(commitmentId: string, change: { text?: string; zone?: string }): Promise<void> {
    return this.settled({ type: 'commitment.edit', id: this.newId(), board: this.boardId, commitmentId, ...change });
  }

  deleteCommitment(commitmentId: string): Promise<void> {
    return this.settled({ type: 'commitment.delete', id: this.newId(), board: this.boardId, commitmentId });
  }

  /** `commitmentId` joins `into`, which takes `text` and both commitments' signatures. */
  mergeCommitments(commitmentId: string, into: string, text: string): Promise<void> {
    return this.settled({ type: 'commitment.merge', id: this.newId(), board: this.boardId, commitmentId, into, text });
  }

  reorderCommitments(zone: string, order: string[]): void {
    this.stream.queue({ type: 'commitment.reorder', id: this.newId(), board: this.boardId, zone, order });
  }

  freezeCharter(frozen: boolean): Promise<void> {
    return this.settled({ type: 'charter.freeze', id: this.newId(), board: this.boardId, frozen });
}

  // ---- Clusters: participants and animators alike ----

  /** A new cluster with these notes (none: an empty titled one); its id. */
  createCluster(title: string, notes: string[]): string {
    const cluster = this.newId();
    this.stream.queue({ type: 'cluster.create', id: this.newId(), board: this.boardId, cluster, title, notes });
    return cluster;
  }

  joinCluster(cluster: string, noteId: string): void {
    this.stream.queue({ type: 'cluster.join', id: this.newId(), board: this.boardId, cluster, noteId });
  }

  leaveCluster(noteId: string): void {
    this.stream.queue({ type: 'cluster.leave', id: this.newId(), board: this.boardId, noteId });
  }

  renameCluster(cluster: string, title: string): void {
    this.stream.queue({ type: 'cluster.rename', id: this.newId(), board: this.boardId, cluster, title });
  }

  moveCluster(cluster: string, dx: number, dy: number): void {
    this.stream.queue({ type: 'cluster.move', id: this.newId(), board: this.boardId, cluster, dx, dy });
  }

  dissolveCluster(cluster: string): void {
    this.stream.queue({ type: 'cluster.dissolve', id: this.newId(), board: this.boardId, cluster });
  }

  // ---- The animators' moderation ----

  hideNote(noteId: string): Promise<void> {
    return this.settled({ type: 'note.hide', id: this.newId(), board: this.boardId, noteId });
  }

  restoreNote(noteId: string): Promise<void> {
    return this.settled({ type: 'note.restore', id: this.newId(), board: this.boardId, noteId });
  }

  /** `otherId`'s text joins `noteId`'s, and `otherId` leaves the board (to the trash). */
  mergeNotes(noteId: string, otherId: string): Promise<void> {
    return this.settled({ type: 'note.merge', id: this.newId(), board: this.boardId, noteId, otherId });
  }

  private settled(command: BoardCommand): Promise<void> {
    this.stream.queue(command);
    return this.stream.whenSettled(command.id);
  }
}
