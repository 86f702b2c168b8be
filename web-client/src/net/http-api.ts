import type {
  AnimatorInvitationRequest,
  AnimatorInvitationResponse,
  CreateWorkshopRequest,
  CreateWorkshopResponse,
  HttpErrorBody,
  JoinCodeLookup,
  JoinRequest,
  JoinResponse,
  NewJoinCodeResponse,
  NewObserverLinkResponse,
} from '../protocol/messages';
import { PROTOCOL_VERSION } from '../protocol/messages';
import type { DemarcheInfo, GalleryAnswer, NewcomersAnswer, RecapAnswer } from '../model/recap';

/** A workshop created as an atelier of a démarche: with the démarche (and the number of actions carried over). */
export type CreateAtelierResponse = CreateWorkshopResponse & { demarche: DemarcheInfo; carriedActions?: number };

/** Refusals of the HTTP API's doors (throttles, creation key, closed joining, content type). */
export type DoorErrorCode =
  | 'too_many_requests'
  | 'create_key_required'
  | 'joining_closed'
  | 'unsupported_media_type'
  | 'reload_required';

export type ApiErrorCode = HttpErrorBody['error'] | DoorErrorCode | 'network';

export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    readonly status: number,
    message: string = code,
    /** From Retry-After, when the server said how long to wait. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

interface JoiningState {
  joiningOpen: boolean;
}

/** The HTTP side of the protocol: what happens before a client holds a token. */
export interface HttpApi {
  /** `createKey`: the operator's creation key, when the server asks for one. */
  createWorkshop(request: CreateWorkshopRequest, createKey?: string): Promise<CreateWorkshopResponse>;
  lookupJoinCode(code: string): Promise<JoinCodeLookup>;
  join(request: JoinRequest): Promise<JoinResponse>;
  /** Whether the join code lets newcomers in; animators only. */
  joiningOpen(animatorToken: string): Promise<boolean>;
  setJoiningOpen(animatorToken: string, open: boolean): Promise<boolean>;
  /** Only with the lead animator's token. */
  inviteAnimator(token: string, request: AnimatorInvitationRequest): Promise<AnimatorInvitationResponse>;
  /** Any animator: the participant's tokens stop working at once; its notes stay. */
  removeParticipant(token: string, participantId: string): Promise<void>;
  /** Lead animator only: the old code and observer link stop working. */
  newJoinCode(token: string): Promise<NewJoinCodeResponse>;
  newObserverLink(token: string): Promise<NewObserverLinkResponse>;
  /** Lead animator only: the workshop and all it holds, at once. */
  deleteWorkshop(token: string): Promise<void>;
  /** A démarche and its atelier 1 (the creation key as for a workshop). */
  createDemarche(request: CreateWorkshopRequest & { demarche: string }, createKey?: string): Promise<CreateAtelierResponse>;
  /** Lead animator only: the next atelier of the démarche, from this one. */
  prepareNextAtelier(token: string): Promise<CreateAtelierResponse>;
  /** Any token of the workshop: its démarche and the recap it opens with. */
  recap(token: string): Promise<RecapAnswer>;
  /** Animators: the participants who came to no earlier atelier. */
  newcomers(token: string): Promise<NewcomersAnswer>;
  /** The exhibition link's token: every atelier of the démarche, read-only. */
  gallery(galleryToken: string): Promise<GalleryAnswer>;
}

export function createHttpApi(fetchJson: typeof fetch = (input, init) => fetch(input, init)): HttpApi {
  async function call<T>(path: string, init?: RequestInit, token?: string): Promise<T> {
    let response: Response;
    try {
      response = await fetchJson(path, {
        ...init,
        headers: {
          Accept: 'application/json',
          // A page loaded before an upgrade is told to reload (`reload_required`).
          'X-Parvis-Protocol': String(PROTOCOL_VERSION),
          ...(init?.body ? { 'Content-Type': 'application/json' } : {}),
          ...(init?.headers as Record<string, string> | undefined),
          ...(token ? { Authorization: `Bearer ${token}` } : {}),
        },
      });
    } catch {
      throw new ApiError('network', 0);
    }
    const body: unknown = await response.json().catch(() => null);
    if (response.ok) return body as T;
    const error = body as { error?: ApiErrorCode; message?: string } | null;
    const retryAfter = Number(response.headers.get('Retry-After'));
    throw new ApiError(
      error?.error ?? 'unavailable',
      response.status,
      error?.message,
      retryAfter > 0 ? retryAfter : undefined,
    );
  }

  return {
    createWorkshop: (request, createKey) =>
      call('/api/workshops', {
        method: 'POST',
        body: JSON.stringify(request),
        headers: createKey ? { 'X-Parvis-Create-Key': createKey } : undefined,
      }),
    lookupJoinCode: (code) => call(`/api/join/${encodeURIComponent(code)}`),
    join: (request) => call('/api/join', { method: 'POST', body: JSON.stringify(request) }),
    joiningOpen: async (token) =>
      (await call<JoiningState>('/api/workshop/joining', undefined, token)).joiningOpen,
    setJoiningOpen: async (token, open) =>
      (await call<JoiningState>('/api/workshop/joining', { method: 'POST', body: JSON.stringify({ open }) }, token))
        .joiningOpen,
    inviteAnimator: (token, request) =>
      call('/api/animators', { method: 'POST', body: JSON.stringify(request) }, token),
    removeParticipant: async (token, participantId) => {
      await call(`/api/workshop/participants/${encodeURIComponent(participantId)}`, { method: 'DELETE' }, token);
    },
    newJoinCode: (token) => call('/api/workshop/code', { method: 'POST', body: '{}' }, token),
    newObserverLink: (token) => call('/api/workshop/observer-link', { method: 'POST', body: '{}' }, token),
    deleteWorkshop: async (token) => {
      await call('/api/workshop', { method: 'DELETE' }, token);
    },
    createDemarche: (request, createKey) =>
      call('/api/demarches', {
        method: 'POST',
        body: JSON.stringify(request),
        headers: createKey ? { 'X-Parvis-Create-Key': createKey } : undefined,
      }),
    prepareNextAtelier: (token) => call('/api/demarche/next', { method: 'POST', body: '{}' }, token),
    recap: (token) => call('/api/demarche/recap', undefined, token),
    newcomers: (token) => call('/api/demarche/newcomers', undefined, token),
    gallery: (galleryToken) => call('/api/gallery', undefined, galleryToken),
  };
}
