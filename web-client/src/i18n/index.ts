import type { ClientErrorCode } from '../model/errors';
import { readJson, writeJson, type KeyValueStorage } from '../model/storage';
import { en } from './en';
import { fr, type MessageKey } from './fr';

export type Language = 'fr' | 'en';
export const LANGUAGES: readonly Language[] = ['fr', 'en'];

/** Keys that come as a `.one` and `.other` pair. */
export type PluralKey = {
  [K in MessageKey]: K extends `${infer Base}.one` ? (`${Base}.other` extends MessageKey ? Base : never) : never;
}[MessageKey];

type Params = Record<string, string | number>;

export interface Translator {
  readonly language: Language;
  t(key: MessageKey, params?: Params): string;
  /** The plural form that fits `count`, which is also passed as `{count}`. */
  count(key: PluralKey, count: number, params?: Params): string;
  error(code: ClientErrorCode): string;
}

const dictionaries = { fr, en };

export function createTranslator(language: Language): Translator {
  const dictionary = dictionaries[language];
  const plurals = new Intl.PluralRules(language);
  const t = (key: MessageKey, params: Params = {}) =>
    dictionary[key].replace(/\{(\w+)\}/g, (placeholder, name: string) => String(params[name] ?? placeholder));
  return {
    language,
    t,
    count: (key, count, params) =>
      t(`${key}.${plurals.select(count) === 'one' ? 'one' : 'other'}` as MessageKey, { ...params, count }),
    error: (code) => t(`error.${code}`),
  };
}

const languageKey = 'parvis.language';

export function savedLanguage(storage: KeyValueStorage): Language {
  const saved = readJson<Language>(storage, languageKey);
  return saved && LANGUAGES.includes(saved) ? saved : 'fr';
}

export function saveLanguage(storage: KeyValueStorage, language: Language): void {
  writeJson(storage, languageKey, language);
}
