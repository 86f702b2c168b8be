import { PROTOCOL, type CommandType, type EventType, type FieldsOf, type StreamKind } from './schema';

/** The Parvis wire protocol, version 2: the client side of docs/protocol.md and docs/protocol.schema.json. */

export const PROTOCOL_VERSION = PROTOCOL.version;

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

/** Milliseconds since 1970-01-01 UTC, from the server. */
export type Timestamp = number;

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
  /** `open`, or `private`: notes written now wait for the animator's reveal. */
  mode: string;
  /** Everyone may edit and delete every note, not only their own. */
  anyoneEdits: boolean;
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
  /** The revision of the board stream that created the note: overlapping notes stack by it. */
  order: number;
  /** Written in private mode and not revealed yet: only its author and the animators have it. */
  unrevealed?: boolean;
  /** Revealed without its author: `author` and `authorName` are empty for all but the author. */
  anonymous?: boolean;
  /** The animator who hid it: only its author and the animators still have it. */
  hiddenBy?: string;
  /** The animator who last changed it, when it is not theirs. */
  moderatedBy?: string;
}


/** What the schema's named types stand for. */
interface NamedTypes {
  Note: Note;
  Board: Board;
  Participant: Participant;
  Workshop: Workshop;
  color: NoteColor;
}

type Simplify<T> = { [K in keyof T]: T[K] } & {};
type Commands = typeof PROTOCOL.commands;
type Events = typeof PROTOCOL.events;

// ---- Commands, sent to COMMAND_ADDRESS ----

export type CommandOf<T extends CommandType> = Simplify<{ type: T } & FieldsOf<Commands[T]['fields'], NamedTypes>>;
export type Command = { [T in CommandType]: CommandOf<T> }[CommandType];

/** Commands that change a stream of this kind: they carry a client-made id the server applies at most once. */
export type ChangeCommand = {
  [T in CommandType]: Commands[T]['stream'] extends StreamKind ? CommandOf<T> : never;
}[CommandType];
export type ChangeCommandOf<K extends StreamKind> = Extract<
  ChangeCommand,
  { type: { [T in CommandType]: Commands[T]['stream'] extends K ? T : never }[CommandType] }
>;
export type BoardCommand = ChangeCommandOf<'board'>;
export type WorkshopCommand = ChangeCommandOf<'workshop'>;

/** What a client sends to create a note; the server adds the author, the instants and the order. */
export type NoteDraft = CommandOf<'note.create'>['note'];
export type NoteFields = CommandOf<'note.update'>['fields'];

// ---- Events ----

/** `board:<boardId>` or `workshop:<workshopId>`. */
export type StreamId = string;

type Envelope = FieldsOf<typeof PROTOCOL.envelope, NamedTypes>;
/** A shadow stands for an event its follower may not see, so that revisions stay without gaps. */
type ShadowEnvelope = Pick<Envelope, 'stream' | 'rev' | 'h' | 'at'>;

export type EventOf<T extends EventType> = Simplify<
  { type: T } & (Events[T] extends { envelope: false }
    ? unknown
    : T extends 'hidden'
      ? ShadowEnvelope
      : Omit<Envelope, 'type'>) &
    FieldsOf<Events[T]['fields'], NamedTypes>
>;
export type ServerEvent = { [T in EventType]: EventOf<T> }[EventType];

/** The events of a stream of this kind that carry a revision and the command that caused them. */
export type StreamEventOf<K extends StreamKind> = Extract<
  ServerEvent,
  { type: { [T in EventType]: Events[T]['stream'] extends K ? T : never }[EventType] }
>;
export type BoardEvent = StreamEventOf<'board'>;
export type WorkshopEvent = StreamEventOf<'workshop'>;
export type HiddenEvent = EventOf<'hidden'>;
export type StreamResyncEvent = EventOf<'stream.resync'>;
export type StreamHeadEvent = EventOf<'stream.head'>;
/** Everything that may arrive on the address of a stream of this kind. */
export type StreamMessageOf<K extends StreamKind> = StreamEventOf<K> | HiddenEvent | StreamResyncEvent | StreamHeadEvent;

// ---- Replies ----

export type ServerErrorCode = (typeof PROTOCOL.errors)[number];

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
  stream: StreamId;
  rev: number;
  /** The command id was applied before, at `rev`: nothing changed this time. */
  duplicate?: boolean;
}

export interface BoardSnapshot {
  board: Board;
  /** In stream order: the order of the revisions that created them. */
  notes: Note[];
  /** How many notes of the board wait, private, for a reveal (the reader's own included). */
  privateCount?: number;
}

export interface WorkshopSnapshot {
  /** For animators, the participants who joined so far. */
  workshop: Workshop & { participants?: Participant[] };
}

export interface SnapshotOf {
  board: BoardSnapshot;
  workshop: WorkshopSnapshot;
}

interface SyncReplyHead {
  ok: true;
  stream: StreamId;
  rev: number;
  /** The chain hash of the stream's history at `rev`. */
  h: string;
}

export type SyncReplyOf<K extends StreamKind> =
  | (SyncReplyHead & { events: (StreamEventOf<K> | HiddenEvent)[] })
  | (SyncReplyHead & { snapshot: SnapshotOf[K] });
export type SyncReply = SyncReplyOf<'board'> | SyncReplyOf<'workshop'>;

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

/** A note an animator may restore, with who deleted it and when. */
export interface DeletedNote {
  note: Note;
  by: string;
  byName: string;
  at: Timestamp;
}

export interface BoardTrashReply {
  ok: true;
  board: string;
  /** Newest deletion first. */
  deleted: DeletedNote[];
}

type SuccessReplyByType = { [T in ChangeCommand['type']]: ChangeReply } & {
  'stream.sync': SyncReply;
  'workshop.get': WorkshopGetReply;
  'board.trash': BoardTrashReply;
};

export type ReplyTo<C extends Command> = SuccessReplyByType[C['type']] | ErrorReply;

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
