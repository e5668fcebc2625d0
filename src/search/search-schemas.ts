import { Type } from 'typebox';
import { DateTime, Nullable } from '../common/schema.js';

/** The lookup's request and response: only these fields leave the server. */

export const SearchQuery = Type.Object(
  {
    // Optional here so that a missing and an empty query get the same answer, naming /query/q.
    q: Type.Optional(Type.String({ maxLength: 200, description: 'A name, part of one (as typed so far), a phone number in any format, an email or an external id' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 10 })),
  },
  { additionalProperties: false },
);

export const SearchReason = Type.Object({
  field: Type.Union([
    Type.Literal('phone'),
    Type.Literal('email'),
    Type.Literal('externalId'),
    Type.Literal('name'),
    Type.Literal('preferredName'),
    Type.Literal('organization'),
    Type.Literal('nickname'),
  ]),
  match: Type.Union([Type.Literal('exact'), Type.Literal('prefix'), Type.Literal('fuzzy')]),
  text: Type.String({ description: 'Why it matched, for a person: "Phone +1 555 123 4567"' }),
});

export const SearchResult = Type.Object({
  id: Type.String(),
  kind: Type.Union([Type.Literal('person'), Type.Literal('organization')]),
  displayName: Type.String(),
  preferredName: Nullable(Type.String()),
  organization: Nullable(Type.String({ description: 'A linked organisation' })),
  city: Nullable(Type.String()),
  lastInteractionAt: Nullable(DateTime),
  waitingSince: Nullable(Type.String({ format: 'date-time', description: 'Waiting for an answer since then (on any channel); null: not waiting' })),
  phone: Nullable(Type.String()),
  email: Nullable(Type.String()),
  score: Type.Number({ description: 'Higher is better: 3.x exact phone, email or id; 2.x name or its start; 1.x fuzzy' }),
  reasons: Type.Array(SearchReason),
});

export const SearchResponse = Type.Object({ items: Type.Array(SearchResult) });
