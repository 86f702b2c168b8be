import type { BrowserContext } from 'playwright-core';
import type {
  Category,
  CreateWorkshopRequest,
  CreateWorkshopResponse,
  JoinResponse,
} from '../../src/protocol/messages';
import type { CreateAtelierResponse } from '../../src/net/http-api';

async function postJson<T>(url: string, body: unknown): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`POST ${url} answered ${response.status}: ${text}`);
  return JSON.parse(text) as T;
}

/** `POST /api/workshops`, as the page "Créer un atelier" does. */
export function createWorkshop(baseUrl: string, request: CreateWorkshopRequest): Promise<CreateWorkshopResponse> {
  return postJson(`${baseUrl}/api/workshops`, request);
}

/** `POST /api/demarches`: a démarche and its atelier 1, as the page "Créer un atelier" does with a démarche named. */
export function createDemarche(baseUrl: string, request: CreateWorkshopRequest & { demarche: string }): Promise<CreateAtelierResponse> {
  return postJson(`${baseUrl}/api/demarches`, request);
}

/** `POST /api/join`: a participant joins without the UI. */
export function joinWorkshop(
  baseUrl: string,
  code: string,
  name: string,
  options: { category?: Category; board?: string } = {},
): Promise<JoinResponse> {
  return postJson(`${baseUrl}/api/join`, { code, name, ...options });
}

/**
 * Gives a browser context what the join screen would have stored for this participant, so its
 * pages open `#/b/BOARD` directly (the key and shape are those of `src/model/credentials.ts`).
 */
export async function rememberParticipant(context: BrowserContext, joined: JoinResponse, board: string): Promise<void> {
  const key = `parvis.token.${joined.workshop.id}`;
  const credential = JSON.stringify({
    token: joined.token,
    role: 'participant',
    participant: { id: joined.participant.id, name: joined.participant.name, category: joined.participant.category },
    board,
  });
  await context.addInitScript(
    ([storageKey, value]) => {
      if (localStorage.getItem(storageKey!) === null) localStorage.setItem(storageKey!, value!);
    },
    [key, credential],
  );
}

/** A participant who joined through the API, with a context that remembers them. */
export async function joinedContext(
  baseUrl: string,
  context: BrowserContext,
  code: string,
  name: string,
  board: string,
): Promise<JoinResponse> {
  const joined = await joinWorkshop(baseUrl, code, name, { board, category: 'habitant' });
  await rememberParticipant(context, joined, board);
  return joined;
}
