/**
 * The protocol's typed descriptor: the same object as docs/protocol.schema.json (a test fails when
 * they differ), kept here `as const` so that the command and event unions of messages.ts are
 * derived from it and its keys exist at run time. Adding an element type starts with one entry here.
 */
/** A dot placed or taken back, as its voter learns it (`vote.placed`, `vote.retracted`). */
const DOT_EVENT_FIELDS = {
  vote: 'string',
  board: 'boardId',
  noteId: 'noteId',
  mine: 'number',
  used: 'number',
  progress: 'VoteProgress',
} as const;

export const PROTOCOL = {
  version: 2,
  fieldTypes:
    'string | number | boolean | commandId | noteId | boardId | streamId | color | zone | [T] | {...} ; a trailing ? marks optional',
  types: {
    Note: {
      id: 'noteId',
      text: 'string',
      color: 'color',
      zone: 'string',
      x: 'number',
      y: 'number',
      author: 'string',
      authorName: 'string',
      createdAt: 'number',
      updatedAt: 'number',
      order: 'number',
    },
    Board: {
      id: 'boardId',
      name: 'string',
      template: 'string',
      zones: [{ id: 'string', title: 'string' }],
      locked: 'boolean',
    },
    Participant: { id: 'string', name: 'string', category: 'string', board: 'boardId?' },
    Workshop: {
      id: 'string',
      title: 'string',
      date: 'string?',
      code: 'string',
      boards: ['Board'],
      plenary: { boards: ['boardId'] },
    },
    VoteItem: { board: 'boardId', noteId: 'noteId', text: 'string' },
    Vote: {
      id: 'string',
      title: 'string',
      board: 'boardId?',
      zone: 'string?',
      budget: 'number',
      maxPerItem: 'number',
      anonymous: 'boolean',
      live: 'boolean',
      items: ['VoteItem'],
      status: 'string',
      openedAt: 'number',
      sequence: 'string?',
    },
    VoteProgress: { voters: 'number', dots: 'number', item: 'string?', count: 'number?' },
    RankedItem: {
      board: 'boardId',
      noteId: 'noteId',
      text: 'string',
      dots: 'number',
      rank: 'number',
      tied: 'boolean',
      voters: ['string'],
    },
    VoteResult: {
      voters: 'number',
      dots: 'number',
      ranking: ['RankedItem'],
      categories: [{ category: 'string', voters: 'number', ranking: ['RankedItem'] }],
    },
  },
  envelope: {
    type: 'string',
    stream: 'streamId',
    rev: 'number',
    h: 'string',
    cmd: 'commandId',
    by: 'string',
    at: 'number',
  },
  commands: {
    'note.create': {
      stream: 'board',
      roles: ['participant', 'animator'],
      fields: {
        id: 'commandId',
        board: 'boardId',
        note: { id: 'noteId', text: 'string', color: 'color', zone: 'string', x: 'number', y: 'number' },
      },
    },
    'note.update': {
      stream: 'board',
      roles: ['participant', 'animator'],
      fields: {
        id: 'commandId',
        board: 'boardId',
        noteId: 'noteId',
        fields: { text: 'string?', color: 'color?', zone: 'string?', x: 'number?', y: 'number?' },
      },
    },
    'note.delete': {
      stream: 'board',
      roles: ['participant', 'animator'],
      fields: { id: 'commandId', board: 'boardId', noteId: 'noteId' },
    },
    'board.lock': {
      stream: 'workshop',
      roles: ['animator'],
      fields: { id: 'commandId', board: 'boardId', locked: 'boolean' },
    },
    'plenary.show': {
      stream: 'workshop',
      roles: ['animator'],
      fields: { id: 'commandId', boards: ['boardId'] },
    },
    'vote.open': {
      stream: 'workshop',
      roles: ['animator'],
      fields: {
        id: 'commandId',
        vote: 'string',
        title: 'string?',
        board: 'boardId?',
        zone: 'string?',
        notes: ['noteId'],
        budget: 'number',
        maxPerItem: 'number?',
        anonymous: 'boolean?',
        live: 'boolean?',
      },
    },
    'vote.cast': {
      stream: 'workshop',
      roles: ['participant'],
      fields: { id: 'commandId', vote: 'string', board: 'boardId', noteId: 'noteId' },
    },
    'vote.retract': {
      stream: 'workshop',
      roles: ['participant'],
      fields: { id: 'commandId', vote: 'string', board: 'boardId', noteId: 'noteId' },
    },
    'vote.close': {
      stream: 'workshop',
      roles: ['animator'],
      fields: { id: 'commandId', vote: 'string' },
    },
    'stream.sync': {
      stream: 'any',
      roles: ['participant', 'animator', 'observer'],
      fields: { stream: 'streamId', since: 'number?', h: 'string?' },
    },
    'workshop.get': {
      stream: 'none',
      roles: ['participant', 'animator', 'observer'],
      fields: {},
    },
  },
  events: {
    'note.created': { stream: 'board', fields: { note: 'Note' } },
    'note.updated': {
      stream: 'board',
      fields: {
        noteId: 'noteId',
        fields: { text: 'string?', color: 'color?', zone: 'string?', x: 'number?', y: 'number?' },
      },
    },
    'note.deleted': { stream: 'board', fields: { noteId: 'noteId' } },
    'board.locked': { stream: 'workshop', fields: { board: 'boardId', locked: 'boolean' } },
    'plenary.changed': { stream: 'workshop', fields: { plenary: { boards: ['boardId'] } } },
    'participant.joined': { stream: 'workshop', audience: 'animators', fields: { participant: 'Participant' } },
    'vote.opened': { stream: 'workshop', fields: { vote: 'Vote' } },
    'vote.placed': {
      stream: 'workshop',
      audience: 'p:<voter>',
      fields: DOT_EVENT_FIELDS,
    },
    'vote.retracted': {
      stream: 'workshop',
      audience: 'p:<voter>',
      fields: DOT_EVENT_FIELDS,
    },
    'vote.closed': { stream: 'workshop', fields: { vote: 'string', result: 'VoteResult' } },
    hidden: { stream: 'any', fields: { vote: 'string?', progress: 'VoteProgress?' } },
    'stream.resync': { stream: 'any', envelope: false, fields: { stream: 'streamId' } },
    'stream.head': { stream: 'any', envelope: false, fields: { stream: 'streamId', rev: 'number', h: 'string' } },
  },
  errors: [
    'invalid_json',
    'too_large',
    'unknown_command',
    'invalid_field',
    'text_too_long',
    'invalid_token',
    'forbidden',
    'unknown_board',
    'unknown_note',
    'note_exists',
    'board_locked',
    'too_many_notes',
    'unknown_vote',
    'vote_exists',
    'vote_closed',
    'not_in_vote',
    'no_dots_left',
    'item_limit',
    'no_dot_here',
    'no_items',
    'too_many_items',
    'rate_limited',
    'unavailable',
  ],
} as const;

