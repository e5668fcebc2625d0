import { Type, type Static } from 'typebox';
import { DateTime, Id, IdParams, limits, Nullable, Text } from '../common/schema.js';
import { InteractionOut } from '../interactions/interaction-schemas.js';
import { bodyMax, subjectMax } from './email-out-rules.js';

export const EmailParams = IdParams;

export const EmailSendIn = Type.Object(
  {
    to: Type.Optional(Type.String({ minLength: 1, maxLength: limits.email, description: "One of the customer's email addresses; defaults to their primary address" })),
    subject: Text(subjectMax, { description: 'One line. A reply keeps the "Re: …" subject it was given' }),
    body: Text(bodyMax, { description: 'Plain text, in the writer’s own words' }),
    inReplyToInteractionId: Type.Optional(
      Type.String({
        format: 'uuid',
        description: 'The interaction of an email of this customer that Rapport received or sent: the reply is threaded under it (In-Reply-To, References)',
      }),
    ),
    caseId: Type.Optional(
      Type.String({ format: 'uuid', description: "A case of this customer: the email joins the case's thread (a reply joins the case of the email it answers unless another is named)" }),
    ),
  },
  { additionalProperties: false },
);
export type EmailSendIn = Static<typeof EmailSendIn>;

export const SentEmailOut = Type.Object({
  interaction: InteractionOut,
  email: Type.Object({
    messageId: Type.String({ description: 'The Message-ID Rapport gave the email, without angle brackets' }),
    inReplyTo: Nullable(Type.String()),
    references: Type.Array(Type.String(), { description: 'The References header, oldest first, without angle brackets' }),
    threadId: Type.String({ description: "The Message-ID of the thread's first message as far as known" }),
    subject: Type.String(),
    from: Type.String({ description: 'The From address (RAPPORT_MAIL_FROM); the writer is the Reply-To' }),
    replyTo: Type.String({ description: 'The writer’s own address, where the customer’s answer goes' }),
    to: Type.String(),
    sentAt: DateTime,
  }),
  alreadyLogged: Type.Boolean({ description: 'true when a copy of this very email (same Message-ID) had been logged already, by email in: nothing was written twice' }),
});
export type SentEmailOut = Static<typeof SentEmailOut>;

export const ComposerQuery = Type.Object(
  { replyTo: Type.Optional(Id) },
  { additionalProperties: false },
);

const Permission = Type.Object({
  allowed: Type.Boolean(),
  basis: Type.Enum(['do_not_contact', 'opted_out', 'opted_in', 'not_recorded', 'not_needed']),
  reason: Type.String({ description: 'In words: "opted out of email on 3 March 2026 (web form)"' }),
});

export const ComposerOut = Type.Object({
  customerId: Type.String(),
  canWrite: Type.Boolean({ description: 'Whether the caller may write this customer an email now (SMTP set up, an address, consent, a person signed in)' }),
  why: Nullable(Type.String({ description: 'Why not, in words, naming the setting that stops it; null when canWrite' })),
  setUp: Type.Boolean({ description: 'Whether sending is configured (RAPPORT_SMTP_URL and RAPPORT_MAIL_FROM)' }),
  permission: Permission,
  addresses: Type.Array(Type.Object({ address: Type.String(), label: Nullable(Type.String()), isPrimary: Type.Boolean() }), { description: 'Primary first' }),
  from: Nullable(Type.String({ description: 'The From the customer will see; null when sending is not set up' })),
  replyTo: Nullable(Type.String({ description: 'Where their answer goes: the caller’s own address' })),
  reply: Nullable(
    Type.Object(
      {
        interactionId: Type.String(),
        subject: Type.String({ description: '"Re: " and the subject of the email answered' }),
        to: Nullable(Type.String({ description: "The customer's address in that email, when it is one of theirs" })),
        threaded: Type.Boolean({ description: 'false for an email logged by hand: Rapport has no Message-ID to thread under, so the reply starts a thread' }),
      },
      { description: 'With ?replyTo=: what a reply to that email starts with' },
    ),
  ),
});
export type ComposerOut = Static<typeof ComposerOut>;
