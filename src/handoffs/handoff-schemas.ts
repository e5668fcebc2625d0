import { Type, type Static } from 'typebox';
import { DateTime, Id, Nullable, PageQuery, PrivacyInput, PrivacyOut, Text } from '../common/schema.js';

/** Hand-offs (scenario S5): request and response schemas; the responses are the presenters. */

export const handoffTopics = ['told', 'worries', 'sensitivities', 'next_step'] as const;
export const HandoffTopic = Type.Enum([...handoffTopics], {
  description: 'told: what they were told; worries: what worries them; sensitivities: what to be careful about; next_step: what happens next',
});

/** How long one line of a hand-off may be (a few sentences a nurse writes at the end of a shift). */
export const handoffNoteMax = 2000;

export const HandoffNoteIn = Type.Object(
  { topic: HandoffTopic, body: Text(handoffNoteMax, { description: 'What to say about it, in a few sentences' }), ...PrivacyInput },
  { additionalProperties: false },
);

export const HandoffCustomerIn = Type.Object(
  {
    customerId: Id,
    caseIds: Type.Optional(Type.Array(Id, { maxItems: 20, description: 'Open cases of this customer handed over with them: their owner becomes whoever accepts' })),
    notes: Type.Optional(Type.Array(HandoffNoteIn, { maxItems: 12, description: 'What was told, what worries them, sensitivities, the next step; each may be private' })),
  },
  { additionalProperties: false },
);

export const HandoffCreate = Type.Object(
  {
    toStaffId: Type.Optional(Id),
    toLocationId: Type.Optional(Id),
    locationId: Type.Optional(Id),
    customers: Type.Array(HandoffCustomerIn, { minItems: 1, maxItems: 50 }),
  },
  {
    additionalProperties: false,
    description:
      "From the caller. To a colleague (toStaffId) or to a location's next shift (toLocationId: the first there to accept takes it), one of the two. locationId: whose shift view shows it (a location hand-off's own; otherwise a location both work at, else the writer's).",
  },
);
export type HandoffCreate = Static<typeof HandoffCreate>;

export const HandoffReassign = Type.Object(
  { toStaffId: Type.Optional(Id), toLocationId: Type.Optional(Id) },
  { additionalProperties: false, description: 'One of the two: a colleague, or the next shift at a location' },
);
export type HandoffReassign = Static<typeof HandoffReassign>;

export const HandoffReadIn = Type.Object({ customerId: Id }, { additionalProperties: false });

export const HandoffNoteOut = Type.Object({
  id: Type.String(),
  topic: HandoffTopic,
  body: Type.String(),
  ...PrivacyOut,
  createdBy: Nullable(Type.String()),
});

export const HandoffCaseOut = Type.Object({
  id: Type.String(),
  subject: Type.String(),
  status: Type.String(),
  ownerId: Nullable(Type.String()),
  ownerName: Nullable(Type.String()),
});

export const HandoffPromiseOut = Type.Object({
  id: Type.String(),
  what: Type.String(),
  dueBy: DateTime,
  status: Type.String(),
  ownerId: Type.String(),
  ownerName: Nullable(Type.String()),
});

export const HandoffCustomerOut = Type.Object({
  customerId: Type.String(),
  displayName: Type.String(),
  notes: Type.Array(HandoffNoteOut, { description: 'Lines the caller may read (private ones only for their audience)' }),
  cases: Type.Array(HandoffCaseOut),
  promises: Type.Array(HandoffPromiseOut, {
    description: "Pending: the outgoing person's open promises to this customer, which travel with it. Accepted: the promises that moved.",
  }),
  reads: Type.Array(Type.Object({ staffId: Type.String(), staffName: Nullable(Type.String()), readAt: DateTime })),
});

