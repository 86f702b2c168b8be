/** The Parvis wire protocol, version 1: the client side of docs/protocol.md. */

export const PROTOCOL_VERSION = 1;

export const NOTE_COLORS = ['yellow', 'pink', 'blue', 'green', 'orange', 'purple'] as const;
export type NoteColor = (typeof NOTE_COLORS)[number];

export const TEMPLATES = ['free', 'pepites', 'grille', 'tendances', 'barometre'] as const;
export type Template = (typeof TEMPLATES)[number];

export const CATEGORIES = ['elu', 'acteur', 'habitant', 'autre'] as const;
export type Category = (typeof CATEGORIES)[number];

export type Role = 'animator' | 'participant' | 'observer';

export const LIMITS = {
  noteText: 500,
  participantName: 40,
  workshopTitle: 120,
  groupName: 60,
  groups: 12,
  coordinate: 10_000,
} as const;

export const JOIN_CODE_LENGTH = 6;
export const JOIN_CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
/** Note ids and command ids: 1 to 64 (notes: 40) characters of this set. */
export const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

// protocol.md does not fix the format of instants; the client only carries them.
export type Timestamp = string | number;

export interface Zone {
  id: string;
  title: string;
}

export interface Board {
  id: string;
  name: string;
  template: Template;
  zones: Zone[];
  locked: boolean;
}

export interface Plenary {
  boards: string[];
}

export interface Workshop {
  id: string;
  title: string;
  date: string | null;
  code: string;
  boards: Board[];
  plenary: Plenary;
}

export interface Participant {
  id: string;
  name: string;
  category: Category;
  board: string | null;
}

