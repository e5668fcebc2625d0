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

/** Has an admin add an integration account (a named system with a role) and make it a token; a token never acts as another person. */
export async function integrationTokenClient(
  t: TestApp,
  admin: Client,
  scope: 'read' | 'read_write',
  options: { role?: 'frontline' | 'manager' | 'admin'; name?: string; locationIds?: string[] } = {},
): Promise<TokenClient & { staffId: string }> {
  const made = await admin.post('/api/v1/staff/integrations', { name: options.name ?? 'Test integration', role: options.role ?? 'frontline', ...(options.locationIds ? { locationIds: options.locationIds } : {}) });
  if (made.status !== 201) throw new Error(`integration creation failed: ${JSON.stringify(made.body)}`);
  return { ...(await tokenClient(t, admin, scope, made.body.id)), staffId: made.body.id };
}
