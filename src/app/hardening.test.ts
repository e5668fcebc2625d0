import net from 'node:net';
import type { Duplex } from 'node:stream';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaff } from '../staff/staff-commands.js';
import { testApp, testPassword } from '../test/app.js';
import { testDatabase } from '../test/database.js';
import { ConfigError, loadConfig } from '../platform/config.js';
import type { DatabaseHandle } from '../platform/database/connect.js';
import { clientErrorHandler } from '../platform/http/error-handler.js';
import { maxJsonDepth } from '../platform/http/json-body.js';
import { buildApp, logRedactions } from './app.js';
import type { App } from '../platform/http/types.js';

/** The app as served (helmet, limits, a real pino logger), built with options the shared test app does not take. */
let database: DatabaseHandle;
let app: App;
const logLines: string[] = [];

beforeAll(async () => {
  database = await testDatabase();
  const config = { ...loadConfig({ LOG_LEVEL: 'trace' }), secureCookies: true };
  app = await buildApp({
    config,
    database,
    logger: { level: 'trace', redact: logRedactions, stream: { write: (line: string) => void logLines.push(line) } },
    rateLimitPerMinute: 100_000,
  });
  await app.ready();
  await createStaff(database.db, null, { email: 'hard@example.org', name: 'Hard', role: 'admin', password: testPassword });
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const signIn = async () => {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'hard@example.org', password: testPassword } });
  expect(res.statusCode).toBe(200);
  const cookie = res.cookies.find((c) => c.name === 'rapport_session')!;
  return { cookie, header: `rapport_session=${cookie.value}`, csrf: res.json().csrfToken as string };
};

describe('security headers', () => {
  it('do not ask browsers to upgrade to HTTPS on a plain-http install (it would break every asset)', async () => {
    const plain = await testApp();
    try {
      const res = await plain.anonymous.get('/api/v1/health');
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
      expect(res.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
    } finally {
      await plain.close();
    }
  });

  it('are sent on API answers, errors included', async () => {
    for (const url of ['/api/v1/health', '/api/v1/customers', '/api/v1/nowhere']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.headers['content-security-policy'], url).toContain("frame-ancestors 'none'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['x-powered-by']).toBeUndefined();
      // Served behind HTTPS (secure cookies), browsers are told to upgrade any plain-http request.
      expect(res.headers['content-security-policy'], url).toContain('upgrade-insecure-requests');
    }
  });
});

describe('cookies behind HTTPS', () => {
  it('carry the Secure flag when RAPPORT_SECURE_COOKIES is set', async () => {
    const { cookie } = await signIn();
    expect(cookie).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Lax' });
  });
});

describe('request size', () => {
  it('answers 413 problem+json for a body over 1 MiB', async () => {
    const { header, csrf } = await signIn();
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/customers',
      headers: { cookie: header, 'x-csrf-token': csrf, 'content-type': 'application/json' },
      payload: JSON.stringify({ displayName: 'x'.repeat(1024 * 1024 + 10) }),
    });
    expect(res.statusCode).toBe(413);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});

/** An RFC 9457 answer whose status matches the HTTP status. */
function expectProblem(res: { statusCode: number; headers: Record<string, unknown>; body: string }, status: number) {
  expect(res.statusCode, res.body).toBe(status);
  expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/);
  const body = JSON.parse(res.body) as Record<string, unknown>;
  expect(body).toMatchObject({ type: 'about:blank', status, title: expect.any(String), detail: expect.any(String) });
  return body;
}

describe('deeply nested JSON', () => {
  const deepArray = '['.repeat(50_000) + ']'.repeat(50_000);
  const deepObject = '{"a":'.repeat(50_000) + '1' + '}'.repeat(50_000);
  const post = async (payload: string) => {
    const { header, csrf } = await signIn();
    return app.inject({
      method: 'POST',
      url: '/api/v1/customers',
      headers: { cookie: header, 'x-csrf-token': csrf, 'content-type': 'application/json' },
      payload,
    });
  };

  it('is refused with 400 naming the body, not a 500 from a stack overflow', async () => {
    for (const payload of [deepArray, deepObject, `{"displayName":"x","emails":[${deepArray}]}`]) {
      const body = expectProblem(await post(payload), 400);
      expect(body.errors).toEqual([{ path: '/body', message: `must not nest arrays and objects more than ${maxJsonDepth} levels deep` }]);
    }
  });

  it('is refused on public routes too, before anyone is signed in', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'application/json' }, payload: deepObject });
    expect(expectProblem(res, 400).detail).toMatch(/nest/);
  });

  it('up to the limit is read, and answered by the schema like any other body', async () => {
    const nested = '['.repeat(maxJsonDepth - 1) + ']'.repeat(maxJsonDepth - 1);
    const body = expectProblem(await post(`{"displayName":"Deep","surprise":${nested}}`), 400);
    expect(body.errors).toEqual([{ path: '/body/surprise', message: 'is not a known field' }]);
  });

  it('brackets inside strings are text, not nesting', async () => {
    const res = await post(JSON.stringify({ displayName: '[[[[{{{{'.repeat(20) }));
    expect(res.statusCode, res.body).toBe(201);
  });
});