export interface Note {
  id: string;
  text: string;
  color: NoteColor;
  zone: string;
  x: number;
  y: number;
  author: string;
  authorName: string;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

/** What a client sends to create a note; the server adds the author and the instants. */
export type NoteDraft = Pick<Note, 'id' | 'text' | 'color' | 'zone' | 'x' | 'y'>;
export type NoteFields = Partial<Omit<NoteDraft, 'id'>>;

// ---- Commands, sent to COMMAND_ADDRESS ----

export interface NoteCreateCommand {
  type: 'note.create';
  id: string;
  board: string;
  note: NoteDraft;
}

export interface NoteUpdateCommand {
  type: 'note.update';
  id: string;
  board: string;
  noteId: string;
  fields: NoteFields;
}

export interface NoteDeleteCommand {
  type: 'note.delete';
  id: string;
  board: string;
  noteId: string;
}

export interface BoardLockCommand {
  type: 'board.lock';
  id: string;
  board: string;
  locked: boolean;
}

export interface BoardSyncCommand {
  type: 'board.sync';
  board: string;
  since?: number;
}

export interface PlenaryShowCommand {
  type: 'plenary.show';
  boards: string[];
}

export interface WorkshopGetCommand {
  type: 'workshop.get';
}

/** Commands that change a board: they carry a client-made id the server applies at most once. */
export type BoardChangeCommand = NoteCreateCommand | NoteUpdateCommand | NoteDeleteCommand | BoardLockCommand;

export type Command = BoardChangeCommand | BoardSyncCommand | PlenaryShowCommand | WorkshopGetCommand;

// ---- Replies ----

export type ServerErrorCode =
  | 'invalid_json'
  | 'too_large'
  | 'unknown_command'
  | 'invalid_field'
  | 'text_too_long'
  | 'invalid_token'
  | 'forbidden'
  | 'unknown_board'
  | 'unknown_note'
  | 'note_exists'
  | 'board_locked'
  | 'too_many_notes'
  | 'rate_limited'
  | 'unavailable';

/** Errors that only the HTTP API answers. */
export type HttpErrorCode = 'unknown_code' | 'too_many_animators';

export interface ErrorReply {
  ok: false;
  error: ServerErrorCode;
  message: string;
  field?: string;
}

export interface ChangeReply {
  ok: true;
  rev: number;
  duplicate?: boolean;
}

export interface BoardSnapshot {
  board: Board;
  notes: Note[];
}

export type SyncReply =
  { ok: true; rev: number; events: RevisionedBoardEvent[] } | { ok: true; rev: number; snapshot: BoardSnapshot };

export interface PlenaryShowReply {
  ok: true;
  plenary: Plenary;
}

/** Links an animator hands out; only animators receive them. */
export interface SharedLinks {
  join: string;
  observer: string;
}

/** Who an animator's token proves: only the lead animator invites others. */
export interface AnimatorSelf {
  id: string;
  name: string;
  board: string | null;
  lead: boolean;
}

export interface WorkshopGetReply {
  ok: true;
  role: Role;
  participant: Participant | null;
  workshop: Workshop;
  links?: SharedLinks;
  /** Animators only. */
  animator?: AnimatorSelf;
}

interface SuccessReplyByType {
  'note.create': ChangeReply;
  'note.update': ChangeReply;
  'note.delete': ChangeReply;
  'board.lock': ChangeReply;
  'board.sync': SyncReply;
  'plenary.show': PlenaryShowReply;
  'workshop.get': WorkshopGetReply;
}

export type ReplyTo<C extends Command> = SuccessReplyByType[C['type']] | ErrorReply;

// ---- Events ----

interface EventEnvelope {
  board: string;
  rev: number;
  /** The id of the command that caused the event. */
  cmd: string;
  /** The participant id, or `animator`. */
  by: string;
  at: Timestamp;
}

export interface NoteCreatedEvent extends EventEnvelope {
  type: 'note.created';
  note: Note;
}

export interface NoteUpdatedEvent extends EventEnvelope {
  type: 'note.updated';
  noteId: string;
  fields: NoteFields;
}

export interface NoteDeletedEvent extends EventEnvelope {
  type: 'note.deleted';
  noteId: string;
}

export interface BoardLockedEvent extends EventEnvelope {
  type: 'board.locked';
  locked: boolean;
}

export interface BoardResyncEvent {
  type: 'board.resync';
  board: string;
}

export type RevisionedBoardEvent = NoteCreatedEvent | NoteUpdatedEvent | NoteDeletedEvent | BoardLockedEvent;
export type BoardEvent = RevisionedBoardEvent | BoardResyncEvent;

export interface PlenaryChangedEvent {
  type: 'plenary.changed';
  workshop: string;
  plenary: Plenary;
}

export interface ParticipantJoinedEvent {
  type: 'participant.joined';
  workshop: string;
  participant: Participant;
}

export type WorkshopEvent = PlenaryChangedEvent | ParticipantJoinedEvent;

// ---- HTTP API ----

export interface GroupDraft {
  name: string;
  template: Template;
}

export interface CreateWorkshopRequest {
  title: string;
  date?: string;
  /** The lead animator's name; `Animation` when none. */
  animatorName?: string;
  groups: GroupDraft[];
}

export interface CreateWorkshopResponse {
  workshop: Workshop;
  animatorToken: string;
  observerToken: string;
  links: { join: string; animator: string; observer: string };
}

export interface JoinCodeLookup {
  id: string;
  title: string;
  date: string | null;
  boards: Pick<Board, 'id' | 'name'>[];
}

export interface JoinRequest {
  code: string;
  name: string;
  category?: Category;
  board?: string;
}

export interface JoinResponse {
  token: string;
  participant: Participant;
  workshop: Workshop;
}

export interface SessionResponse {
  role: Role;
  participant: Participant | null;
  workshop: Workshop;
}

/** `POST /api/animators`, with the lead animator's token. */
export interface AnimatorInvitationRequest {
  name: string;
  board?: string;
}

export interface AnimatorInvitationResponse {
  animator: { id: string; name: string; board: string | null };
  token: string;
  link: string;
}

export interface HttpErrorBody {
  error: ServerErrorCode | HttpErrorCode;
  message: string;
}
