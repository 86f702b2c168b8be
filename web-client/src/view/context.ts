import type { Translator } from '../i18n';
import type { HttpApi } from '../net/http-api';
import type { BusSocket } from '../net/bus-socket';
import type { BoardModel } from '../model/board-model';
import type { Credentials } from '../model/credentials';
import type { LocalAuthor } from '../model/optimistic';
import type { KeyValueStorage } from '../model/storage';
import type { WorkshopSession } from '../model/workshop-session';
import type { ToastOptions } from './toasts';

export interface BoardHandle {
  readonly model: BoardModel;
  stop(): void;
}

/** What the screens may use: the model side, never the socket itself. */
export interface Services {
  readonly api: HttpApi;
  readonly credentials: Credentials;
  readonly connection: Pick<BusSocket, 'status' | 'onStatusChange' | 'onBridgeError'>;
  /** A started session; the caller stops it. */
  openWorkshop(token: string): WorkshopSession;
  /** A board kept in sync, whose pending commands survive a reload; the caller stops it. */
  openBoard(boardId: string, token: string, author: LocalAuthor): BoardHandle;
  /**
   * A board to look at only. It never reads the stored pending commands: another tab of the same
   * browser may hold an animator's or a participant's, which a read-only token must not send.
   */
  watchBoard(boardId: string, token: string): BoardHandle;
}

export interface ScreenContext extends Services {
  readonly t: Translator;
  /** This browser's storage, for what a device remembers (the speakers typed on a tablet). */
  readonly storage: KeyValueStorage;
  navigate(hash: string): void;
  toast(message: string, options?: ToastOptions): void;
}

export interface Screen {
  readonly element: HTMLElement;
  destroy(): void;
}
