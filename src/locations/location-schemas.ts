import { Type, type Static } from 'typebox';
import { Authored, limits, Nullable, Text } from '../common/schema.js';

/** A branch, store, office or ward: where customers are looked after and staff work. */
const Timezone = Text(64, { description: 'IANA time zone, e.g. Europe/London' });

export const LocationCreate = Type.Object(
  {
    name: Text(limits.name),
    address: Type.Optional(Nullable(Text(limits.line))),
    timezone: Type.Optional(Nullable(Timezone)),
  },
  { additionalProperties: false },
);
export type LocationCreate = Static<typeof LocationCreate>;

export const LocationPatch = Type.Partial(LocationCreate, { additionalProperties: false });
export type LocationPatch = Static<typeof LocationPatch>;

export const LocationOut = Type.Object({
  id: Type.String(),
  name: Type.String(),
  address: Nullable(Type.String()),
  timezone: Nullable(Type.String()),
  ...Authored,
});
export type LocationOut = Static<typeof LocationOut>;
