import { describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../protocol/messages';
import { ApiError, createHttpApi } from './http-api';

function answering(status: number, body: unknown, headers: Record<string, string> = {}) {
  const calls: { url: string; init?: RequestInit }[] = [];
  const fetchJson = (async (url: string, init?: RequestInit) => {
    calls.push({ url, init });
    return new Response(JSON.stringify(body), { status, headers });
  }) as typeof fetch;
  return { api: createHttpApi(fetchJson), calls };
}

describe('the HTTP API client', () => {
  it('turns a throttled lookup into an error that says how long to wait', async () => {
    const { api } = answering(429, { error: 'too_many_requests', message: 'wait' }, { 'Retry-After': '42' });
    const failure = await api.lookupJoinCode('ABCDEF').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApiError);
    expect(failure).toMatchObject({ code: 'too_many_requests', status: 429, retryAfterSeconds: 42 });
  });

  it('sends the creation key only when one is given, and always as JSON', async () => {
    const { api, calls } = answering(201, {});
    const request = { title: 'Atelier', groups: [] };
    await api.createWorkshop(request);
    await api.createWorkshop(request, 'cle-1');
    const headers = calls.map((call) => call.init?.headers as Record<string, string>);
    expect(headers[0]).toMatchObject({ 'Content-Type': 'application/json', 'X-Parvis-Protocol': String(PROTOCOL_VERSION) });
    expect(headers[0]).not.toHaveProperty('X-Parvis-Create-Key');
    expect(headers[1]).toMatchObject({ 'Content-Type': 'application/json', 'X-Parvis-Create-Key': 'cle-1' });
  });
});
