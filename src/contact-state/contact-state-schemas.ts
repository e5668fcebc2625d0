import { Type, type Static } from 'typebox';
import { DateTime, Id, Nullable, PageQuery } from '../common/schema.js';
import { maxEveryDays } from './contact-state-rules.js';

/** Requests and answers of the waiting list, the keep-in-touch list and a customer's cadence. */

export const WaitingQuery = Type.Object(
  {
    locationId: Type.Optional(Type.String({ format: 'uuid', description: "Only customers whose home location this is; without it, the whole team's" })),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export type WaitingQuery = Static<typeof WaitingQuery>;

export const WaitingItem = Type.Object({
  customerId: Type.String(),
  displayName: Type.String(),
  locationId: Nullable(Type.String()),
  locationName: Nullable(Type.String()),
  waitingSince: DateTime,
  messages: Type.Integer({ description: 'How many messages wait for an answer, on every channel' }),
  channels: Type.Array(Type.String(), { description: 'The channel of each waiting message, oldest first (the first 20)' }),
  firstSummary: Nullable(Type.String({ description: 'What the first waiting message said' })),
  lastContactStaffId: Nullable(Type.String({ description: 'Who dealt with them last' })),
  lastContactStaffName: Nullable(Type.String()),
});
export type WaitingItem = Static<typeof WaitingItem>;

export const DueQuery = Type.Object(
  {
    view: Type.Optional(
      Type.Enum(['mine', 'team'], {
        default: 'mine',
        description: "mine: the customers you keep in touch with; team (managers): every customer of your locations (all of them for an admin or a manager of no location in particular)",
      }),
    ),
    locationId: Type.Optional(Type.String({ format: 'uuid', description: 'With view=team: one of your locations only' })),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export type DueQuery = Static<typeof DueQuery>;

export const DueItem = Type.Object({
  customerId: Type.String(),
  displayName: Type.String(),
  locationId: Nullable(Type.String()),
  locationName: Nullable(Type.String()),
  everyDays: Type.Integer(),
  ownerId: Nullable(Type.String()),
  ownerName: Nullable(Type.String()),
  lastContactAt: Nullable(DateTime),
  dueAt: DateTime,
});
export type DueItem = Static<typeof DueItem>;

export const KeepInTouchPut = Type.Object(
  {
    everyDays: Type.Integer({ minimum: 1, maximum: maxEveryDays, description: 'Get in touch at least every this many days (90: every three months)' }),
    ownerId: Type.Optional(
      Nullable(Type.String({ format: 'uuid', description: 'The staff member who keeps in touch (an active person); absent: you; null: no one in particular' })),
    ),
  },
  { additionalProperties: false, description: 'The whole cadence: sending the same again changes nothing' },
);
export type KeepInTouchPut = Static<typeof KeepInTouchPut>;

export const KeepInTouchOut = Type.Object({
  customerId: Type.String(),
  everyDays: Nullable(Type.Integer({ description: 'null: no cadence set' })),
  ownerId: Nullable(Type.String()),
  ownerName: Nullable(Type.String()),
  setAt: Nullable(DateTime),
  lastContactAt: Nullable(DateTime),
  dueAt: Nullable(DateTime),
  due: Type.Boolean({ description: 'Past the cadence now' }),
  waitingSince: Nullable(DateTime),
});
export type KeepInTouchOut = Static<typeof KeepInTouchOut>;

export const CustomerIdParams = Type.Object({ id: Id });
