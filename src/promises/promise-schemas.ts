import { Type, type Static } from 'typebox';
import { Authored, DateTime, Day, Id, limits, Nullable, PageQuery, Text } from '../common/schema.js';

/** Requests and answers of /promises. The answers are the presenters: only listed fields leave the server. */

export const promiseStatuses = ['open', 'kept', 'broken', 'cancelled'] as const;
export const PromiseStatus = Type.Enum([...promiseStatuses], { description: 'open; kept (when: keptAt); broken or cancelled (why: closedReason)' });

export const toldChannels = ['call', 'email', 'sms', 'letter', 'visit', 'meeting', 'chat', 'other'] as const;
export const ToldChannel = Type.Enum([...toldChannels], { description: 'How the customer was told' });

const dueInput = {
  dueOn: Type.Optional(Nullable(Type.String({ format: 'date', description: "Due by the end of this day (YYYY-MM-DD) in the time zone of the promise's location" }))),
  dueAt: Type.Optional(Nullable(Type.String({ format: 'date-time', description: 'Due by this moment (instead of a day)' }))),
};

const Reason = (description: string) => Text(limits.line, { description });

export const PromiseCreate = Type.Object(
  {
    customerId: Id,
    what: Text(limits.line, { description: 'What was promised, in a few words: "the free HD TV", "a call back after the scan"' }),
    ownerId: Type.Optional(Type.String({ format: 'uuid', description: 'Who owns it (keeps it, or hands it on); defaults to the signed-in staff member' })),
    ...dueInput,
    madeAt: Type.Optional(Type.String({ format: 'date-time', description: 'When it was promised, if before now (recording a promise made on the phone earlier)' })),
    locationId: Type.Optional(
      Nullable(
        Type.String({
          format: 'uuid',
          description: "The location it belongs to, whose time zone reads a due day; defaults to the customer's home location if the owner works there, else the owner's location, else the customer's",
        }),
      ),
    ),
    interactionId: Type.Optional(Nullable(Type.String({ format: 'uuid', description: 'The contact (interaction) it was made in, of the same customer' }))),
  },
  { additionalProperties: false },
);
export type PromiseCreate = Static<typeof PromiseCreate>;

export const PromisePatch = Type.Object({ what: Type.Optional(Text(limits.line)) }, { additionalProperties: false });
export type PromisePatch = Static<typeof PromisePatch>;

export const RevisionCreate = Type.Object(
  {
    ...dueInput,
    reason: Reason('Why the date changed, in words the customer can read: they see it on their promise page'),
    customerTold: Type.Boolean({ description: 'Was the customer told of the new date?' }),
    toldChannel: Type.Optional(Nullable(ToldChannel)),
    apologised: Type.Optional(Type.Boolean({ description: 'Did we apologise? (only when telling them)' })),
    changedAt: Type.Optional(Type.String({ format: 'date-time', description: 'When the date changed, if before now; not before the last change' })),
  },
  { additionalProperties: false },
);
export type RevisionCreate = Static<typeof RevisionCreate>;

export const ToldInput = Type.Object(
  {
    channel: ToldChannel,
    apologised: Type.Optional(Type.Boolean({ description: 'We apologised too' })),
    toldAt: Type.Optional(Type.String({ format: 'date-time', description: 'When they were told, if before now' })),
  },
  { additionalProperties: false, description: 'The customer was told of the latest change of date (later than the change itself)' },
);
export type ToldInput = Static<typeof ToldInput>;

export const KeepInput = Type.Object(
  { keptAt: Type.Optional(Type.String({ format: 'date-time', description: 'When it was kept; defaults to now' })) },
  { additionalProperties: false },
);
export type KeepInput = Static<typeof KeepInput>;

export const CloseInput = Type.Object({ reason: Reason('Why') }, { additionalProperties: false });
export type CloseInput = Static<typeof CloseInput>;

export const HandoverInput = Type.Object(
  { ownerId: Id, reason: Reason('Why it changes hands: "going on leave", "Nadia took the call"') },
  { additionalProperties: false },
);
export type HandoverInput = Static<typeof HandoverInput>;

export const PromiseListQuery = Type.Object(
  {
    customerId: Type.Optional(Id),
    ownerId: Type.Optional(Id),
    status: Type.Optional(PromiseStatus),
    overdue: Type.Optional(Type.Boolean({ description: 'Only open promises past their due date' })),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export type PromiseListQuery = Static<typeof PromiseListQuery>;

export const RevisionOut = Type.Object({
  id: Type.String(),
  createdAt: Type.String({ format: 'date-time', description: 'When the date changed' }),
  createdBy: Nullable(Type.String()),
  createdByName: Nullable(Type.String()),
  fromDueOn: Nullable(Day),
  fromDueAt: Nullable(DateTime),
  fromDueBy: DateTime,
  toDueOn: Nullable(Day),
  toDueAt: Nullable(DateTime),
  toDueBy: DateTime,
  reason: Type.String(),
  slip: Type.Boolean({ description: 'The date moved later' }),
  toldAt: Nullable(DateTime),
  toldChannel: Nullable(ToldChannel),
  toldBy: Nullable(Type.String()),
  toldByName: Nullable(Type.String()),
  apologised: Type.Boolean(),
});
export type RevisionOut = Static<typeof RevisionOut>;

export const HandoverOut = Type.Object({
  id: Type.String(),
  createdAt: DateTime,
  createdBy: Nullable(Type.String()),
  fromStaffId: Type.String(),
  fromStaffName: Nullable(Type.String()),
  toStaffId: Type.String(),
  toStaffName: Nullable(Type.String()),
  reason: Type.String(),
});
export type HandoverOut = Static<typeof HandoverOut>;

export const LinkOut = Type.Object({
  id: Type.String(),
  createdAt: DateTime,
  createdBy: Nullable(Type.String()),
  expiresAt: DateTime,
  revokedAt: Nullable(DateTime),
  state: Type.Enum(['active', 'expired', 'revoked']),
  views: Type.Integer({ description: 'How many times the customer opened it' }),
  lastOpenedAt: Nullable(DateTime),
});
export type LinkOut = Static<typeof LinkOut>;

export const LinkCreate = Type.Object(
  { expiresInDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 90, default: 30, description: 'How long the link works (30 days unless said)' })) },
  { additionalProperties: false },
);
export type LinkCreate = Static<typeof LinkCreate>;

