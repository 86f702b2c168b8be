import type {
  AnimatorInvitationRequest,
  AnimatorInvitationResponse,
  CreateWorkshopRequest,
  CreateWorkshopResponse,
  HttpErrorBody,
  JoinCodeLookup,
  JoinRequest,
  JoinResponse,
} from '../protocol/messages';

export type ApiErrorCode = HttpErrorBody['error'] | 'network';

export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    readonly status: number,
    message: string = code,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The HTTP side of the protocol: what happens before a client holds a token. */
export interface HttpApi {
  createWorkshop(request: CreateWorkshopRequest): Promise<CreateWorkshopResponse>;
  lookupJoinCode(code: string): Promise<JoinCodeLookup>;
  join(request: JoinRequest): Promise<JoinResponse>;
  /** Only with the lead animator's token. */
  inviteAnimator(token: string, request: AnimatorInvitationRequest): Promise<AnimatorInvitationResponse>;
}

export function createHttpApi(fetchJson: typeof fetch = (input, init) => fetch(input, init)): HttpApi {
  async function call<T>(path: string, init?: RequestInit, token?: string): Promise<T> {
    let response: Response;
    try {
      response = await fetchJson(path, {
        ...init,
        headers: {
          Accept: 'application/json',
          ...(init?.body ? { 'Content-Type': 'application/json' } : {}),
          ...(token ? { Authorization: `Bearer ${token}` } : {}),
        },
      });
    } catch {
      throw new ApiError('network', 0);
    }
    const body: unknown = await response.json().catch(() => null);
    if (response.ok) return body as T;
    const error = body as Partial<HttpErrorBody> | null;
    throw new ApiError(error?.error ?? 'unavailable', response.status, error?.message);
  }

  return {
    createWorkshop: (request) => call('/api/workshops', { method: 'POST', body: JSON.stringify(request) }),
    lookupJoinCode: (code) => call(`/api/join/${encodeURIComponent(code)}`),
    join: (request) => call('/api/join', { method: 'POST', body: JSON.stringify(request) }),
    inviteAnimator: (token, request) =>
      call('/api/animators', { method: 'POST', body: JSON.stringify(request) }, token),
  };
}
