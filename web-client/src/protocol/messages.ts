import { PROTOCOL, type CommandType, type EventType, type FieldsOf, type StreamKind } from './schema';

/** The Parvis wire protocol, version 2: the client side of docs/protocol.md and docs/protocol.schema.json. */

export const PROTOCOL_VERSION = PROTOCOL.version;

export const NOTE_COLORS = ['yellow', 'pink', 'blue', 'green', 'orange', 'purple'] as const;
export type NoteColor = (typeof NOTE_COLORS)[number];

export const TEMPLATES = ['free', 'pepites', 'grille', 'tendances', 'barometre', 'actions', 'approfondir', 'axe', 'charte'] as const;
export type Template = (typeof TEMPLATES)[number];
/** The board of a thematic axis is made by `axes.set`, not chosen for a sub-group. */
export const GROUP_TEMPLATES = TEMPLATES.filter((template) => template !== 'axe');

/**
 * The method's evenings (server: AtelierTemplate): each prepares its boards and agenda. `groups`:
 * the template the sub-groups' boards get (`choose`: each its own; `none`: the template makes its
 * own boards, the sub-groups come later).
 */
export const ATELIERS = {
  atelier1: { groups: 'free' },
  atelier2: { groups: 'tendances' },
  atelier3: { groups: 'none' },
  atelier4: { groups: 'none' },
  axes: { groups: 'none' },
  libre: { groups: 'choose' },
} as const satisfies Record<string, { groups: Template | 'choose' | 'none' }>;
export type Atelier = keyof typeof ATELIERS;

export const CATEGORIES = ['elu', 'acteur', 'habitant', 'autre'] as const;
export type Category = (typeof CATEGORIES)[number];
/** A participant's category as given at join: one of the four, or "unsaid" ("je préfère ne pas dire", or none given). */
export type ParticipantCategory = Category | 'unsaid';

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
  /** The group menu is closed: participants stay on their own group's board and the plenary's. */
  groupsLocked?: boolean;
  /** How the projector shows the join code, once an animator chose; before, the projector decides. */
  joinDisplay?: JoinDisplay;
}

export const JOIN_DISPLAYS = ['large', 'corner', 'hidden'] as const;
export type JoinDisplay = (typeof JOIN_DISPLAYS)[number];

export interface Participant {
  id: string;
  name: string;
  category: ParticipantCategory;
  board: string | null;
  /** Said "j'ai fini". */
  done?: boolean;
}

/** Whom an animator writes a note for: a roster participant by id, or a name and category typed once. */
export interface Speaker {
  id?: string;
  name?: string;
  category?: Category;
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
  /** On a note an animator wrote for a speaker (scribe mode): the speaker's category and the animator. */
  authorCategory?: Category;
  scribe?: string;
  scribeName?: string;
  /** Written in private mode and not revealed yet: only its author and the animators have it. */
  unrevealed?: boolean;
  /** Revealed without its author: `author` and `authorName` are empty for all but the author. */
  anonymous?: boolean;
  /** The animator who hid it: only its author and the animators still have it. */
  hiddenBy?: string;
  /** The animator who last changed it, when it is not theirs. */
  moderatedBy?: string;
  /** The id of its photo (served at `photoUrl`); in a change, `''` takes the photo off. */
  photo?: string;
}

/** A note a vote is on, with its text when the vote opened. */
export interface VoteItem {
  board: string;
  noteId: string;
  text: string;
}

export interface Vote {
  id: string;
  title: string;
  /** None: every board of the workshop. */
  board?: string;
  zone?: string;
  budget: number;
  maxPerItem: number;
  anonymous: boolean;
  /** The count of each note is shown while the vote is open (never who placed a dot). */
  live: boolean;
  items: VoteItem[];
  status: 'open' | 'closed' | (string & {});
  openedAt: Timestamp;
  /** The workshop's sequence when the vote opened, when it had one. */
  sequence?: string;
  /** The clusters its notes fell in when it opened (absent when none): each is one line of the results. */
  clusters?: VoteCluster[];
}

export interface VoteCluster {
  board: string;
  cluster: string;
  title: string;
  /** Those of its notes that are items of the vote. */
  notes: string[];
}

/** A cluster of a board's notes; `notes`: the members this reader sees, in stream order. */
export interface Cluster {
  id: string;
  /** `""`: untitled. */
  title: string;
  /** Where it stands while empty. */
  x: number;
  y: number;
  order: number;
  notes: string[];
}

/** People with at least one dot, dots placed; for a live vote, the item (`<board>/<noteId>`) that moved and its count. */
export interface VoteProgress {
  voters: number;
  dots: number;
  item?: string;
  count?: number;
}

export interface RankedItem {
  board: string;
  /** Absent on a cluster's line. */
  noteId?: string;
  text: string;
  dots: number;
  /** Equal dots share a rank: 1, 2, 2, 4. */
  rank: number;
  tied: boolean;
  /** Names, for a named vote only. */
  voters: string[];
  /** A cluster's line: its id, and how many of its notes were voted on; `text` is its title. */
  cluster?: string;
  notes?: number;
}

export interface VoteResult {
  voters: number;
  dots: number;
  ranking: RankedItem[];
  /** Only the categories with at least 3 voters. */
  categories: { category: string; voters: number; ranking: RankedItem[] }[];
}

