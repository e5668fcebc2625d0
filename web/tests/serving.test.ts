import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/platform/config.js';
import { buildApp } from '../../src/app/app.js';
import type { App } from '../../src/platform/http/types.js';
import { testDatabase } from '../../src/test/database.js';
import { ensureWebBuilt, webDist } from './harness.js';

/** The server hands out the web app beside the API (no browser needed for these). */
async function appWith(webRoot: string): Promise<{ app: App; close: () => Promise<void> }> {
  const database = await testDatabase();
  const app = await buildApp({ config: { ...loadConfig({ LOG_LEVEL: 'silent' }) }, database, logger: false, webRoot });
  await app.ready();
  return { app, close: async () => (await app.close(), await database.close()) };
}

describe('serving the web app', () => {
  let server: Awaited<ReturnType<typeof appWith>>;
  beforeAll(async () => {
    ensureWebBuilt();
    server = await appWith(webDist);
  });
  afterAll(() => server?.close());

  it('answers the app for / and for its own addresses, under the CSP', async () => {
    for (const url of ['/', '/customers/01a2098f-9253-7768-b3a0-7dfd57883d69', '/sign-in?next=%2F']) {
      const res = await server.app.inject({ url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.body).toContain('<div id="root"></div>');
      expect(res.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline script: CSP allows 'self' only
      expect(String(res.headers['content-security-policy'])).toContain("script-src 'self'");
    }
  });

  it('serves hashed assets for a year, compressed when the browser can take it', async () => {
    const html = (await server.app.inject({ url: '/' })).body;
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)![1]!;
    const plain = await server.app.inject({ url: script });
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-type']).toContain('javascript');
    expect(plain.headers['cache-control']).toContain('immutable');
    const brotli = await server.app.inject({ url: script, headers: { 'accept-encoding': 'br, gzip' } });
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(Number(brotli.headers['content-length'])).toBeLessThan(Number(plain.headers['content-length']));
  });

  it('keeps the JavaScript of the first page under 250 KB gzipped', async () => {
    const html = (await server.app.inject({ url: '/' })).body;
    const scripts = [...html.matchAll(/<(?:script|link rel="modulepreload")[^>]+(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
    let gzipped = 0;
    for (const script of scripts) gzipped += gzipSync(readFileSync(path.join(webDist, script))).length;
    expect(scripts.length).toBeGreaterThan(0);
    expect(gzipped).toBeLessThan(250 * 1024);
  });

  it('keeps unknown /api addresses and missing files as problem+json 404s', async () => {
    for (const url of ['/api/v1/nope', '/api/nope', '/api', '/assets/gone-1234.js', '/favicon.ico', '/%2e%2e/%2e%2e/package.json']) {
      const res = await server.app.inject({ url });
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type'], url).toContain('application/problem+json');
    }
  });
});

describe('without a built web app', () => {
  it('still starts and serves the API', async () => {
    const server = await appWith('/nonexistent/web/dist');
    expect((await server.app.inject({ url: '/api/v1/setup' })).statusCode).toBe(200);
    expect((await server.app.inject({ url: '/' })).statusCode).toBe(404);
    await server.close();
  });
});
