import { describe, expect, inject, it } from 'vitest';
import { randomId } from '../src/protocol/ids';
import { createDemarche, joinWorkshop, rememberParticipant } from './support/api';
import { describeViolations, runAxe, seriousOrCritical } from './support/axe';
import { LAPTOP, newContext, PHONE_740, PROJECTOR, TABLET } from './support/chromium';
import { seedNotes } from './support/seed';
import { fontSizes, screenshot } from './support/screens';
import { useBrowserSuite } from './support/suite';
import { pageOverflowX } from './support/touch';
import { byTestId, notesWithText } from './support/ui';
import { eventually } from './support/wait';

const baseUrl = inject('parvisUrl');
const PRIVATE_TEXT = 'Idée encore privée, pas révélée';

describe('a démarche: the next atelier opens with the recap of the previous one', () => {
  const suite = useBrowserSuite(baseUrl);

  it('the lead animator prepares the next atelier; the projector and a phone show the recap; the exhibition is read-only', async () => {
    const first = await createDemarche(baseUrl, {
      demarche: 'Vallée de l’Hérault 2027',
      title: 'Atelier 1 — Baromètre et état des lieux',
      groups: [
        { name: 'Vivre ensemble', template: 'tendances' },
        { name: 'Se déplacer', template: 'tendances' },
        { name: 'Baromètre', template: 'barometre' },
      ],
    });
    const [living, moving, barometer] = first.workshop.boards.map((board) => board.id) as [string, string, string];
    const people = [
      await joinWorkshop(baseUrl, first.workshop.code, 'Sylvie', { board: living, category: 'habitant' }),
      await joinWorkshop(baseUrl, first.workshop.code, 'Marc', { board: living, category: 'elu' }),
      await joinWorkshop(baseUrl, first.workshop.code, 'Inès', { board: moving, category: 'acteur' }),
    ];
    const [sylvie, marc, ines] = people as [(typeof people)[0], (typeof people)[0], (typeof people)[0]];
    await seedNotes(suite.bridge, sylvie.token, living, [
      { text: 'Les jeunes partent faire leurs études ailleurs', zone: 'z1', color: 'yellow' },
      { text: 'La fermeture du dernier café', zone: 'z2', color: 'pink' },
      { text: 'Des retraités prêts à transmettre', zone: 'z3', color: 'green' },
      { text: 'Ouvrir un café associatif au bourg', zone: 'z4', color: 'blue' },
      { text: 'Une fête des voisins par hameau', zone: 'z4', color: 'blue' },
    ]);
    await seedNotes(suite.bridge, ines.token, moving, [
      { text: 'Le bus ne passe plus le samedi', zone: 'z2', color: 'pink' },
      { text: 'Un covoiturage organisé par la mairie', zone: 'z4', color: 'blue' },
    ]);
    const privately = await suite.bridge.request<{ ok: boolean }>(first.animatorToken, {
      type: 'board.configure', id: randomId(), board: moving, mode: 'private', anyoneEdits: false,
    });
    expect(privately.ok).toBe(true);
    await seedNotes(suite.bridge, ines.token, moving, [{ text: PRIVATE_TEXT, zone: 'z4', color: 'orange' }]);
    // Where each person places the territory on the four scales.
    const answers: [typeof sylvie, string[]][] = [[sylvie, ['2', '3', '5', '4']], [marc, ['3', '3', '6', '2']], [ines, ['5', '2', '6', '3']]];
    for (const [person, values] of answers) {
      for (const [indicator, value] of values.entries()) {
        const answered = await suite.bridge.request<{ ok: boolean }>(person.token, {
          type: 'barometer.answer', id: randomId(), board: barometer, indicator, value,
        });
        expect(answered.ok).toBe(true);
      }
    }
    const opened = await suite.bridge.request<{ ok: boolean }>(first.animatorToken, {
      type: 'vote.open', id: randomId(), vote: 'actions', title: 'Les actions à garder', board: living, zone: 'z4',
      notes: [], budget: 3,
    });
    expect(opened.ok).toBe(true);
    const workshopState = await suite.bridge.request<{ ok: boolean; snapshot: { votes: { vote: { items: { noteId: string; text: string }[] } }[] } }>(
      first.animatorToken, { type: 'stream.sync', stream: `workshop:${first.workshop.id}` });
    const items = workshopState.snapshot.votes[0]!.vote.items;
    const cafe = items.find((item) => item.text.startsWith('Ouvrir'))!.noteId;
    const fete = items.find((item) => item.text.startsWith('Une fête'))!.noteId;
    for (const [person, noteId] of [[sylvie, cafe], [marc, cafe], [ines, fete]] as const) {
      const cast = await suite.bridge.request<{ ok: boolean }>(person.token, { type: 'vote.cast', id: randomId(), vote: 'actions', board: living, noteId });
      expect(cast.ok).toBe(true);
    }
    const closed = await suite.bridge.request<{ ok: boolean }>(first.animatorToken, { type: 'vote.close', id: randomId(), vote: 'actions' });
    expect(closed.ok).toBe(true);

    // The lead animator prepares atelier 3 from atelier 2, on its console.
    const animatorContext = await newContext(suite.browser, baseUrl, LAPTOP);
    suite.contexts.push(animatorContext);
    const animator = await animatorContext.newPage();
    await animator.goto(`/#/a/${first.animatorToken}`);
    await eventually(() => byTestId(animator, 'demarche-step').textContent(), (text) => text === 'Atelier 1 sur 4');
    await byTestId(animator, 'prepare-next').click();
    await eventually(() => byTestId(animator, 'demarche-step').textContent(), (text) => text === 'Atelier 2 sur 4');
    const nextToken = decodeURIComponent(new URL(animator.url()).hash.slice('#/a/'.length));
    expect(nextToken).not.toBe(first.animatorToken);
    const nextCode = (await byTestId(animator, 'animator-code').textContent())!;
    expect(nextCode).not.toBe(first.workshop.code);
    const observerLink = await byTestId(animator, 'observer-link').inputValue();
    const galleryLink = await byTestId(animator, 'gallery-link').inputValue();
    expect(await byTestId(animator, 'recap-toggle').getAttribute('aria-pressed')).toBe('true');

    // The projector, 1920×1080: the recap, large, nothing private.
    const projectorContext = await newContext(suite.browser, baseUrl, PROJECTOR);
    suite.contexts.push(projectorContext);
    const projector = await projectorContext.newPage();
    await projector.goto(`/${new URL(observerLink).hash}`);
    const recap = byTestId(projector, 'plenary-recap');
    await recap.waitFor();
    expect(await projector.locator('.plenary-screen').getAttribute('data-mode')).toBe('recap');
    const text = (await recap.textContent())!;
    expect(text).toContain('Ouvrir un café associatif au bourg');
    expect(text).toContain('Le bus ne passe plus le samedi');
    expect(text).toContain('Les actions à garder');
    expect(text).not.toContain(PRIVATE_TEXT);
    expect(await byTestId(recap, 'recap-group').count()).toBe(2);
    expect(await byTestId(recap, 'recap-kept').textContent()).toContain('Ouvrir un café associatif au bourg');
    expect(await byTestId(recap, 'recap-barometer-chart').count()).toBe(4);
    await screenshot(projector, 'recap-1080p.png');
    const sizes = await fontSizes(projector, '.plenary-recap .recap-note, .plenary-recap h3, .plenary-recap .vote-ranked-text, .plenary-recap .barometer-summary');
    expect(sizes.length).toBeGreaterThan(10);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(22);
    // The largest text that fits (at most 28 px at 1080 p): nothing cut, one size for every note.
    const fit = await projector.evaluate(() => {
      const shown = document.querySelector<HTMLElement>('.plenary-recap')!;
      return { overflow: shown.scrollHeight - shown.clientHeight, font: parseFloat(getComputedStyle(shown).fontSize) };
    });
    expect(fit.overflow).toBeLessThanOrEqual(0);
    expect(fit.font).toBeLessThanOrEqual(28);
    expect(new Set(await fontSizes(projector, '.plenary-recap .recap-note'))).toEqual(new Set([fit.font]));
    console.log(`recap on the projector at 1920×1080: text ${fit.font} px, nothing cut`);
    const onProjector = seriousOrCritical(await runAxe(projector));
    expect(onProjector, describeViolations('recap on the projector', onProjector)).toEqual([]);

    // The animator hides it, then shows it again: the projector follows live.
    await byTestId(animator, 'recap-toggle').click();
    await eventually(() => projector.locator('.plenary-screen').getAttribute('data-mode'), (mode) => mode !== 'recap');
    expect(await recap.isHidden()).toBe(true);
    await byTestId(animator, 'recap-toggle').click();
    await eventually(() => projector.locator('.plenary-screen').getAttribute('data-mode'), (mode) => mode === 'recap');

    // A newcomer and a returning participant re-join with the new code; the roster tells who is new.
    const nextWorkshop = await (await fetch(`${baseUrl}/api/join/${nextCode}`)).json() as { boards: { id: string }[] };
    const nextBoard = nextWorkshop.boards[0]!.id;
    const zoe = await joinWorkshop(baseUrl, nextCode, 'Zoé', { board: nextBoard, category: 'habitant' });
    await joinWorkshop(baseUrl, nextCode, 'sylvie', { board: nextBoard, category: 'habitant' });
    await eventually(() => byTestId(animator, 'roster-person').count(), (count) => count === 2);
    await eventually(() => byTestId(animator, 'newcomer-badge').count(), (count) => count === 1);
    const badged = animator.locator('[data-testid="roster-person"]', { has: byTestId(animator, 'newcomer-badge') });
    expect(await badged.getAttribute('data-person')).toBe('Zoé');

    // Zoé's phone, 360×740: the recap above her board, and the carried actions on it.
    const phoneContext = await newContext(suite.browser, baseUrl, PHONE_740);
    suite.contexts.push(phoneContext);
    await rememberParticipant(phoneContext, zoe, nextBoard);
    const phone = await phoneContext.newPage();
    await phone.goto(`/#/b/${nextBoard}`);
    const panel = byTestId(phone, 'recap-panel');
    await panel.waitFor();
    expect(await panel.getAttribute('open')).not.toBeNull();
    expect(await panel.textContent()).toContain('Ouvrir un café associatif au bourg');
    expect(await panel.textContent()).not.toContain(PRIVATE_TEXT);
    await notesWithText(phone, 'Ouvrir un café associatif au bourg').waitFor();
    await notesWithText(phone, 'Une fête des voisins par hameau').waitFor();
    expect(await notesWithText(phone, PRIVATE_TEXT).count()).toBe(0);
    const overflow = await pageOverflowX(phone);
    expect(overflow.scrollWidth).toBeLessThanOrEqual(overflow.innerWidth);
    const summary = await byTestId(phone, 'recap-summary').boundingBox();
    expect(summary!.height).toBeGreaterThanOrEqual(44);
    const onPhone = seriousOrCritical(await runAxe(phone));
    expect(onPhone, describeViolations('recap on a phone', onPhone)).toEqual([]);
    await screenshot(phone, 'recap-phone.png');

    // The exhibition on a tablet: both ateliers, read-only, nothing private.
    const tabletContext = await newContext(suite.browser, baseUrl, TABLET);
    suite.contexts.push(tabletContext);
    const tablet = await tabletContext.newPage();
    await tablet.goto(`/${new URL(galleryLink).hash}`);
    await eventually(() => byTestId(tablet, 'recap').count(), (count) => count === 2);
    expect(await byTestId(tablet, 'gallery-title').textContent()).toBe('Exposition : Vallée de l’Hérault 2027');
    expect(await tablet.locator('main').textContent()).not.toContain(PRIVATE_TEXT);
    expect(await tablet.locator('main button, main input, main textarea').count()).toBe(0);
    const onTablet = seriousOrCritical(await runAxe(tablet));
    expect(onTablet, describeViolations('exhibition on a tablet', onTablet)).toEqual([]);
  });
});
