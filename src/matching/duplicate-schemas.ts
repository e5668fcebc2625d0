import { Type, type Static } from 'typebox';
import { DateTime, Id, Nullable, PageQuery } from '../common/schema.js';

export const MatchReasonOut = Type.Object({
  field: Type.String({ description: 'What was compared: phone, email, givenName, familyName, birthday, address…' }),
  weight: Type.Number({ description: 'How much it counts, in bits: positive for the same person, negative against' }),
  words: Type.String({ description: 'In plain words, with the weight: "same phone +9.1"' }),
});

/** Someone who may be the customer just created or looked at. */
export const MayBeOut = Type.Object({
  customerId: Type.String(),
  displayName: Nullable(Type.String()),
  score: Type.Number(),
  band: Type.Enum(['auto', 'review'], { description: 'auto: certain (the same id in another system, or the same email and name); review: a person should look' }),
  reasons: Type.Array(MatchReasonOut),
});
export type MayBeOut = Static<typeof MayBeOut>;

/** One customer of a pair in the queue, with what tells it apart from the other at a glance (two Robert Kowalczyks). */
export const PairSideOut = Type.Object({
  id: Type.String(),
  displayName: Type.String(),
  addedAt: Type.String({ format: 'date-time', description: 'When the record was added to Rapport' }),
  email: Nullable(Type.String({ description: 'Its primary email address (else its oldest); null when it has none' })),
  phone: Nullable(Type.String({ description: 'Its primary phone number as written (else its oldest); null when it has none' })),
  externalIds: Type.Array(Type.Object({ source: Type.String({ description: 'The other system: pos, newsletter…' }), externalId: Type.String() }), {
    maxItems: 3,
    description: 'Where it came from: its ids in other systems, by source then id, at most 3',
  }),
});

export const SuspicionOut = Type.Object({
  id: Type.String(),
  first: PairSideOut,
  second: PairSideOut,
  score: Type.Number(),
  reasons: Type.Array(MatchReasonOut),
  foundBy: Type.String({ description: 'create, import, scan, or unmerge (back in the queue after their merge was undone)' }),
  importId: Nullable(Type.String()),
  createdAt: DateTime,
});
export type SuspicionOut = Static<typeof SuspicionOut>;

export const SuspicionQuery = Type.Object({ customerId: Type.Optional(Id), ...PageQuery }, { additionalProperties: false });
export const ScanOut = Type.Object({ customers: Type.Integer(), pairs: Type.Integer({ description: 'Pairs added to or refreshed in the queue' }) });
