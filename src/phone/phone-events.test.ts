import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaff } from '../staff/staff-commands.js';
import { testApp, testPassword, type Client, type TestApp } from '../test/app.js';
import type { RingingEventData } from './phone-schemas.js';
import { signatureHeaderValue } from '../platform/http/signature.js';

/**
 * The screen-pop end to end over real HTTP on 127.0.0.1, on SQLite and PostgreSQL (where the event
 * goes through NOTIFY and this process's LISTEN connection): the agent's browser holds
 * GET /api/v1/events open, the phone system posts a signed ringing call, and the stream carries who
 * is calling before anyone answers. Then: only the agent it rang hears of it, the stream goes when
 * the client goes, and ends cleanly when the server stops.
 */

const secret = 'phone-system-secret-for-the-stream-tests';
let t: TestApp;
let base: string;
let admin: Client;
let calls = 0;
let closed = false;

interface Received {
  type: string;
  data: Partial<RingingEventData> & { state?: string };
}

/** A stream of server-sent events read from a real HTTP request: its events so far, its raw text, whether it ended. */
interface Stream {
  status: number;
  headers: http.IncomingHttpHeaders;
  events: Received[];
  text: () => string;
  ended: () => boolean;
  close: () => void;
}

function openStream(cookie: string | null, accept = 'text/event-stream'): Promise<Stream> {
  return new Promise((resolve, reject) => {
    const request = http.get(`${base}/api/v1/events`, { headers: { accept, ...(cookie ? { cookie } : {}) } }, (response) => {
      let text = '';
      let ended = false;
      const events: Received[] = [];
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        text += chunk;
        // Whole events only: "event: name\ndata: json\n\n".
        const blocks = text.split('\n\n');
        events.length = 0;
        for (const block of blocks.slice(0, -1)) {
          const type = /^event: (.+)$/m.exec(block)?.[1];
          const data = /^data: (.+)$/m.exec(block)?.[1];
          if (type && data) events.push({ type, data: JSON.parse(data) as Received['data'] });
        }
      });
      response.on('end', () => (ended = true));
      response.on('close', () => (ended = true));
      resolve({ status: response.statusCode ?? 0, headers: response.headers, events, text: () => text, ended: () => ended, close: () => request.destroy() });
    });
    request.on('error', (error) => ((error as NodeJS.ErrnoException).code === 'ECONNRESET' ? undefined : reject(error)));
  });
}

/** An agent with an extension, signed in over HTTP as a browser would be: the session cookie. */
async function agentWith(extension: string, name: string): Promise<{ id: string; cookie: string }> {
  const email = `${extension}@calls.example`;
  const id = await createStaff(t.database.db, null, { email, name, role: 'frontline', password: testPassword });
  expect((await admin.patch(`/api/v1/staff/${id}`, { phoneExtension: extension })).status).toBe(200);
  const login = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: testPassword }) });
  expect(login.status).toBe(200);
  const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  return { id, cookie };
}

/** The phone system: a signed POST over HTTP. */
async function ring(from: string, extension: string, event = 'ringing', callId = `stream-call-${++calls}`): Promise<{ status: number; callId: string }> {
  const body = JSON.stringify({ callId, event, from, extension });
  const res = await fetch(`${base}/api/v1/phone/calls`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-rapport-signature': signatureHeaderValue(secret, Math.floor(Date.now() / 1000), body) },
    body,
  });
  return { status: res.status, callId };
}

/** Open, and known to the hub: events published from now on reach it. */
async function listening(agent: { id: string; cookie: string }): Promise<Stream> {
  const before = t.app.events.openStreams(agent.id);
  const stream = await openStream(agent.cookie);
  expect(stream.status).toBe(200);
  await expect.poll(() => stream.text()).toContain(': connected');
  expect(t.app.events.openStreams(agent.id)).toBe(before + 1);
  return stream;
}

/** Closes a client's streams and waits until the server has let go of them. */
async function hangUp(agent: { id: string }, ...streams: Stream[]): Promise<void> {
  for (const stream of streams) stream.close();
  await expect.poll(() => t.app.events.openStreams(agent.id)).toBe(0);
}

let jim: string;
let earl: { id: string; cookie: string };
let nina: { id: string; cookie: string };

