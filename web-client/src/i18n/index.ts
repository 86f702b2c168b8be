import type { ClientErrorCode } from '../model/errors';
import type { Template, Zone } from '../protocol/messages';
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
  /** An error met opening an animator's or an observer's link, with advice that fits that link. */
  linkError(code: ClientErrorCode, link: 'animator' | 'observer'): string;
  /**
   * A zone's title in this language when it is its template's own (the server names zones in
   * French); a title someone wrote stays as written.
   */
  zoneTitle(template: Template, zone: Zone): string;
  /**
   * A board name or an agenda title an atelier template wrote (the server writes them in French), in
   * this language; a name someone wrote stays as written.
   */
  known(text: string): string;
  /** A barometer scale in this language where it is still the template's own (at its place); as written otherwise. */
  indicator<I extends { title: string; low: string; high: string }>(index: number, indicator: I): I;
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
    linkError: (code, link) =>
      code === 'invalid_token' || code === 'forbidden' ? t(`error.invalid_token.${link}`) : t(`error.${code}`),
    zoneTitle: (template, zone) => {
      const key = `zone.${template}.${zone.id}`;
      return isKey(key) && fr[key] === zone.title ? t(key) : zone.title;
    },
    known: (text) => {
      const key = knownKeys.get(text);
      return key ? t(key) : text;
    },
    indicator: (index, indicator) => {
      const own = (part: 'title' | 'low' | 'high') => {
        const key = `indicator.${index + 1}.${part}`;
        return isKey(key) && fr[key] === indicator[part] ? t(key) : indicator[part];
      };
      return { ...indicator, title: own('title'), low: own('low'), high: own('high') };
    },
  };
}

const isKey = (key: string): key is MessageKey => key in fr;

/** The French texts the atelier templates write, to their keys. */
const knownKeys = new Map(
  (Object.keys(fr) as MessageKey[]).filter((key) => key.startsWith('known.')).map((key) => [fr[key], key] as const),
);

const languageKey = 'parvis.language';

export function savedLanguage(storage: KeyValueStorage): Language {
  const saved = readJson<Language>(storage, languageKey);
  return saved && LANGUAGES.includes(saved) ? saved : 'fr';
}

export function saveLanguage(storage: KeyValueStorage, language: Language): void {
  writeJson(storage, languageKey, language);
}
