import type { Translator } from '../i18n';
import {
  crossedAnnouncement,
  inputFrozen,
  currentIndex,
  currentSequence,
  formatRemaining,
  isRunning,
  remainingMs,
  shownTimer,
} from '../model/agenda';
import { localStorageOrMemory, readJson, writeJson } from '../model/storage';
import type { WorkshopSession } from '../model/workshop-session';
import { h, replaceChildren } from './dom';

/** How often the remaining time is redrawn: a second changes within a quarter of one. */
const TICK_MS = 250;
const SOUND_KEY = 'parvis.sound';

export interface AgendaBannerOptions {
  /** The group whose own timer, if any, this screen shows instead of the workshop's. */
  group?: () => string | null;
  variant: 'phone' | 'console' | 'projector';
  /** Told when participants' input on the shown group's board (or every board) freezes or reopens. */
  onFrozen?: (frozen: boolean) => void;
}

/**
 * The sequence in progress and the time left, on every screen. The time is drawn from the timer's
 * end instant and the server's clock as this device estimates it, so every screen shows the same
 * second; a screen reader hears it at a few moments (10 and 5 minutes, 1 minute, zero), never
 * every second. At zero: a visible signal, and a short beep on devices where someone switched the
 * sound on (a tap, so the browser allows it).
 */
export function agendaBanner(t: Translator, session: WorkshopSession, options: AgendaBannerOptions) {
  const storage = localStorageOrMemory();
  const step = h('span', { className: 'agenda-banner-step', testid: 'agenda-step' });
  const title = h('strong', { className: 'agenda-banner-title', testid: 'agenda-sequence' });
  const remaining = h('span', { className: 'agenda-banner-remaining', testid: 'agenda-remaining' });
  const timerState = h('span', { className: 'agenda-banner-timer-state', testid: 'agenda-timer-state' });
  const timer = h(
    'div',
    { className: 'agenda-banner-timer', testid: 'agenda-timer', attrs: { role: 'timer', 'aria-label': t.t('agenda.timer.label') } },
    remaining,
    timerState,
  );
  const frozen = h('p', { className: 'agenda-banner-frozen', testid: 'agenda-frozen', hidden: true }, t.t('agenda.timer.frozen'));
  const live = h('div', { className: 'visually-hidden', attrs: { 'aria-live': 'polite' } });
  let audio: AudioContext | null = null;
  const sound = h('input', {
    type: 'checkbox',
    testid: 'sound-toggle',
    checked: readJson<boolean>(storage, SOUND_KEY) === true,
    on: {
      change: () => {
        writeJson(storage, SOUND_KEY, sound.checked);
        if (sound.checked) unlockAudio();
      },
    },
  });
  const soundLabel = h('label', { className: 'agenda-banner-sound choice' }, sound, t.t('agenda.timer.sound'));
  const element = h(
    'section',
    {
      className: 'agenda-banner',
      testid: 'agenda-banner',
      hidden: true,
      attrs: { 'aria-label': t.t('agenda.banner.label'), 'data-variant': options.variant },
    },
    h('div', { className: 'agenda-banner-sequence' }, step, title),
    timer,
    frozen,
    options.variant === 'projector' ? null : soundLabel,
    live,
  );

  /** Browsers let a page play sound only after a tap: the context is made (or resumed) on the toggle's. */
  function unlockAudio(): void {
    try {
      audio ??= new AudioContext();
      void audio.resume().catch(() => undefined);
    } catch {
      audio = null;
    }
  }

  function beep(): void {
    if (!sound.checked) return;
    try {
      unlockAudio();
      if (!audio || audio.state !== 'running') return;
      const oscillator = audio.createOscillator();
      const gain = audio.createGain();
      oscillator.frequency.value = 880;
      gain.gain.setValueAtTime(0.2, audio.currentTime);
      gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + 0.6);
      oscillator.connect(gain).connect(audio.destination);
      oscillator.start();
      oscillator.stop(audio.currentTime + 0.6);
    } catch {
      // No sound on this device: the visible signal stays.
    }
  }

  let lastSequence: string | undefined;
  let lastRemaining: number | null = null;

  function tick(): void {
    const state = session.state;
    if (!state) return;
    const group = options.group?.() ?? null;
    const now = session.serverNow();
    const frozenNow = inputFrozen(state.timers, group, now);
    if (frozen.hidden === frozenNow) {
      frozen.hidden = !frozenNow;
      options.onFrozen?.(frozenNow);
    }
    const shown = shownTimer(state.timers, group);
    timer.hidden = !shown;
    if (!shown) {
      lastRemaining = null;
      return;
    }
    const running = isRunning(shown.timer);
    const ms = remainingMs(shown.timer, now);
    const text = formatRemaining(ms);
    if (remaining.textContent !== text) remaining.textContent = text;
    const kind = ms === 0 ? 'zero' : running ? 'running' : 'paused';
    timer.dataset.state = kind;
    const stateText = kind === 'zero' ? t.t('agenda.timer.zero') : kind === 'paused' ? t.t('agenda.timer.paused') : shown.group ? t.t('agenda.timer.group') : '';
    if (timerState.textContent !== stateText) timerState.textContent = stateText;
    if (running && lastRemaining !== null) {
      const moment = crossedAnnouncement(lastRemaining, ms);
      if (moment === 0) {
        live.textContent = t.t('agenda.timer.zero');
        beep();
      } else if (moment !== null) {
        live.textContent = t.t('agenda.announce.left', { time: formatRemaining(moment) });
      }
    }
    lastRemaining = running ? ms : null;
  }

  function update(): void {
    const state = session.state;
    if (!state) return;
    const { agenda, timers } = state;
    const sequence = currentSequence(agenda);
    element.hidden = agenda.sequences.length === 0 && Object.keys(timers).length === 0;
    element.dataset.kind = sequence?.kind ?? 'none';
    if (sequence) {
      replaceChildren(
        step,
        t.t('agenda.banner.sequence', { index: currentIndex(agenda) + 1, count: agenda.sequences.length }),
        ' · ',
        t.t(`agenda.kind.${sequence.kind}`),
      );
      title.textContent = t.known(sequence.title);
    } else {
      step.textContent = '';
      title.textContent = t.t(lastSequence ? 'agenda.banner.ended' : 'agenda.banner.none');
    }
    if (sequence && lastSequence !== undefined && sequence.id !== lastSequence) {
      live.textContent = t.t('agenda.announce.sequence', { title: t.known(sequence.title) });
    }
    lastSequence = sequence?.id ?? (lastSequence === undefined ? undefined : '');
    tick();
  }

  const interval = setInterval(tick, TICK_MS);
  const unsubscribe = session.subscribe(update);
  update();
  return {
    element,
    stop(): void {
      clearInterval(interval);
      unsubscribe();
      void audio?.close().catch(() => undefined);
    },
  };
}
