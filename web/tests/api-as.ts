import type { Page } from 'playwright-core';

/**
 * Calls the API as the person signed in on `page` (their session cookie and CSRF token), to set up
 * what a test needs that the screen under test does not do itself.
 */
export async function apiAs<T = Record<string, unknown>>(page: Page, url: string, method: 'GET' | 'POST' | 'PATCH', path: string, body?: unknown): Promise<T> {
  const me = (await (await page.request.get(`${url}/api/v1/auth/me`)).json()) as { csrfToken: string };
  const response = await page.request.fetch(`${url}/api/v1${path}`, {
    method,
    headers: { 'x-csrf-token': me.csrfToken, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { data: JSON.stringify(body) }),
  });
  if (!response.ok()) throw new Error(`${method} ${path}: ${response.status()} ${await response.text()}`);
  return (await response.json()) as T;
}
