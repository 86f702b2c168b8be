import { describe, expect, it } from 'vitest';
import { createTranslator } from '../i18n';
import { bannerKind, bannerText } from './status-banner';

describe('status banner', () => {
  const t = createTranslator('fr');

  it('puts a lost connection before a lock, and a lock before "connected"', () => {
    expect(bannerKind('disconnected', true)).toBe('offline');
    expect(bannerKind('connecting', true)).toBe('connecting');
    expect(bannerKind('connected', true)).toBe('locked');
    expect(bannerKind('connected', false)).toBe('connected');
  });

  it('counts the changes waiting while offline or reconnecting', () => {
    expect(bannerText(t, 'offline', 0)).toBe('Connexion perdue');
    expect(bannerText(t, 'offline', 2)).toBe('Connexion perdue — 2 modifications en attente');
    expect(bannerText(t, 'connecting', 0)).toBe('Reconnexion…');
    expect(bannerText(t, 'connecting', 1)).toBe('Reconnexion… — 1 modification en attente');
    expect(bannerText(createTranslator('en'), 'connecting', 3)).toBe('Reconnecting… — 3 changes waiting');
    expect(bannerText(t, 'locked', 0)).toBe("Tableau verrouillé par l'animateur");
  });
});
