import type { Translator } from '../i18n';
import type { ConnectionStatus } from '../net/bus-socket';
import { h } from './dom';

export type BannerKind = 'connected' | 'connecting' | 'offline' | 'locked';

/** A lost connection matters more than a lock: it says whether the user's changes are safe. */
export function bannerKind(status: ConnectionStatus, locked: boolean): BannerKind {
  if (status === 'disconnected') return 'offline';
  if (status === 'connecting') return 'connecting';
  return locked ? 'locked' : 'connected';
}

export function bannerText(t: Translator, kind: BannerKind, pendingCount: number): string {
  switch (kind) {
    case 'offline':
      return pendingCount > 0 ? t.count('status.offlinePending', pendingCount) : t.t('status.offline');
    case 'connecting':
      return pendingCount > 0 ? t.count('status.connectingPending', pendingCount) : t.t('status.connecting');
    case 'locked':
      return t.t('status.locked');
    case 'connected':
      return t.t('status.connected');
  }
}

export function createStatusBanner(t: Translator) {
  const element = h('p', { className: 'status-banner', testid: 'status-banner', attrs: { role: 'status' } });
  return {
    element,
    update(status: ConnectionStatus, locked: boolean, pendingCount: number): void {
      const kind = bannerKind(status, locked);
      const text = bannerText(t, kind, pendingCount);
      element.dataset.status = kind;
      if (element.textContent !== text) element.textContent = text;
    },
  };
}
