import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A webhook consumer for tests: a real HTTP server on 127.0.0.1 that checks each delivery's
 * signature the way the README tells a consumer to (verifyRapportSignature is the README's
 * function, typed), records what arrived, and answers with the statuses a test queues (204 after).
 */

/** The README's check: the HMAC of "t.rawBody" under the secret, compared in constant time, and the time within five minutes. */
export function verifyRapportSignature(rawBody: string, header: string | undefined, secret: string, toleranceSeconds = 300): boolean {
  const parts = Object.fromEntries((header ?? '').split(',').map((part) => part.trim().split('=', 2)));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || typeof parts.v1 !== 'string') return false;
  if (Math.abs(Date.now() / 1000 - t) > toleranceSeconds) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${rawBody}`).digest();
  const given = Buffer.from(parts.v1, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export interface RapportEvent {
  id: string;
  type: string;
  occurredAt: string;
  data: Record<string, unknown> & { record?: Record<string, unknown> };
}

export interface Received {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** The signature checked out with the receiver's secret. */
  verified: boolean;
  /** What the receiver answered. */
  status: number;
  event: RapportEvent | null;
}

export interface Receiver {
  url: string;
  received: Received[];
  /** Verified deliveries' events, in arrival order. */
  events(): RapportEvent[];
  /** The secret to check signatures with (the one a subscription's creation showed). */
  secret: string;
  /** Answers for the next requests, in order; 204 once they are used up. */
  answerNext(...statuses: number[]): void;
  /** Every request from now on gets this answer, with these headers (a redirect, say); null goes back to answering 204. */
  answerAlways(status: number | null, headers?: Record<string, string>): void;
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const received: Received[] = [];
  const queue: number[] = [];
  let always: { status: number; headers: Record<string, string> } | null = null;
  const receiver = { secret: '' } as Receiver;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const header = request.headers['x-rapport-signature'];
      const verified = verifyRapportSignature(body, Array.isArray(header) ? header[0] : header, receiver.secret);
      const status = !verified ? 400 : (always?.status ?? queue.shift() ?? 204);
      let event: RapportEvent | null = null;
      try {
        event = JSON.parse(body) as RapportEvent;
      } catch {
        event = null;
      }
      received.push({ method: request.method ?? '', path: request.url ?? '', headers: request.headers, body, verified, status, event });
      response.writeHead(status, always && verified ? always.headers : {}).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(receiver, {
    url: `http://127.0.0.1:${port}/rapport-webhooks`,
    received,
    events: () => received.filter((r) => r.verified && r.event).map((r) => r.event!),
    answerNext: (...statuses: number[]) => void queue.push(...statuses),
    answerAlways: (status: number | null, headers: Record<string, string> = {}) => {
      always = status === null ? null : { status, headers };
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  });
}
