/**
 * The protocol's typed descriptor: the same object as docs/protocol.schema.json (a test fails when
 * they differ), kept here `as const` so that the command and event unions of messages.ts are
 * derived from it and its keys exist at run time. Adding an element type starts with one entry here.
 */
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
      authorCategory: 'string?',
      scribe: 'string?',
      scribeName: 'string?',
      unrevealed: 'boolean?',
      anonymous: 'boolean?',
      hiddenBy: 'string?',
      moderatedBy: 'string?',
      photo: 'string?',
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
    Participant: { id: 'string', name: 'string', category: 'string', board: 'boardId?', done: 'boolean?' },
    Speaker: { id: 'string?', name: 'string?', category: 'string?' },
    Workshop: {
      id: 'string',
      title: 'string',
      date: 'string?',
      code: 'string',
      boards: ['Board'],
      plenary: { boards: ['boardId'] },
      groupsLocked: 'boolean?',
      joinDisplay: 'string?',
    },
    Sequence: { id: 'string', title: 'string', kind: 'string', minutes: 'number', boards: ['boardId'] },
    Timer: { durationMs: 'number', endsAt: 'number?', remainingMs: 'number?', freezeAtZero: 'boolean' },
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
      clusters: ['VoteCluster'],
    },
    VoteProgress: { voters: 'number', dots: 'number', item: 'string?', count: 'number?' },
    RankedItem: {
      board: 'boardId',
      noteId: 'noteId?',
      text: 'string',
      dots: 'number',
      rank: 'number',
      tied: 'boolean',
      voters: ['string'],
      cluster: 'string?',
      notes: 'number?',
    },
    Signature: { id: 'string', name: 'string', category: 'string', at: 'number' },
    Commitment: {
      id: 'string',
      zone: 'string',
      text: 'string',
      category: 'string',
      at: 'number',
      edited: 'boolean',
      signatures: ['Signature'],
    },
    VoteResult: {
      voters: 'number',
      dots: 'number',
      ranking: ['RankedItem'],
      categories: [{ category: 'string', voters: 'number', ranking: ['RankedItem'] }],
    },
    VoteCluster: { board: 'boardId', cluster: 'string', title: 'string', notes: ['noteId'] },
    Cluster: { id: 'string', title: 'string', x: 'number', y: 'number', order: 'number', notes: ['noteId'] },
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
        note: { id: 'noteId', text: 'string', color: 'color', zone: 'string', x: 'number', y: 'number', photo: 'string?' },
        speaker: 'Speaker?',
      },
    },
    'note.update': {
      stream: 'board',
      roles: ['participant', 'animator'],
      fields: {
        id: 'commandId',
        board: 'boardId',
        noteId: 'noteId',
        fields: { text: 'string?', color: 'color?', zone: 'string?', x: 'number?', y: 'number?', photo: 'string?' },
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
    'cluster.create': {
      stream: 'board',
      roles: ['participant', 'animator'],
      fields: {
        id: 'commandId',
        board: 'boardId',
        cluster: 'string',
        title: 'string?',
        notes: ['noteId'],
        x: 'number?',
        y: 'number?',
      },
    },
    'cluster.join': {
      stream: 'board',
      roles: ['participant', 'animator'],
      fields: { id: 'commandId', board: 'boardId', cluster: 'string', noteId: 'noteId', x: 'number?', y: 'number?' },
    },
    'cluster.leave': {
      stream: 'board',
      roles: ['participant', 'animator'],
      fields: { id: 'commandId', board: 'boardId', noteId: 'noteId', x: 'number?', y: 'number?' },
    },
    'cluster.rename': {
      stream: 'board',
      roles: ['participant', 'animator'],
      fields: { id: 'commandId', board: 'boardId', cluster: 'string', title: 'string' },
    },
    'cluster.move': {
      stream: 'board',
      roles: ['participant', 'animator'],
      fields: { id: 'commandId', board: 'boardId', cluster: 'string', dx: 'number', dy: 'number' },
    },
    'cluster.dissolve': {
      stream: 'board',
      roles: ['participant', 'animator'],
      fields: { id: 'commandId', board: 'boardId', cluster: 'string' },
    },
    'plenary.show': {
      stream: 'workshop',
      roles: ['animator'],
      fields: { id: 'commandId', boards: ['boardId'] },
    },
    'agenda.set': {
      stream: 'workshop',
      roles: ['animator'],
      fields: { id: 'commandId', sequences: ['Sequence'] },
    },
    'sequence.go': {
      stream: 'workshop',
      roles: ['animator'],
      fields: { id: 'commandId', to: 'string' },
    },
    'timer.set': {
      stream: 'workshop',
      roles: ['animator'],
      fields: {
        id: 'commandId',
        action: 'string',
        group: 'boardId?',
        durationMs: 'number?',
        deltaMs: 'number?',
        freezeAtZero: 'boolean?',
      },
    },
    'sequence.snapshot': {
      stream: 'none',
      roles: ['animator'],
      fields: { n: 'number?', board: 'boardId?' },
    },
    'clock.get': {
      stream: 'none',
      roles: ['participant', 'animator', 'observer'],
      fields: {},
    },
    'join.display': {
      stream: 'workshop',
      roles: ['animator'],
      fields: { id: 'commandId', mode: 'string' },
    },
    'participant.move': {
      stream: 'workshop',
      roles: ['animator'],
      fields: { id: 'commandId', participant: 'string', board: 'boardId' },
    },
    'groups.lock': {
      stream: 'workshop',
      roles: ['animator'],
      fields: { id: 'commandId', locked: 'boolean' },
    },
    'group.follow': {
      stream: 'workshop',
      roles: ['animator'],
      fields: { id: 'commandId', board: 'boardId' },
    },
    'participant.done': {
      stream: 'workshop',
      roles: ['participant'],
      fields: { id: 'commandId', done: 'boolean' },
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
    'barometer.set': {
      stream: 'board',
      roles: ['animator'],
      fields: {
        id: 'commandId',
        board: 'boardId',
        indicators: [{ title: 'string', low: 'string', high: 'string' }],
        scale: 'string?',
      },
    },
    'barometer.answer': {
      stream: 'board',
      roles: ['participant'],
      fields: { id: 'commandId', board: 'boardId', indicator: 'number', value: 'string' },
    },
    'barometer.close': {
      stream: 'board',
      roles: ['animator'],
      fields: { id: 'commandId', board: 'boardId', closed: 'boolean' },
    },
    'atelier.deepen': { stream: 'workshop', roles: ['animator'], fields: { id: 'commandId', vote: 'string', keep: 'number?' } },
    'axes.set': { stream: 'workshop', roles: ['animator'], fields: { id: 'commandId', axes: ['string'] } },
    'axis.choose': { stream: 'workshop', roles: ['participant'], fields: { id: 'commandId', board: 'boardId' } },
    'commitment.create': {
      stream: 'board',
      roles: ['participant', 'animator'],
      fields: { id: 'commandId', board: 'boardId', commitmentId: 'string', zone: 'string', text: 'string' },
    },
    'commitment.edit': {
      stream: 'board',
      roles: ['animator'],
      fields: { id: 'commandId', board: 'boardId', commitmentId: 'string', text: 'string?', zone: 'string?' },
    },
    'commitment.delete': {
      stream: 'board',
      roles: ['animator'],
      fields: { id: 'commandId', board: 'boardId', commitmentId: 'string' },
    },
    'commitment.merge': {
      stream: 'board',
      roles: ['animator'],
      fields: { id: 'commandId', board: 'boardId', commitmentId: 'string', into: 'string', text: 'string' },
    },
    'commitment.reorder': {
      stream: 'board',
      roles: ['animator'],
      fields: { id: 'commandId', board: 'boardId', zone: 'string', order: ['string'] },
    },
    'commitment.sign': {
      stream: 'board',
      roles: ['participant'],
      fields: { id: 'commandId', board: 'boardId', commitmentId: 'string', signed: 'boolean' },
    },
    'charter.freeze': {
      stream: 'board',
      roles: ['animator'],
      fields: { id: 'commandId', board: 'boardId', frozen: 'boolean' },
    },
    'recap.display': { stream: 'workshop', roles: ['animator'], fields: { id: 'commandId', shown: 'boolean' } },
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
        fields: { text: 'string?', color: 'color?', zone: 'string?', x: 'number?', y: 'number?', photo: 'string?' },
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
    'cluster.created': { stream: 'board', fields: { cluster: 'Cluster' } },
    'cluster.joined': { stream: 'board', fields: { cluster: 'string', noteId: 'noteId', x: 'number?', y: 'number?' } },
    'cluster.left': { stream: 'board', fields: { cluster: 'string', noteId: 'noteId', x: 'number?', y: 'number?' } },
    'cluster.renamed': { stream: 'board', fields: { cluster: 'string', title: 'string' } },
    'cluster.moved': { stream: 'board', fields: { cluster: 'string', dx: 'number', dy: 'number' } },
    'cluster.dissolved': { stream: 'board', fields: { cluster: 'string' } },
    'board.locked': { stream: 'workshop', fields: { board: 'boardId', locked: 'boolean' } },
    'board.configured': {
      stream: 'workshop',
      fields: { board: 'boardId', mode: 'string', anyoneEdits: 'boolean' },
    },
    'plenary.changed': { stream: 'workshop', fields: { plenary: { boards: ['boardId'] } } },
    'agenda.changed': { stream: 'workshop', fields: { sequences: ['Sequence'] } },
    'sequence.changed': {
      stream: 'workshop',
      fields: { current: 'string?', startedAt: 'number?', snapshot: 'number?' },
    },
    'timer.changed': { stream: 'workshop', fields: { group: 'boardId?', timer: 'Timer?' } },
    'participant.joined': { stream: 'workshop', audience: 'animators', fields: { participant: 'Participant' } },
    'join.displayed': { stream: 'workshop', fields: { mode: 'string' } },
    'participant.moved': {
      stream: 'workshop',
      audience: 'p:<participant>|animators',
      fields: { participant: 'string', board: 'boardId' },
    },
    'groups.locked': { stream: 'workshop', fields: { locked: 'boolean' } },
    follow: { stream: 'workshop', audience: "the participants of the animator's group", fields: { board: 'boardId' } },
    'participant.finished': {
      stream: 'workshop',
      audience: 'p:<participant>|animators',
      fields: { participant: 'string', done: 'boolean' },
    },
    'participant.removed': { stream: 'workshop', audience: 'animators', fields: { participant: 'string' } },
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
    'barometer.changed': {
      stream: 'board',
      fields: { indicators: [{ title: 'string', low: 'string', high: 'string' }], scale: 'string' },
    },
    'barometer.answered': {
      stream: 'board',
      audience: 'author',
      shadow: { indicator: 'number', tally: { steps: ['number'], unknown: 'number' } },
      fields: { indicator: 'number', value: 'string', tally: { steps: ['number'], unknown: 'number' } },
    },
    'barometer.closed': {
      stream: 'board',
      fields: {
        closed: 'boolean',
        split: [{ indicator: 'number', category: 'string', steps: ['number'], unknown: 'number' }],
      },
    },
    'boards.added': { stream: 'workshop', fields: { boards: ['Board'] } },
    'commitment.created': { stream: 'board', fields: { commitment: 'Commitment' } },
    'commitment.edited': { stream: 'board', fields: { commitmentId: 'string', text: 'string?', zone: 'string?' } },
    'commitment.deleted': { stream: 'board', fields: { commitmentId: 'string' } },
    'commitments.merged': {
      stream: 'board',
      fields: { commitmentId: 'string', into: 'string', text: 'string', commitment: 'Commitment' },
    },
    'commitments.reordered': { stream: 'board', fields: { zone: 'string', order: ['string'] } },
    'commitment.signed': {
      stream: 'board',
      fields: { commitmentId: 'string', signed: 'boolean', signature: 'Signature', count: 'number' },
    },
    'charter.frozen': { stream: 'board', fields: { frozen: 'boolean', frozenAt: 'number?' } },
    'recap.displayed': { stream: 'workshop', fields: { shown: 'boolean' } },
    hidden: {
      stream: 'any',
      fields: {
        vote: 'string?',
        progress: 'VoteProgress?',
        privateCount: 'number?',
        withdrawn: 'noteId?',
        from: 'number?',
      },
    },
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
    'input_frozen',
    'too_many_notes',
    'unknown_participant',
    'groups_locked',
    'rate_limited',
    'unavailable',
    'sequence_in_progress',
    'no_next_sequence',
    'unknown_sequence',
    'timer_not_running',
    'timer_not_paused',
    'reload_required',
    'unknown_vote',
    'vote_exists',
    'vote_closed',
    'not_in_vote',
    'no_dots_left',
    'item_limit',
    'no_dot_here',
    'no_items',
    'too_many_items',
    'not_a_barometer',
    'unknown_indicator',
    'indicator_answered',
    'barometer_closed',
    'not_author',
    'note_not_public',
    'off_scale',
    'barometer_answered',
    'vote_not_closed',
    'already_deepened',
    'no_kept_actions',
    'axes_exist',
    'no_axes',
    'not_an_axis',
    'not_a_charter',
    'charter_frozen',
    'charter_not_frozen',
    'unknown_commitment',
    'commitment_exists',
    'too_many_commitments',
    'order_mismatch',
    'already_signed',
    'not_signed',
    'unknown_photo',
    'photo_not_image',
    'photo_too_large',
    'unknown_cluster',
    'cluster_exists',
    'too_many_clusters',
    'not_in_cluster',
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
