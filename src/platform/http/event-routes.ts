import { PassThrough } from 'node:stream';
import type { StaffEvent } from '../events/staff-events.js';
import { actorOf } from './actor-of.js';
import type { App } from './types.js';

/** A comment line every 25 s keeps proxies and the browser from taking a quiet stream for a dead one. */
export const heartbeatMs = 25_000;
/**
 * A stream ends after this long and the browser's EventSource opens a new one at once: the new
 * request is signed in afresh, so a stream never outlives its session (signed out, disabled) by more.
 */
export const streamMaxAgeMs = 15 * 60_000;
/** Tabs a staff member may hold open at once; opening one more ends the oldest. */
export const maxStreamsPerStaff = 10;

/** One event in the text/event-stream format: its name, and its data as one line of JSON. */
export const eventText = (event: StaffEvent): string => `event: ${event.type}\ndata: ${JSON.stringify(event.data)}\n\n`;

const statusError = (statusCode: number, message: string) => Object.assign(new Error(message), { statusCode });

/**
 * GET /api/v1/events: the signed-in staff member's own server-sent events (src/platform/events/):
 * 'call.ringing' before they answer the phone (src/phone/), 'call.ended'. GET only, so no CSRF token;
 * the EventSource sends the session cookie.
 */
export async function eventRoutes(app: App) {
  const open = new Map<string, PassThrough[]>();

  app.get(
    '/events',
    {
      config: { access: 'frontline' },
      schema: {
        tags: ['events'],
        summary: "The signed-in staff member's own stream of server-sent events (text/event-stream; send Accept: text/event-stream): call.ringing, call.ended",
        description:
          'Each event is `event: <name>` and `data: <one line of JSON>`; a comment line every 25 seconds keeps it open. The stream ends after 15 minutes ' +
          'and an EventSource reconnects at once (signed in afresh). call.ringing: {callId, customer: {id, name} | null, number, candidates?: [{id, name}]}; ' +
          'call.ended: {callId, state}.',
        produces: ['text/event-stream'],
      },
    },
    async (request, reply) => {
      if (!String(request.headers.accept ?? '').includes('text/event-stream')) {
        throw statusError(406, 'This is a stream of server-sent events: send Accept: text/event-stream (an EventSource does).');
      }
      const staffId = actorOf(request).staffId;
      const stream = new PassThrough();
      let unsubscribe: () => void = () => undefined;
      try {
        unsubscribe = await app.events.subscribe(staffId, { send: (event) => stream.write(eventText(event)), end: () => stream.end() });
      } catch (error) {
        request.log.error({ err: error }, 'could not open a stream of staff events');
        throw statusError(503, 'Live updates are not available right now; the page tries again by itself.');
      }
      const mine = [...(open.get(staffId) ?? []), stream];
      open.set(staffId, mine);
      while (mine.length > maxStreamsPerStaff) mine.shift()?.end();

      const heartbeat = setInterval(() => stream.write(': heartbeat\n\n'), heartbeatMs);
      const maxAge = setTimeout(() => stream.end(), streamMaxAgeMs);
      const cleanup = () => {
        clearInterval(heartbeat);
        clearTimeout(maxAge);
        unsubscribe();
        const left = (open.get(staffId) ?? []).filter((s) => s !== stream);
        if (left.length) open.set(staffId, left);
        else open.delete(staffId);
      };
      stream.once('close', cleanup);
      // The browser went away (tab closed, network lost): stop writing to it.
      reply.raw.once('close', () => stream.destroy());
      // How long the browser waits before reconnecting, then a first line so it knows the stream is open.
      stream.write('retry: 2000\n: connected\n\n');
      return reply
        .header('content-type', 'text/event-stream; charset=utf-8')
        .header('cache-control', 'no-store')
        .header('x-accel-buffering', 'no')
        .header('connection', 'close')
        .send(stream);
    },
  );
}