export const HandoffOut = Type.Object({
  id: Type.String(),
  status: Type.Enum(['pending', 'accepted', 'withdrawn']),
  fromStaffId: Type.String(),
  fromStaffName: Nullable(Type.String()),
  toStaffId: Nullable(Type.String()),
  toStaffName: Nullable(Type.String()),
  toLocationId: Nullable(Type.String()),
  toLocationName: Nullable(Type.String()),
  locationId: Nullable(Type.String()),
  locationName: Nullable(Type.String()),
  acceptedBy: Nullable(Type.String()),
  acceptedByName: Nullable(Type.String()),
  acceptedAt: Nullable(DateTime),
  withdrawnBy: Nullable(Type.String()),
  withdrawnByName: Nullable(Type.String()),
  withdrawnAt: Nullable(DateTime),
  createdAt: DateTime,
  updatedAt: DateTime,
  customers: Type.Array(HandoffCustomerOut),
  canAccept: Type.Boolean({ description: 'The caller may accept it now' }),
  canReassign: Type.Boolean({ description: 'The caller may reassign it now (managers of its location, admins)' }),
  canWithdraw: Type.Boolean({ description: 'The caller may withdraw it now (its writer, managers of its location, admins)' }),
});
export type HandoffOut = Static<typeof HandoffOut>;

export const HandoffBox = Type.Enum(['incoming', 'outgoing', 'accepted'], {
  description: "incoming: pending, to you or to a location you work at; outgoing: written by you; accepted: those you accepted",
});
export const HandoffListQuery = Type.Object({ box: Type.Optional(HandoffBox), ...PageQuery }, { additionalProperties: false });

export const ShiftQuery = Type.Object(
  {
    locationId: Type.Optional(Id),
    ...PageQuery,
    acceptedCursor: Type.Optional(Type.String({ maxLength: 500, description: 'The acceptedNextCursor of the previous answer: the next page of those accepted lately' })),
  },
  {
    additionalProperties: false,
    description: "locationId: defaults to the manager's first location. limit: the size of both pages; cursor pages the open hand-offs, acceptedCursor those accepted lately.",
  },
);

export const ShiftOut = Type.Object({
  locationId: Type.String(),
  locationName: Type.String(),
  pending: Type.Array(HandoffOut, { description: 'Open hand-offs of this location, oldest first: one page (nextCursor)' }),
  nextCursor: Nullable(Type.String({ description: 'Pass as cursor for the next page of open hand-offs' })),
  waitingOn: Type.Array(
    Type.Object({
      staffId: Nullable(Type.String({ description: 'null: the next shift at a location' })),
      name: Type.String(),
      handoffs: Type.Integer(),
      since: DateTime,
    }),
    { description: 'Who has not accepted theirs, longest waiting first' },
  ),
  acceptedLately: Type.Array(HandoffOut, { description: 'Accepted in the last 24 hours, newest first: one page (acceptedNextCursor)' }),
  acceptedNextCursor: Nullable(Type.String({ description: 'Pass as acceptedCursor for the next page of those accepted lately' })),
});

/** A customer the caller holds open promises or cases for: what a hand-off of theirs would carry. */
export const HeldCustomerOut = Type.Object({
  customerId: Type.String(),
  displayName: Type.String(),
  promises: Type.Array(Type.Object({ id: Type.String(), what: Type.String(), dueBy: DateTime })),
  cases: Type.Array(Type.Object({ id: Type.String(), subject: Type.String(), status: Type.String() })),
});

/** The banner at the top of a customer's brief until the hand-off's new owner has read it. */
export const HandoffBannerOut = Type.Object({
  handoffId: Type.String(),
  status: Type.Enum(['pending', 'accepted', 'withdrawn']),
  fromStaffName: Nullable(Type.String()),
  toName: Type.String({ description: 'The colleague, or "the next shift at <location>"' }),
  acceptedByName: Nullable(Type.String()),
  createdAt: DateTime,
  acceptedAt: Nullable(DateTime),
  notes: Type.Array(HandoffNoteOut),
  promises: Type.Array(HandoffPromiseOut),
  cases: Type.Array(HandoffCaseOut),
});
export type HandoffBannerOut = Static<typeof HandoffBannerOut>;
