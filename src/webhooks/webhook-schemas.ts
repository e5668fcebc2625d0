import { Type, type Static } from 'typebox';
import { DateTime, limits, Nullable, PageQuery, Text } from '../common/schema.js';
import { maxUrlLength, webhookEventTypes } from './webhook-rules.js';

export const WebhookEventTypeSchema = Type.Enum([...webhookEventTypes], {
  description:
    'customer.created, customer.changed (profile, contact points, links, trash, erasure), customer.merged, interaction.logged, transaction.recorded, promise.changed (made, changed, new date, handed over, kept, broken, cancelled, deleted), case.changed (opened, changed, apology, deleted)',
});

const Url = Type.String({ maxLength: maxUrlLength, description: 'Where deliveries are POSTed: https:// (or http:// inside your own network); no user name or password in it' });
const EventTypes = Type.Array(WebhookEventTypeSchema, { maxItems: webhookEventTypes.length * 2, description: 'The event types to send; at least one' });

export const WebhookCreate = Type.Object(
  {
    name: Text(limits.shortText, { description: 'What receives them, e.g. "Accounting sync"' }),
    url: Url,
    eventTypes: EventTypes,
    active: Type.Optional(Type.Boolean({ description: 'false: made paused (sent nothing until resumed); true when left out' })),
  },
  { additionalProperties: false },
);
export type WebhookCreate = Static<typeof WebhookCreate>;

export const WebhookPatch = Type.Object(
  {
    name: Type.Optional(Text(limits.shortText)),
    url: Type.Optional(Url),
    eventTypes: Type.Optional(EventTypes),
    active: Type.Optional(Type.Boolean({ description: 'false pauses it: events are not sent, deliveries waiting fail and can be replayed once resumed' })),
  },
  { additionalProperties: false },
);
export type WebhookPatch = Static<typeof WebhookPatch>;

/** A subscription as listed: never its secret. */
export const WebhookOut = Type.Object({
  id: Type.String(),
  name: Type.String(),
  url: Type.String(),
  eventTypes: Type.Array(Type.String()),
  active: Type.Boolean(),
  createdAt: DateTime,
  updatedAt: DateTime,
  createdBy: Nullable(Type.String()),
  updatedBy: Nullable(Type.String()),
});
export type WebhookOut = Static<typeof WebhookOut>;

export const WebhookCreated = Type.Object({
  ...WebhookOut.properties,
  secret: Type.String({
    description: 'Signs every delivery (X-Rapport-Signature, see the README). Shown this once: keep it in the receiving system’s settings.',
  }),
});
export type WebhookCreated = Static<typeof WebhookCreated>;

export const DeliveryStatusSchema = Type.Enum(['pending', 'delivered', 'failed'], {
  description: 'pending: waiting for its first try or a retry; delivered: the receiver answered 2xx; failed: the last try failed, or the subscription was paused',
});

export const DeliveryOut = Type.Object({
  id: Type.String({ description: 'Sent as X-Rapport-Delivery' }),
  subscriptionId: Type.String(),
  eventId: Type.String({ description: 'The event’s id (the payload’s id): the same in every delivery of one event and in a replay' }),
  eventType: Type.String(),
  customerId: Nullable(Type.String({ description: 'The customer the event was about' })),
  status: DeliveryStatusSchema,
  attempts: Type.Integer({ description: 'Tries so far, replays included' }),
  lastStatusCode: Nullable(Type.Integer()),
  lastError: Nullable(Type.String()),
  lastAttemptAt: Nullable(DateTime),
  nextAttemptAt: Nullable(DateTime),
  deliveredAt: Nullable(DateTime),
  createdAt: DateTime,
});
export type DeliveryOut = Static<typeof DeliveryOut>;

export const AttemptOut = Type.Object({
  attempt: Type.Integer(),
  at: DateTime,
  statusCode: Nullable(Type.Integer()),
  error: Nullable(Type.String()),
  durationMs: Type.Integer(),
});
export type AttemptOut = Static<typeof AttemptOut>;

export const DeliveryDetail = Type.Object({
  ...DeliveryOut.properties,
  payload: Type.String({ description: 'The exact JSON body sent (the signature covers these bytes)' }),
  attemptLog: Type.Array(AttemptOut, { description: 'Every try, oldest first' }),
});
export type DeliveryDetail = Static<typeof DeliveryDetail>;

export const DeliveryQuery = Type.Object({ status: Type.Optional(DeliveryStatusSchema), ...PageQuery }, { additionalProperties: false });
export type DeliveryQuery = Static<typeof DeliveryQuery>;
