import { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ProblemSchema } from '../common/schema.js';
import { notFound, unauthorized } from '../platform/errors.js';
import { limitRefusals } from '../platform/http/rate-limit.js';
import type { App } from '../platform/http/types.js';
import type { WriteContext } from '../platform/write-context.js';
import { receiveCallEvent } from './phone-commands.js';
import { CallEventBody, CallOut } from './phone-schemas.js';
import { checkSignature, signatureHeader } from '../platform/http/signature.js';
import type { CallRow } from './phone-store.js';

/** A call event is a few hundred bytes; nothing a phone system sends comes near this. */
export const maxCallEventBytes = 16 * 1024;

const statusError = (statusCode: number, message: string) => Object.assign(new Error(message), { statusCode });

/** The body as sent, up to the limit: the signature is over these bytes, before anything parses them. */
async function readBody(payload: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of payload) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    size += bytes.length;
    if (size > maxCallEventBytes) throw statusError(413, `A call event must be at most ${maxCallEventBytes} bytes.`);
    chunks.push(bytes);
  }
  return Buffer.concat(chunks);
}

const present = (call: CallRow, recorded: boolean): CallOut => ({
  id: call.id,
  callId: call.externalCallId,
  state: call.state,
  recorded,
  customerId: call.customerId,
  staffId: call.staffId,
  interactionId: call.interactionId,
  startedAt: call.startedAt,
  answeredAt: call.answeredAt,
  endedAt: call.endedAt,
  durationSeconds: call.durationSeconds,
});

/**
 * POST /api/v1/phone/calls: the phone system's webhook (README, "Connecting a phone system"). Public as
 * far as sessions go, but every request must carry a valid signature (phone-signature-rules.ts); 404
 * while RAPPORT_PHONE_WEBHOOK_SECRET is unset (the feature is off).
 *
 * Rate limit: a phone system posts two or three events for every call from one address, and a busy
 * call centre would run through the per-address budget (RAPPORT_RATE_LIMIT) and lose its calls, so
 * a correctly signed request is never limited. What is limited is being refused: a request with a
 * missing or wrong signature counts against its address in the same counters as requests refused
 * for want of credentials (platform/http/rate-limit.ts), and past the budget that address gets 429.
 */
export async function phoneRoutes(app: App) {
  const countRefusal = limitRefusals(app);

  const verify = async (request: FastifyRequest, reply: FastifyReply, payload: NodeJS.ReadableStream) => {
    const secret = app.config.phoneWebhookSecret;
    if (!secret) throw notFound('The phone webhook (set RAPPORT_PHONE_WEBHOOK_SECRET to turn it on)');
    const body = await readBody(payload);
    const header = request.headers[signatureHeader];
    const check = checkSignature(Array.isArray(header) ? header[0] : header, body, secret, Math.floor(Date.now() / 1000));
    if (!check.valid) {
      await countRefusal(request, reply);
      throw unauthorized(check.reason);
    }
    const verified = Readable.from([body]) as Readable & { receivedEncodedLength?: number };
    verified.receivedEncodedLength = body.length;
    return verified;
  };

  app.post(
    '/phone/calls',
    {
      config: { access: 'public', rateLimit: false },
      bodyLimit: maxCallEventBytes,
      preParsing: verify,
      schema: {
        tags: ['phone'],
        summary:
          'The phone system tells of a call: ringing (the agent it rings sees who is calling), answered, ended (the call is logged on the customer). Signed with X-Rapport-Signature; the same event again changes nothing',
        description:
          'Send `X-Rapport-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" with RAPPORT_PHONE_WEBHOOK_SECRET>`; a signature more than 5 minutes old is refused (401). ' +
          'The caller is looked up by phone in any format; the agent by `extension` (set by an admin on their staff account) or `agentEmail`. ' +
          'On ended, a customer whose number it is gets one contact: channel call (with its length) when answered, missed_call (they are then waiting for a call back) when not. ' +
          '404 while the webhook is off (no secret configured).',
        security: [],
        body: CallEventBody,
        response: { 200: CallOut, 400: ProblemSchema, 401: ProblemSchema, 404: ProblemSchema, 413: ProblemSchema, 422: ProblemSchema, 429: ProblemSchema },
      },
    },
    async (request) => {
      const ctx: WriteContext = { actor: null, phoneRegion: app.config.phoneRegion };
      const received = await app.db.transaction().execute((trx) => receiveCallEvent(trx, ctx, request.body));
      // Only once it is committed: the agent's app may open the customer at once.
      for (const push of received.pushes) {
        await app.events.publish(push.staffId, push.event).catch((error: unknown) => request.log.warn({ err: error }, 'a call event could not be sent to the agent'));
      }
      return present(received.call, received.recorded);
    },
  );
}