export type CommandType = keyof typeof PROTOCOL.commands;
export type EventType = keyof typeof PROTOCOL.events;
export type StreamKind = 'board' | 'workshop';

/** The TypeScript type of each field type name of the schema; `named` maps the schema's named types. */
interface FieldTypes<Named> {
  string: string;
  number: number;
  boolean: boolean;
  commandId: string;
  noteId: string;
  boardId: string;
  streamId: string;
  color: Named extends { color: infer C } ? C : string;
  zone: string;
}

type OptionalKeys<F> = { [K in keyof F]: F[K] extends `${string}?` ? K : never }[keyof F];
type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** The value a schema field type describes: scalars, named types, `[T]` lists and `{...}` records. */
export type ValueOf<T, Named> = T extends `${infer Inner}?`
  ? ValueOf<Inner, Named>
  : T extends keyof FieldTypes<Named>
    ? FieldTypes<Named>[T]
    : T extends keyof Named
      ? Named[T]
      : T extends readonly [infer Item]
        ? ValueOf<Item, Named>[]
        : T extends object
          ? FieldsOf<T, Named>
          : never;

export type FieldsOf<F, Named> = Simplify<
  { -readonly [K in Exclude<keyof F, OptionalKeys<F>>]: ValueOf<F[K], Named> } & {
    -readonly [K in OptionalKeys<F>]?: ValueOf<F[K], Named>;
  }
>;
