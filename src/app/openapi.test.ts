import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../test/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const methods = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** Every route Fastify serves, as "METHOD /path/{param}", read from its route tree. */
function servedRoutes(tree: string): Set<string> {
  const stack: string[] = [];
  const routes = new Set<string>();
  for (const line of tree.split('\n')) {
    const match = /^([│├└─\s]*)(\S.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!match || !match[2]) continue;
    const depth = match[1]!.length / 4 - 1;
    stack.length = depth;
    stack.push(match[2]);
    for (const method of match[3]?.split(', ') ?? []) {
      if (method !== 'HEAD' && method !== 'OPTIONS') routes.add(`${method} ${stack.join('').replace(/:(\w+)/g, '{$1}')}`);
    }
  }
  return routes;
}

describe('the OpenAPI description', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const res = await t.anonymous.get('/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\.1\./);
    const validator = new Validator();
    const result = await validator.validate(res.body);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('lists every /api/v1 route the server answers, with a summary and tags', async () => {
    const spec = (await t.anonymous.get('/api/openapi.json')).body as { paths: Record<string, Record<string, { summary?: string; tags?: string[] }>> };
    const documented = new Set<string>();
    for (const [path, item] of Object.entries(spec.paths)) {
      for (const method of methods) {
        const op = item[method];
        if (!op) continue;
        documented.add(`${method.toUpperCase()} ${path}`);
        expect(op.summary, `${method} ${path} summary`).toBeTruthy();
        expect(op.tags?.length, `${method} ${path} tags`).toBeGreaterThan(0);
      }
    }
    const served = new Set([...servedRoutes(t.app.printRoutes({ commonPrefix: false }))].filter((route) => route.includes(' /api/v1/')));
    expect(served.size).toBeGreaterThan(5);
    expect([...served].filter((route) => !documented.has(route))).toEqual([]);
    expect([...documented].filter((route) => route.includes('/api/v1/')).length).toBe(served.size);
  });

  it('serves the interactive docs as HTML', async () => {
    const res = await t.anonymous.request('GET', '/api/docs/');
    expect(res.status).toBe(200);
    expect(String(res.headers['content-type'])).toContain('text/html');
    expect((await t.anonymous.request('GET', '/api/docs')).status).toBeLessThan(400);
  });
});