beforeAll(async () => {
  t = await testApp({ config: { phoneWebhookSecret: secret } });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
  admin = await t.signIn('admin');
  jim = (await admin.post('/api/v1/customers', { displayName: 'Jim Alvarez', phones: [{ number: '(217) 555-0142' }] })).body.id;
  for (const name of ['Sam One', 'Sam Two']) await admin.post('/api/v1/customers', { displayName: name, phones: [{ number: '217-555-0100' }] });
  earl = await agentWith('214', 'Earl Hughes');
  nina = await agentWith('215', 'Nina Night');
});
afterAll(async () => {
  if (closed) await t.database.close();
  else await t.close();
});

describe('the stream of events', () => {
  it('is text/event-stream for a signed-in staff member, 401 without a session, 406 to a client that does not ask for events', async () => {
    const stream = await listening(earl);
    expect(stream.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(stream.headers['cache-control']).toBe('no-store');
    expect(stream.text()).toMatch(/^retry: \d+\n: connected\n\n/);
    await hangUp(earl, stream);
    const anonymous = await fetch(`${base}/api/v1/events`, { headers: { accept: 'text/event-stream' } });
    expect(anonymous.status).toBe(401);
    const json = await fetch(`${base}/api/v1/events`, { headers: { cookie: earl.cookie, accept: 'application/json' } });
    expect(json.status).toBe(406);
    expect(json.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('carries a ringing call to the agent it rings: the customer whose number is stored as (217) 555-0142, posted as +12175550142', async () => {
    const stream = await listening(earl);
    const { status, callId } = await ring('+12175550142', '214');
    expect(status).toBe(200);
    await expect.poll(() => stream.events.length).toBe(1);
    expect(stream.events).toEqual([{ type: 'call.ringing', data: { callId, customer: { id: jim, name: 'Jim Alvarez' }, number: '+1 217 555 0142' } }]);
    // Nobody answers: its end follows, for the pop-over to go.
    expect((await ring('+12175550142', '214', 'ended', callId)).status).toBe(200);
    await expect.poll(() => stream.events.length).toBe(2);
    expect(stream.events[1]).toEqual({ type: 'call.ended', data: { callId, state: 'missed' } });
    await hangUp(earl, stream);
  });

  it('says when the caller is unknown, or which customers share the number', async () => {
    const stream = await listening(earl);
    const unknown = await ring('217 555 0199', '214');
    await expect.poll(() => stream.events.length).toBe(1);
    expect(stream.events[0]).toEqual({ type: 'call.ringing', data: { callId: unknown.callId, customer: null, number: '+1 217 555 0199' } });
    const shared = await ring('+12175550100', '214');
    await expect.poll(() => stream.events.length).toBe(2);
    expect(stream.events[1]!.data).toMatchObject({ callId: shared.callId, customer: null, number: '+1 217 555 0100' });
    expect(stream.events[1]!.data.candidates?.map((c) => c.name).sort()).toEqual(['Sam One', 'Sam Two']);
    await hangUp(earl, stream);
  });

  it('reaches only the agent it rang, in every tab they have open', async () => {
    const earlTabs = [await listening(earl), await listening(earl)];
    const ninasTab = await listening(nina);
    const forEarl = await ring('+12175550142', '214');
    const forNina = await ring('+12175550142', '215');
    await expect.poll(() => ninasTab.events.length).toBe(1);
    for (const tab of earlTabs) await expect.poll(() => tab.events.map((e) => e.data.callId)).toEqual([forEarl.callId]);
    // Nina's stream got her call and not Earl's, which was published before it.
    expect(ninasTab.events.map((e) => e.data.callId)).toEqual([forNina.callId]);
    await hangUp(earl, ...earlTabs);
    await hangUp(nina, ninasTab);
  });

  it('goes away when the client goes', async () => {
    const stream = await listening(nina);
    expect(t.app.events.openStreams(nina.id)).toBe(1);
    stream.close();
    await expect.poll(() => t.app.events.openStreams(nina.id)).toBe(0);
    // Publishing to no one is no error.
    expect((await ring('+12175550142', '215')).status).toBe(200);
  });

  it('ends cleanly when the server stops', async () => {
    const stream = await listening(earl);
    const stopping = t.app.close();
    closed = true;
    await expect.poll(() => stream.ended()).toBe(true);
    await stopping;
    expect(t.app.events.openStreams(earl.id)).toBe(0);
  });
});
