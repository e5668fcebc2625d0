import type { Client, Response, TestApp } from './app.js';

type Method = Parameters<Client['request']>[0];

/** A client that sends `Authorization: Bearer <secret>` and no cookie. */
export interface TokenClient {
  tokenId: string;
  secret: string;
  request<T = any>(method: Method, url: string, body?: unknown): Promise<Response<T>>;
  get<T = any>(url: string): Promise<Response<T>>;
  post<T = any>(url: string, body?: unknown): Promise<Response<T>>;
  patch<T = any>(url: string, body?: unknown): Promise<Response<T>>;
  delete<T = any>(url: string): Promise<Response<T>>;
}

export function bearer(t: TestApp, secret: string, tokenId = ''): TokenClient {
  const request = (method: Method, url: string, body?: unknown) =>
    t.anonymous.request(method, url, body, { headers: { authorization: `Bearer ${secret}` } });
  return {
    tokenId,
    secret,
    request,
    get: (url) => request('GET', url),
    post: (url, body) => request('POST', url, body ?? {}),
    patch: (url, body) => request('PATCH', url, body ?? {}),
    delete: (url) => request('DELETE', url),
  };
}

/** Has an admin create a token and returns a client that uses it. */
export async function tokenClient(t: TestApp, admin: Client, scope: 'read' | 'read_write', staffId?: string): Promise<TokenClient> {
  const created = await admin.post('/api/v1/tokens', { name: `test ${scope}`, scope, ...(staffId ? { staffId } : {}) });
  if (created.status !== 201) throw new Error(`token creation failed: ${JSON.stringify(created.body)}`);
  return bearer(t, created.body.secret, created.body.id);
}