describe('a body with a huge number of wrong values', () => {
  it('answers 400 with a short list of errors (listing all of them took minutes)', async () => {
    const { header, csrf } = await signIn();
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/customers',
      headers: { cookie: header, 'x-csrf-token': csrf, 'content-type': 'application/json' },
      payload: `{"displayName":"Many","emails":[${Array(100_000).fill('1').join(',')}],"phones":[${Array(20_000).fill('{}').join(',')}]}`,
    });
    const body = expectProblem(res, 400);
    expect((body.errors as unknown[]).length).toBeGreaterThan(0);
    expect((body.errors as unknown[]).length).toBeLessThanOrEqual(50);
  });

  it('still lists every error of an ordinary body', async () => {
    const { header, csrf } = await signIn();
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/customers',
      headers: { cookie: header, 'x-csrf-token': csrf },
      payload: { displayName: 7, gender: 8, emails: [{ address: 9 }] },
    });
    const paths = (expectProblem(res, 400).errors as { path: string }[]).map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['/body/displayName', '/body/gender', '/body/emails/0/address']));
  });
});

describe('answers written by the HTTP layer (a real server, raw requests)', () => {
  let port: number;
  beforeAll(async () => {
    await app.listen({ port: 0, host: '127.0.0.1' });
    port = (app.server.address() as net.AddressInfo).port;
  });

  /** Sends bytes as they are and reads everything the server answers until it closes or a response is whole. */
  const rawRequest = (request: string) =>
    new Promise<{ statusCode: number; headers: Record<string, string>; body: string }>((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1', () => socket.write(request));
      let text = '';
      const finish = () => {
        const split = text.indexOf('\r\n\r\n');
        if (split < 0) return reject(new Error(`no response: ${JSON.stringify(text.slice(0, 200))}`));
        const [statusLine, ...lines] = text.slice(0, split).split('\r\n');
        const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
        resolve({ statusCode: Number(statusLine!.split(' ')[1]), headers, body: text.slice(split + 4) });
        socket.destroy();
      };
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => {
        text += chunk;
        const split = text.indexOf('\r\n\r\n');
        const length = Number(/content-length: *(\d+)/i.exec(text)?.[1]);
        if (split >= 0 && Buffer.byteLength(text.slice(split + 4)) >= length) finish();
      });
      socket.on('close', () => finish());
      // The server may close while the rest of the request is still on its way; what it answered is what counts.
      socket.on('error', () => undefined);
    });

  it('answers 414 problem+json for a URL longer than the server reads', async () => {
    const res = await rawRequest(`GET /api/v1/customers?q=${'x'.repeat(90_000)} HTTP/1.1\r\nHost: localhost\r\n\r\n`);
    expect(expectProblem(res, 414).detail).toMatch(/URL is longer/);
    expect(res.headers.connection).toBe('close');
  });

  it('answers 414 problem+json for a path parameter longer than any id', async () => {
    const res = await rawRequest(`GET /api/v1/customers/${'x'.repeat(500)} HTTP/1.1\r\nHost: localhost\r\n\r\n`);
    expectProblem(res, 414);
  });

  it('answers 431 problem+json for headers larger than the server reads', async () => {
    const res = await rawRequest(`GET /api/v1/health HTTP/1.1\r\nHost: localhost\r\nX-Filler: ${'y'.repeat(20_000)}\r\n\r\n`);
    expect(expectProblem(res, 431).detail).toMatch(/headers are larger/);
    const many = Array.from({ length: 400 }, (_, i) => `X-H${i}: ${'z'.repeat(50)}`).join('\r\n');
    expectProblem(await rawRequest(`GET /api/v1/health HTTP/1.1\r\nHost: localhost\r\n${many}\r\n\r\n`), 431);
  });

  it('answers 400 problem+json for a URL whose percent-encoding does not decode', async () => {
    const res = await rawRequest(`GET /api/v1/customers/%E0%A4%A HTTP/1.1\r\nHost: localhost\r\n\r\n`);
    expect(expectProblem(res, 400).detail).toMatch(/percent-encoded/);
  });

  it('answers 400 problem+json for bytes that are not HTTP, or a broken Content-Length', async () => {
    expectProblem(await rawRequest('HELLO THERE\r\n\r\n'), 400);
    expectProblem(await rawRequest('GET /api/v1/health HTTP/1.1\r\nHost: localhost\r\nContent-Length: lots\r\n\r\n'), 400);
  });

  it('answers 413 problem+json for a body over the limit on a real connection', async () => {
    const { header, csrf } = await signIn();
    const body = JSON.stringify({ displayName: 'x'.repeat(1024 * 1024 + 10) });
    const res = await rawRequest(
      `POST /api/v1/customers HTTP/1.1\r\nHost: localhost\r\nCookie: ${header}\r\nX-CSRF-Token: ${csrf}\r\n` +
        `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
    expectProblem(res, 413);
  });

  it('answers 408 problem+json when a request is too slow to arrive', () => {
    // Node's request timeout takes at least its check interval (30 s) to fire: the handler gets a socket that records.
    let written = '';
    const socket = { writable: true, destroyed: false, write: (chunk: string) => (written += chunk), destroy: () => void (socket.destroyed = true) };
    const error = Object.assign(new Error('Request timeout'), { code: 'ERR_HTTP_REQUEST_TIMEOUT' });
    clientErrorHandler.call(app, error, socket as unknown as Duplex);
    expect(written).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
    expect(written).toContain('Content-Type: application/problem+json');
    expect(JSON.parse(written.slice(written.indexOf('\r\n\r\n') + 4))).toMatchObject({ status: 408, title: 'Request timeout' });
    expect(socket.destroyed).toBe(true);
  });
});

describe('rate limits', () => {
  /** The app as served, with a small budget; each test gets its own counters. */
  const limitedApp = (env: Record<string, string> = {}, rateLimitPerMinute?: number) =>
    buildApp({
      config: loadConfig({ LOG_LEVEL: 'silent', ...env }),
      database,
      logger: false,
      ...(rateLimitPerMinute ? { rateLimitPerMinute } : {}),
    });
  const statuses = async (limited: App, count: number, options: InjectOptions) => {
    const codes: number[] = [];
    for (let i = 0; i < count; i++) codes.push((await limited.inject(options)).statusCode);
    return codes;
  };

  it('answer 429 problem+json with Retry-After once a client passes the per-minute limit', async () => {
    const limited = await limitedApp({}, 3);
    try {
      expect(await statuses(limited, 3, { method: 'GET', url: '/api/v1/setup' })).toEqual([200, 200, 200]);
      const refused = await limited.inject({ method: 'GET', url: '/api/v1/setup' });
      expect(expectProblem(refused, 429).title).toBe('Too many requests');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
      const other = await limited.inject({ method: 'GET', url: '/api/v1/setup', remoteAddress: '198.51.100.4' });
      expect(other.statusCode).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it('never apply to the health check: it answers 200 after the budget is spent', async () => {
    const limited = await limitedApp({}, 2);
    try {
      expect(await statuses(limited, 3, { method: 'GET', url: '/api/v1/setup' })).toEqual([200, 200, 429]);
      expect(await statuses(limited, 20, { method: 'GET', url: '/api/v1/health' })).toEqual(Array(20).fill(200));
      expect((await limited.inject({ method: 'GET', url: '/api/v1/setup' })).statusCode).toBe(429);
    } finally {
      await limited.close();
    }
  });

  it('count a token, a signed-in account and an address each against a budget of its own', async () => {
    const limited = await limitedApp({}, 4);
    try {
      // Signing in and creating the token, from one address: the address spends 1, the session 1.
      const login = await limited.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'hard@example.org', password: testPassword } });
      expect(login.statusCode).toBe(200);
      const session = { cookie: login.cookies.map((c) => `${c.name}=${c.value}`).join('; '), 'x-csrf-token': login.json().csrfToken as string };
      const token = await limited.inject({ method: 'POST', url: '/api/v1/tokens', headers: session, payload: { name: 'till sync', scope: 'read' } });
      expect(token.statusCode).toBe(201);
      const bearer = { authorization: `Bearer ${token.json().secret as string}` };

      // The integration behind the same NAT address spends its whole budget...
      expect(await statuses(limited, 5, { method: 'GET', url: '/api/v1/customers', headers: bearer })).toEqual([200, 200, 200, 200, 429]);
      // ...and anonymous callers from that address still have theirs, until they spend it...
      expect(await statuses(limited, 4, { method: 'GET', url: '/api/v1/setup' })).toEqual([200, 200, 200, 429]);
      // ...and the shop floor's session still has its own.
      expect(await statuses(limited, 4, { method: 'GET', url: '/api/v1/customers', headers: session })).toEqual([200, 200, 200, 429]);
      const spent = await limited.inject({ method: 'GET', url: '/api/v1/customers', headers: session });
      expect(expectProblem(spent, 429).detail).toMatch(/More than 4 requests in a minute/);
    } finally {
      await limited.close();
    }
  });

  it('count requests refused for want of credentials against their address, and answer 429 problem+json', async () => {
    const limited = await limitedApp({}, 3);
    try {
      const forged = { method: 'GET' as const, url: '/api/v1/customers', headers: { authorization: 'Bearer rpt_forged' }, remoteAddress: '203.0.113.9' };
      expect(await statuses(limited, 3, forged)).toEqual([401, 401, 401]);
      const refused = await limited.inject(forged);
      expectProblem(refused, 429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      // Anonymous calls to public routes share that address's budget...
      expect((await limited.inject({ method: 'GET', url: '/api/v1/setup', remoteAddress: '203.0.113.9' })).statusCode).toBe(429);
      expect((await limited.inject({ method: 'GET', url: '/api/v1/customers', remoteAddress: '203.0.113.9' })).statusCode).toBe(429);
      // ...while a signed-in account from that address is counted apart.
      const login = await limited.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'hard@example.org', password: testPassword } });
      const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
      const me = await limited.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie }, remoteAddress: '203.0.113.9' });
      expect(me.statusCode).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it('take their budget from RAPPORT_RATE_LIMIT', async () => {
    const limited = await limitedApp({ RAPPORT_RATE_LIMIT: '2' });
    try {
      expect(await statuses(limited, 3, { method: 'GET', url: '/api/v1/setup' })).toEqual([200, 200, 429]);
    } finally {
      await limited.close();
    }
  });
});

describe('RAPPORT_RATE_LIMIT', () => {
  it('defaults to 1200 requests a minute and takes a whole number', () => {
    expect(loadConfig({}).rateLimitPerMinute).toBe(1200);
    expect(loadConfig({ RAPPORT_RATE_LIMIT: '' }).rateLimitPerMinute).toBe(1200);
    expect(loadConfig({ RAPPORT_RATE_LIMIT: '30' }).rateLimitPerMinute).toBe(30);
    expect(loadConfig({ RAPPORT_RATE_LIMIT: ' 5000 ' }).rateLimitPerMinute).toBe(5000);
    expect(loadConfig({ RAPPORT_RATE_LIMIT: '1000000' }).rateLimitPerMinute).toBe(1_000_000);
  });

  it('refuses anything else with one line naming the variable', () => {
    for (const raw of ['0', '-5', '1.5', 'abc', '12abc', '1e3', '0x10', '1000001', 'Infinity']) {
      let error: unknown;
      try {
        loadConfig({ RAPPORT_RATE_LIMIT: raw });
      } catch (caught) {
        error = caught;
      }
      expect(error, raw).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toBe(`RAPPORT_RATE_LIMIT must be a whole number of requests per minute from 1 to 1000000, not "${raw}"`);
      expect((error as Error).message).not.toContain('\n');
    }
  });
});

describe('logs', () => {
  it('never hold a password, a session cookie, a CSRF token or an API token', async () => {
    logLines.length = 0;
    const { header, csrf, cookie } = await signIn();
    await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'hard@example.org', password: 'wrong but secret-ish 123' } });
    await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'hard@example.org', password: 'secret-in-bad-body', extra: 1 } });
    const token = await app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: { cookie: header, 'x-csrf-token': csrf },
      payload: { name: 'logged?', scope: 'read_write' },
    });
    const secret = token.json().secret as string;
    await app.inject({ method: 'GET', url: '/api/v1/customers', headers: { authorization: `Bearer ${secret}` } });
    await app.inject({ method: 'GET', url: '/api/v1/customers', headers: { authorization: 'Bearer rpt_wrong-token-value' } });
    await app.inject({ method: 'PATCH', url: '/api/v1/staff/01900000-0000-7000-8000-000000000000', headers: { cookie: header, 'x-csrf-token': csrf }, payload: { password: 'another secret password' } });

    const log = logLines.join('');
    expect(logLines.length).toBeGreaterThan(10);
    expect(log).toContain('/api/v1/auth/login');
    for (const value of [testPassword, 'wrong but secret-ish 123', 'secret-in-bad-body', 'another secret password', cookie.value, csrf, secret, 'rpt_wrong-token-value']) {
      expect(log, value).not.toContain(value);
    }
  });
});
