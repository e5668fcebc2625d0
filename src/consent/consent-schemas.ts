import { Type, type Static } from 'typebox';
import { Day, DateTime, Id, limits, Nullable, Text } from '../common/schema.js';
import { channels as interactionChannels } from '../interactions/interaction-schemas.js';
import { consentChannels } from './consent-rules.js';

export const ConsentChannelSchema = Type.Enum([...consentChannels], { description: 'email, phone (calls), sms (text messages) or post' });
export const ConsentStatusSchema = Type.Enum(['opted_in', 'opted_out']);

export const ConsentChannelParams = Type.Object({ id: Id, channel: ConsentChannelSchema });

const Source = Text(limits.line, { description: 'Where the choice came from: "told us at the counter", "web form", "import: newsletter list"' });

export const ConsentPut = Type.Object(
  {
    status: ConsentStatusSchema,
    givenOn: Type.Optional(Day),
    source: Type.Optional(Nullable(Source)),
  },
  {
    additionalProperties: false,
    description:
      'The whole choice for one channel. givenOn (the day the customer gave it) defaults to today, or stays as it was when the status does not change; source defaults to none. Sending the same choice again changes nothing.',
  },
);
export type ConsentPut = Static<typeof ConsentPut>;

export const DoNotContactPut = Type.Object(
  {
    since: Type.Optional(Day),
    reason: Text(limits.line, { description: 'Why, in their words or ours: "asked us to stop calling after the bereavement"' }),
  },
  { additionalProperties: false, description: 'since defaults to today, or stays as it was when already set' },
);
export type DoNotContactPut = Static<typeof DoNotContactPut>;

const Permission = {
  allowed: Type.Boolean({ description: 'false when the customer opted out of this channel or asked not to be contacted' }),
  basis: Type.Enum(['do_not_contact', 'opted_out', 'opted_in', 'not_recorded', 'not_needed']),
  reason: Type.String({ description: 'In words: "opted out of email on 3 March 2026 (web form)"' }),
};

export const ChannelConsentOut = Type.Object({
  channel: ConsentChannelSchema,
  status: Type.Enum(['opted_in', 'opted_out', 'not_recorded']),
  givenOn: Nullable(Type.String({ description: 'YYYY-MM-DD' })),
  source: Nullable(Type.String()),
  recordedAt: Nullable(DateTime),
  recordedBy: Nullable(Type.String()),
  recordedByName: Nullable(Type.String()),
  ...Permission,
});

export const DoNotContactOut = Type.Object({
  since: Type.String({ description: 'YYYY-MM-DD' }),
  reason: Type.String(),
  recordedAt: DateTime,
  recordedBy: Nullable(Type.String()),
  recordedByName: Nullable(Type.String()),
});

export const ConsentOut = Type.Object({
  customerId: Type.String(),
  channels: Type.Array(ChannelConsentOut, { description: 'Always the four channels, in the order email, phone, sms, post' }),
  doNotContact: Nullable(DoNotContactOut),
  outbound: Type.Array(
    Type.Object({ channel: Type.Enum([...interactionChannels]), ...Permission }),
    { description: 'For every kind of contact we might log as outbound, whether it goes against what the customer asked. This is for people; email written from Rapport (POST /customers/{id}/send-email) asks the same rule.' },
  ),
});
export type ConsentOut = Static<typeof ConsentOut>;
