/**
 * The protocol's typed descriptor: the same object as docs/protocol.schema.json (a test fails when
 * they differ), kept here `as const` so that the command and event unions of messages.ts are
 * derived from it and its keys exist at run time. Adding an element type starts with one entry here.
 */
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
      unrevealed: 'boolean?',
      anonymous: 'boolean?',
      hiddenBy: 'string?',
      moderatedBy: 'string?',
    },
    Board: {
      id: 'boardId',
      name: 'string',
      template: 'string',
      zones: [{ id: 'string', title: 'string' }],
      locked: 'boolean',
      mode: 'string',
      anyoneEdits: 'boolean',
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
    'board.configure': {
      stream: 'workshop',
      roles: ['animator'],
      fields: { id: 'commandId', board: 'boardId', mode: 'string', anyoneEdits: 'boolean' },
    },
    'board.reveal': {
      stream: 'board',
      roles: ['animator'],
      fields: { id: 'commandId', board: 'boardId', anonymous: 'boolean' },
    },
    'note.hide': {
      stream: 'board',
      roles: ['animator'],
      fields: { id: 'commandId', board: 'boardId', noteId: 'noteId' },
    },
    'note.restore': {
      stream: 'board',
      roles: ['animator'],
      fields: { id: 'commandId', board: 'boardId', noteId: 'noteId' },
    },
    'note.merge': {
      stream: 'board',
      roles: ['animator'],
      fields: { id: 'commandId', board: 'boardId', noteId: 'noteId', otherId: 'noteId' },
    },
    'board.trash': {
      stream: 'none',
      roles: ['animator'],
      fields: { board: 'boardId' },
    },
    'plenary.show': {
      stream: 'workshop',
      roles: ['animator'],
      fields: { id: 'commandId', boards: ['boardId'] },
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
    'note.created': { stream: 'board', fields: { note: 'Note', privateCount: 'number?' } },
    'note.updated': {
      stream: 'board',
      fields: {
        noteId: 'noteId',
        fields: { text: 'string?', color: 'color?', zone: 'string?', x: 'number?', y: 'number?' },
        moderatedBy: 'string?',
      },
    },
    'note.deleted': { stream: 'board', fields: { noteId: 'noteId', privateCount: 'number?' } },
    'notes.revealed': { stream: 'board', fields: { board: 'boardId', anonymous: 'boolean', notes: ['Note'] } },
    'note.hidden': { stream: 'board', fields: { noteId: 'noteId', hiddenBy: 'string' } },
    'note.restored': { stream: 'board', fields: { note: 'Note', privateCount: 'number?' } },
    'notes.merged': {
      stream: 'board',
      fields: { noteId: 'noteId', otherId: 'noteId', text: 'string', moderatedBy: 'string' },
    },
    'board.locked': { stream: 'workshop', fields: { board: 'boardId', locked: 'boolean' } },
    'board.configured': {
      stream: 'workshop',
      fields: { board: 'boardId', mode: 'string', anyoneEdits: 'boolean' },
    },
    'plenary.changed': { stream: 'workshop', fields: { plenary: { boards: ['boardId'] } } },
    'participant.joined': { stream: 'workshop', audience: 'animators', fields: { participant: 'Participant' } },
    hidden: { stream: 'any', fields: { privateCount: 'number?', withdrawn: 'noteId?' } },
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
    'not_author',
    'note_not_public',
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
