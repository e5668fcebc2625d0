import { Type, type Static } from 'typebox';
import { Authored, DateTime, Id, limits, Nullable, PageQuery, Text } from '../common/schema.js';

export const channels = [
  'call',
  'voicemail',
  'email',
  'visit',
  'meeting',
  'sms',
  'chat',
  'letter',
  'web_form',
  'direct_mail',
  'newsletter',
  'invoice_sent',
  'service_call',
  /** A call nobody answered, logged by the phone system (src/phone/): the customer waits for a call back. */
  'missed_call',
  'other',
] as const;
export const moods = ['happy', 'neutral', 'worried', 'frustrated', 'angry'] as const;

export const Channel = Type.Enum([...channels], { description: 'How the contact happened' });
export const Direction = Type.Enum(['inbound', 'outbound'], { description: 'inbound: the customer reached us; outbound: we reached them' });
export const Mood = Type.Enum([...moods], { description: 'How the customer seemed' });

/** What was said or done. Longer than a line, shorter than a note. */
export const summaryMax = 2000;

const editable = {
  channel: Channel,
  direction: Direction,
  occurredAt: Type.Optional(Type.String({ format: 'date-time', description: 'When it happened (ISO-8601 with a time zone); defaults to now' })),
  summary: Text(summaryMax, { description: 'What happened, in a sentence or two' }),
  staffId: Type.Optional(Type.String({ format: 'uuid', description: 'Who handled it; defaults to the signed-in staff member' })),
  locationId: Type.Optional(Nullable(Id)),
  mood: Type.Optional(Nullable(Mood)),
  outcome: Type.Optional(Nullable(Text(limits.line, { description: 'What came of it: booked a visit, sent a quote' }))),
};

export const InteractionCreate = Type.Object({ customerId: Id, ...editable }, { additionalProperties: false });
export type InteractionCreate = Static<typeof InteractionCreate>;

/** Everything but the customer may change: an interaction never moves to another customer. */
export const InteractionPatch = Type.Partial(Type.Object(editable), { additionalProperties: false });
export type InteractionPatch = Static<typeof InteractionPatch>;

export const InteractionOut = Type.Object({
  id: Type.String(),
  customerId: Type.String(),
  channel: Type.String(),
  direction: Direction,
  occurredAt: DateTime,
  summary: Type.String(),
  staffId: Nullable(Type.String()),
  staffName: Nullable(Type.String({ description: 'The name of the staff member who handled it' })),
  locationId: Nullable(Type.String()),
  mood: Nullable(Type.String()),
  outcome: Nullable(Type.String()),
  caseId: Nullable(Type.String({ description: 'The case whose thread it is part of (POST /cases/{id}/thread)' })),
  ...Authored,
});
export type InteractionOut = Static<typeof InteractionOut>;

export const InteractionListQuery = Type.Object(
  { customerId: Type.Optional(Id), channel: Type.Optional(Channel), ...PageQuery },
  { additionalProperties: false },
);
