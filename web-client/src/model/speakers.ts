import { CATEGORIES, LIMITS, type Category } from '../protocol/messages';
import type { KeyValueStorage } from './storage';

/** A speaker without a phone, typed once on the animator's tablet. */
export interface TypedSpeaker {
  name: string;
  category: Category;
}

const MAX_REMEMBERED = 40;
const keyOf = (workshopId: string) => `parvis.speakers.${workshopId}`;

/** The same name is the same person, whatever its case and spaces (the server derives its id the same way). */
export function speakerKey(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** The typed speakers of a workshop this tablet remembers, most recent first. */
export function rememberedSpeakers(storage: KeyValueStorage, workshopId: string): TypedSpeaker[] {
  try {
    const stored: unknown = JSON.parse(storage.getItem(keyOf(workshopId)) ?? '[]');
    if (!Array.isArray(stored)) return [];
    return stored.filter(
      (one): one is TypedSpeaker =>
        typeof one?.name === 'string' && one.name.trim() !== '' && CATEGORIES.includes(one.category as Category),
    );
  } catch {
    return [];
  }
}

/** Remembers a typed speaker (first in the list); answers it as it will be sent, or null for an empty name. */
export function rememberSpeaker(storage: KeyValueStorage, workshopId: string, typed: TypedSpeaker): TypedSpeaker | null {
  const name = typed.name.trim().replace(/\s+/g, ' ').slice(0, LIMITS.participantName);
  if (!name) return null;
  const speaker = { name, category: typed.category };
  const others = rememberedSpeakers(storage, workshopId).filter((one) => speakerKey(one.name) !== speakerKey(name));
  storage.setItem(keyOf(workshopId), JSON.stringify([speaker, ...others].slice(0, MAX_REMEMBERED)));
  return speaker;
}