/** A vote in a workshop snapshot, as this reader may see it. */
export interface VoteSnapshot {
  vote: Vote;
  progress: VoteProgress;
  /** This reader's own dots, by `<board>/<noteId>`. */
  mine: Record<string, number>;
  /** A live vote's counts. */
  tally?: Record<string, number>;
  /** Once closed. */
  result?: VoteResult;
}

export const SEQUENCE_KINDS = ['subgroups', 'plenary', 'break'] as const;
export type SequenceKind = (typeof SEQUENCE_KINDS)[number];

/** One step of the evening's agenda; `boards` empty means every board. */
export interface Sequence {
  id: string;
  title: string;
  kind: SequenceKind;
  minutes: number;
  boards: string[];
}

/** Running while `endsAt` (server time) is set, paused while `remainingMs` is. */
export interface Timer {
  durationMs: number;
  endsAt?: Timestamp;
  remainingMs?: number;
  freezeAtZero: boolean;
}

/** A public signature of a charter's commitment: who, by name and category, and when. */
export interface Signature {
  id: string;
  name: string;
  category: string;
  at: Timestamp;
}

/** A commitment of the charter (atelier 4): under one indicator (`zone`), with its author's category. */
export interface Commitment {
  id: string;
  zone: string;
  text: string;
  category: string;
  at: Timestamp;
  /** Changed by an animator (edit or merge) after it was written. */
  edited: boolean;
  /** In signing order. */
  signatures: Signature[];
}

/** A charter board's charter: everything in it is public. */
export interface CharterSnapshot {
  frozen: boolean;
  frozenAt?: Timestamp;
  /** In the charter's order (an indicator's commitments in its order). */
  commitments: Commitment[];
}

/** What the schema's named types stand for. */
interface NamedTypes {
  Note: Note;
  Board: Board;
  Participant: Participant;
  Speaker: Speaker;
  Workshop: Workshop;
  Sequence: Sequence;
  Timer: Timer;
  VoteItem: VoteItem;
  Vote: Vote;
  VoteProgress: VoteProgress;
  RankedItem: RankedItem;
  VoteResult: VoteResult;
  Signature: Signature;
  Commitment: Commitment;
  VoteCluster: VoteCluster;
  Cluster: Cluster;
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
export type HttpErrorCode = 'unknown_code' | 'too_many_animators' | 'unknown_participant';

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
  /** A barometer board's barometer, as this reader may see it (`mine`: its own answers only). */
  barometer?: BarometerSnapshot;
  /** A charter board's charter. */
  charter?: CharterSnapshot;
  /** Its clusters, each with the members this reader sees. */
  clusters?: Cluster[];
}

export interface BarometerSnapshot {
  indicators: CommandOf<'barometer.set'>['indicators'];
  /** "steps" (7) or "continuous" (0 to 100); a tally counts each place of it. */
  scale?: string;
  tallies: EventOf<'barometer.answered'>['tally'][];
  closed: boolean;
  /** Empty until the barometer is closed. */
  split: EventOf<'barometer.closed'>['split'];
  /** Per indicator: "1" to "7" (or "0" to "100"), "unknown", or '' where this reader has not answered. */
  mine: string[];
}

export interface WorkshopSnapshot {
  /** For animators, the participants who joined so far. */
  workshop: Workshop & { participants?: Participant[] };
  agenda?: { sequences: Sequence[]; current?: string; startedAt?: Timestamp };
  /** The timers that are set: the workshop's (no `group`) and groups' own. */
  timers?: { group?: string; timer: Timer }[];
  /** In opening order. */
  votes?: VoteSnapshot[];
  /** Only for a workshop that opens with the recap of its démarche's previous atelier. */
  recap?: { shown: boolean };
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

/** When an idle workshop will be deleted (ms since the epoch), and from when its animators are warned. */
export interface RetentionDates {
  deletesAt: Timestamp;
  warnFrom: Timestamp;
}

export interface WorkshopGetReply {
  ok: true;
  role: Role;
  participant: Participant | null;
  workshop: Workshop;
  links?: SharedLinks;
  /** Animators only. */
  animator?: AnimatorSelf;
  /** Animators only, unless the server keeps workshops for good. */
  retention?: RetentionDates;
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
  'clock.get': { ok: true; time: Timestamp };
  'sequence.snapshot': { ok: true; snapshots?: SequenceSnapshot[]; notes?: Note[] };
  'board.trash': BoardTrashReply;
};

/** What a sequence left when it ended: its boards' notes, read with `sequence.snapshot`. */
export interface SequenceSnapshot {
  n: number;
  sequence: string;
  title: string;
  kind: SequenceKind;
  startedAt: Timestamp;
  endedAt: Timestamp;
  boards: string[];
}

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
  /** The evening's template; `libre` when none. */
  atelier?: Atelier;
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

/** `POST /api/workshop/code`, lead animator only: the old code stops working. */
export interface NewJoinCodeResponse {
  code: string;
  links: SharedLinks;
}

/** `POST /api/workshop/observer-link`, lead animator only: the old observer link stops working. */
export interface NewObserverLinkResponse {
  links: SharedLinks;
}

export interface HttpErrorBody {
  error: ServerErrorCode | HttpErrorCode;
  message: string;
}
