import { randomUUID } from 'node:crypto';
import type { NoteColor } from '../../src/protocol/messages';
import type { BridgeClient } from './bridge';

export interface SeedNote {
  text: string;
  zone: string;
  color?: NoteColor;
  x?: number;
  y?: number;
}

const id = () => randomUUID().replace(/-/g, '').slice(0, 20);

/** Notes written straight through the bridge, as `token`'s participant, stacked down each zone. */
export async function seedNotes(bridge: BridgeClient, token: string, board: string, notes: SeedNote[]): Promise<void> {
  const nextY = new Map<string, number>();
  for (const note of notes) {
    const y = note.y ?? nextY.get(note.zone) ?? 12;
    nextY.set(note.zone, y + 120);
    const reply = await bridge.request<{ ok: boolean; error?: string }>(token, {
      type: 'note.create',
      id: id(),
      board,
      note: { id: id(), text: note.text, color: note.color ?? 'yellow', zone: note.zone, x: note.x ?? 12, y },
    });
    if (!reply.ok) throw new Error(`note.create refused: ${JSON.stringify(reply)}`);
  }
}
