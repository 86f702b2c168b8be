import { describe, expect, it } from 'vitest';
import { en } from './en';
import { fr } from './fr';
import { createTranslator } from '.';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe('dictionaries', () => {
  it('give English the same keys and placeholders as French', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(fr).sort());
    for (const key of Object.keys(fr) as (keyof typeof fr)[]) {
      expect(placeholders(en[key]), key).toEqual(placeholders(fr[key]));
    }
  });

  it('fill placeholders and pick the plural form of each language', () => {
    const french = createTranslator('fr');
    const english = createTranslator('en');
    expect(french.count('status.offlinePending', 1)).toBe('Connexion perdue — 1 modification en attente');
    expect(french.count('status.offlinePending', 3)).toBe('Connexion perdue — 3 modifications en attente');
    expect(english.count('status.offlinePending', 1)).toBe('Connection lost — 1 change waiting');
    expect(french.t('join.resume', { name: 'Sylvie' })).toBe('Continuer en tant que Sylvie');
    expect(french.error('rate_limited')).toBe('Vous allez un peu vite : réessayez dans un instant.');
  });

  it('give template zones their title in the language, and leave titles someone wrote alone', () => {
    const english = createTranslator('en');
    expect(english.zoneTitle('pepites', { id: 'z1', title: 'Pépites' })).toBe('Gems');
    expect(english.zoneTitle('tendances', { id: 'z4', title: "Intentions d'actions" })).toBe('Intended actions');
    expect(english.zoneTitle('pepites', { id: 'z1', title: 'Nos trésors' })).toBe('Nos trésors');
    expect(english.zoneTitle('free', { id: 'z9', title: 'Idées' })).toBe('Idées');
    expect(createTranslator('fr').zoneTitle('barometre', { id: 'z2', title: 'Perspectives / Impuissance' })).toBe(
      'Perspectives / Impuissance',
    );
  });

  it('give advice that fits the link that failed', () => {
    const french = createTranslator('fr');
    expect(french.linkError('invalid_token', 'animator')).toContain('lien d’animateur');
    expect(french.linkError('invalid_token', 'observer')).toContain('lien de plénière');
    expect(french.linkError('invalid_token', 'animator')).not.toContain('code');
    expect(french.linkError('network', 'observer')).toBe(french.error('network'));
  });

  it('says the template’s barometer scales in English, and scales someone wrote as written', () => {
    const english = createTranslator('en');
    const sociability = { title: 'Sociabilité', low: 'Rendez-vous', high: 'Isolement' };
    expect(english.indicator(0, sociability)).toEqual({ title: 'Sociability', low: 'Meeting places', high: 'Isolation' });
    expect(english.indicator(1, sociability)).toEqual(sociability);
    expect(english.indicator(0, { ...sociability, title: 'Vie du bourg' }).title).toBe('Vie du bourg');
    expect(createTranslator('fr').indicator(0, sociability)).toEqual(sociability);
  });
});
