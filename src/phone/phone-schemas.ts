import { Type, type Static } from 'typebox';
import { Nullable, limits } from '../common/schema.js';

/** What the phone system posts to POST /api/v1/phone/calls, signed (phone-signature-rules.ts). */

export const callEvents = ['ringing', 'answered', 'ended'] as const;
export type CallEventName = (typeof callEvents)[number];

/** What a phone system calls an agent: an extension number or a user name (no spaces). */
export const extensionPattern = '^[A-Za-z0-9*#._+@-]+$';
export const extensionMax = 64;
export const Extension = (description: string) => Type.String({ minLength: 1, maxLength: extensionMax, pattern: extensionPattern, description });

/** A day is the longest call Rapport records. */
export const maxCallSeconds = 86_400;

export const CallEventBody = Type.Object(
  {
    callId: Type.String({ minLength: 1, maxLength: 200, description: "The phone system's own id of the call; the same for its ringing, answered and ended events" }),
    event: Type.Enum([...callEvents], { description: 'ringing (before anyone answers: the agent sees the brief), answered, ended (the call is logged)' }),
    from: Type.String({ minLength: 1, maxLength: limits.phone, description: "The caller's number in any format (+12175550142, (217) 555-0142); anything else (anonymous) is an unknown caller" }),
    to: Type.Optional(Type.String({ maxLength: limits.phone, description: 'The number the caller dialled' })),
    extension: Type.Optional(Extension("The extension it rang (or that answered): an agent's phone extension in Rapport (Admin, Staff)")),
    agentEmail: Type.Optional(Type.String({ format: 'email', maxLength: limits.email, description: "Or the agent's sign-in email" })),
    at: Type.Optional(Type.String({ format: 'date-time', description: 'When it happened (ISO-8601 with a time zone); defaults to now' })),
    durationSeconds: Type.Optional(
      Type.Integer({ minimum: 0, maximum: maxCallSeconds, description: 'On ended: how long they talked; more than 0 without an answered event means it was answered' }),
    ),
  },
  { additionalProperties: false },
);
export type CallEventBody = Static<typeof CallEventBody>;

export const CallOut = Type.Object({
  id: Type.String({ description: "Rapport's id of the call" }),
  callId: Type.String({ description: "The phone system's id of the call" }),
  state: Type.Enum(['ringing', 'answered', 'missed']),
  recorded: Type.Boolean({ description: 'false when this event had been received already (the same event of the same call again): nothing changed' }),
  customerId: Nullable(Type.String({ description: 'The customer whose number it is, when exactly one customer has it' })),
  staffId: Nullable(Type.String({ description: 'The agent it rang or who answered, when the extension or email is known' })),
  interactionId: Nullable(Type.String({ description: 'The contact logged on the customer when the call ended' })),
  startedAt: Type.String({ format: 'date-time' }),
  answeredAt: Nullable(Type.String({ format: 'date-time' })),
  endedAt: Nullable(Type.String({ format: 'date-time' })),
  durationSeconds: Nullable(Type.Integer()),
});
export type CallOut = Static<typeof CallOut>;

/** The 'call.ringing' event an agent's open web app gets (GET /api/v1/events). */
export interface RingingEventData {
  [key: string]: unknown;
  callId: string;
  /** The customer whose number it is, when exactly one customer has it. */
  customer: { id: string; name: string } | null;
  /** The number for people to read (+1 217-555-0142), or as received when it is no phone number; null when withheld. */
  number: string | null;
  /** When several customers share the number: each of them (at most five). */
  candidates?: { id: string; name: string }[];
}