export const LinkCreated = Type.Object({
  ...LinkOut.properties,
  token: Type.String({ description: 'Shown once: the secret part of the link. Only its hash is kept' }),
  path: Type.String({ description: 'The page to send the customer, on this server: /your-promise#token=…' }),
});
export type LinkCreated = Static<typeof LinkCreated>;

export const PromiseOut = Type.Object({
  id: Type.String(),
  customerId: Type.String(),
  what: Type.String(),
  madeAt: DateTime,
  ownerId: Type.String(),
  ownerName: Nullable(Type.String()),
  locationId: Nullable(Type.String()),
  timezone: Type.String({ description: 'The IANA time zone a due day is read in' }),
  dueOn: Nullable(Day),
  dueAt: Nullable(DateTime),
  dueBy: Type.String({ format: 'date-time', description: 'The moment it is due by: the end of dueOn locally, or dueAt' }),
  originalDueOn: Nullable(Day),
  originalDueAt: Nullable(DateTime),
  originalDueBy: DateTime,
  status: PromiseStatus,
  keptAt: Nullable(DateTime),
  closedAt: Nullable(DateTime),
  closedBy: Nullable(Type.String()),
  closedReason: Nullable(Type.String()),
  interactionId: Nullable(Type.String()),
  overdue: Type.Boolean(),
  dueWithinDay: Type.Boolean(),
  slips: Type.Integer({ description: 'Changes that moved the date later' }),
  needsTelling: Type.Boolean({ description: 'Open, and the customer was not told of a change (nor of a later one)' }),
  customerEverTold: Type.Boolean({ description: 'The customer was told of at least one change' }),
  revisions: Type.Array(RevisionOut, { description: 'Changes of the date, oldest first' }),
  handovers: Type.Array(HandoverOut, { description: 'Changes of owner, oldest first' }),
  links: Type.Array(LinkOut, { description: "Links that show the customer their promise, newest first" }),
  ...Authored,
});
export type PromiseOut = Static<typeof PromiseOut>;

export const FiguresQuery = Type.Object(
  {
    by: Type.Optional(Type.Enum(['staff', 'location', 'customer'], { default: 'staff', description: 'Group by the owner, the location or the customer' })),
    customerId: Type.Optional(Id),
    from: Type.Optional(Type.String({ format: 'date-time', description: 'Promises made from (default: a year ago)' })),
    to: Type.Optional(Type.String({ format: 'date-time', description: 'Promises made until (default: now)' })),
  },
  { additionalProperties: false },
);
export type FiguresQuery = Static<typeof FiguresQuery>;

const RateOut = Type.Object({
  onTime: Type.Integer({ description: 'Kept by the date' }),
  judged: Type.Integer({ description: 'Kept, broken, or open past the date' }),
  rate: Nullable(Type.Number({ description: 'onTime / judged' })),
});

export const FiguresOut = Type.Object({
  made: Type.Integer(),
  open: Type.Integer(),
  kept: Type.Integer(),
  broken: Type.Integer(),
  cancelled: Type.Integer(),
  overdue: Type.Integer(),
  byFirstDate: RateOut,
  byDateInForce: RateOut,
  slips: Type.Integer(),
  slipsPerPromise: Nullable(Type.Number()),
});

export const FiguresReport = Type.Object({
  by: Type.Enum(['staff', 'location', 'customer']),
  from: DateTime,
  to: DateTime,
  scope: Type.String({ description: 'Whose promises: "your promises", "promises at your locations", "every promise", or "this customer\'s promises"' }),
  total: FiguresOut,
  groups: Type.Array(Type.Object({ key: Nullable(Type.String()), name: Nullable(Type.String()), figures: FiguresOut })),
});
export type FiguresReport = Static<typeof FiguresReport>;

/** The customer's own view, opened without signing in. */
export const PublicOpen = Type.Object({ token: Type.String({ minLength: 1, maxLength: 400 }) }, { additionalProperties: false });

export const PublicPromise = Type.Object(
  {
    what: Type.String(),
    status: PromiseStatus,
    expected: Type.String({ description: 'The date now expected, in words ("23 April 2027"); for a kept promise, when it was kept' }),
    expectedOn: Nullable(Day),
    expectedAt: Nullable(DateTime),
    timezone: Type.String(),
    firstPromised: Type.String({ description: 'The date first promised, in words' }),
    changes: Type.Array(
      Type.Object({ on: Day, from: Type.String(), to: Type.String(), reason: Type.String(), sentence: Type.String({ description: 'The change in plain words' }) }),
      { description: 'Each change of the date, oldest first' },
    ),
    contact: Type.Object({
      firstName: Nullable(Type.String({ description: "The owner's first name, nothing more" })),
      location: Nullable(Type.String({ description: "The name of the promise's location" })),
    }),
  },
  { description: 'What was promised, the date now expected, each change with its reason, and who to contact: nothing else' },
);
export type PublicPromise = Static<typeof PublicPromise>;

export const PromiseParams = Type.Object({ id: Id });
export const LinkParams = Type.Object({ id: Id, linkId: Id });
