import { readFileSync } from 'node:fs';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { Board, CommandOf, EventOf, Note, Participant, Vote, VoteProgress, Workshop } from './messages';
import { PROTOCOL } from './schema';

const schemaFile = new URL('../../../docs/protocol.schema.json', import.meta.url);

describe('the client protocol', () => {
  it('describes the same commands, events, types and errors as docs/protocol.schema.json', () => {
    const schema: unknown = JSON.parse(readFileSync(schemaFile, 'utf8'));
    expect(PROTOCOL).toEqual(schema);
  });

  it('derives its messages from the descriptor, field for field', () => {
    expectTypeOf<keyof Note>().toEqualTypeOf<keyof typeof PROTOCOL.types.Note>();
    expectTypeOf<keyof Board>().toEqualTypeOf<keyof typeof PROTOCOL.types.Board>();
    expectTypeOf<keyof Participant>().toEqualTypeOf<keyof typeof PROTOCOL.types.Participant>();
    expectTypeOf<keyof Workshop>().toEqualTypeOf<keyof typeof PROTOCOL.types.Workshop>();
    expectTypeOf<CommandOf<'note.update'>>().toEqualTypeOf<{
      type: 'note.update';
      id: string;
      board: string;
      noteId: string;
      fields: { text?: string; color?: Note['color']; zone?: string; x?: number; y?: number; photo?: string };
    }>();
    expectTypeOf<CommandOf<'plenary.show'>>().toEqualTypeOf<{ type: 'plenary.show'; id: string; boards: string[] }>();
    expectTypeOf<keyof Vote>().toEqualTypeOf<keyof typeof PROTOCOL.types.Vote>();
    expectTypeOf<EventOf<'hidden'>>().toEqualTypeOf<{
      type: 'hidden';
      stream: string;
      rev: number;
      h: string;
      at: number;
      vote?: string;
      progress?: VoteProgress;
      privateCount?: number;
      withdrawn?: string;
      from?: number;
    }>();
    expectTypeOf<EventOf<'stream.head'>>().toEqualTypeOf<{ type: 'stream.head'; stream: string; rev: number; h: string }>();
    expectTypeOf<EventOf<'board.locked'>>().toMatchTypeOf<{ cmd: string; by: string; board: string; locked: boolean }>();
  });
});
