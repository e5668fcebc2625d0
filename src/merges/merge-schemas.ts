import { Type, type Static } from 'typebox';
import { DateTime, Id, limits, Nullable, Text } from '../common/schema.js';
import { CustomerOut } from '../customers/customer-schemas.js';
import { mergeFields } from './merge-rules.js';

const Side = Type.Enum(['survivor', 'merged'], { description: 'survivor: the customer merged into keeps its value; merged: the other record’s value' });
const ChoicesIn = Type.Partial(Type.Object(Object.fromEntries(mergeFields.map((f) => [f, Side])) as Record<(typeof mergeFields)[number], typeof Side>), {
  additionalProperties: false,
  description: 'Which record’s value each field keeps; a field left out takes the default (the value that says more, or the more recent)',
});
const ChoicesOut = Type.Object(Object.fromEntries(mergeFields.map((f) => [f, Side])) as Record<(typeof mergeFields)[number], typeof Side>);

export const MergeIn = Type.Object(
  {
    mergedId: Id,
    choices: Type.Optional(ChoicesIn),
    reason: Type.Optional(Nullable(Text(limits.line, { description: 'Why they are the same person' }))),
  },
  { additionalProperties: false },
);
export type MergeIn = Static<typeof MergeIn>;

export const MergeReceiptOut = Type.Object({
  mergeId: Type.String(),
  survivorId: Type.String(),
  mergedId: Type.String(),
  moved: Type.Integer({ description: 'Rows moved from one record to the other' }),
  setAside: Type.Integer({ description: 'Rows set aside (a merge) or brought back (an undo) that could not live on one record: a consent both had for a channel, their link to each other' }),
});

export const MergePreviewQuery = Type.Object({ with: Id }, { additionalProperties: false });
export const MergePreviewOut = Type.Object({
  survivor: CustomerOut,
  merged: CustomerOut,
  choices: ChoicesOut,
  records: Type.Array(Type.Object({ heading: Type.String(), count: Type.Integer() }), { description: 'What would move from the merged record, by kind' }),
});

export const MergeOut = Type.Object({
  id: Type.String(),
  survivorId: Type.String(),
  mergedId: Type.String(),
  mergedName: Type.String({ description: 'The merged record’s name as it was' }),
  reason: Nullable(Type.String()),
  createdAt: DateTime,
  createdBy: Nullable(Type.String()),
  createdByName: Nullable(Type.String()),
  undoneAt: Nullable(DateTime),
  undoneByName: Nullable(Type.String()),
});
export type MergeOut = Static<typeof MergeOut>;

export const DistinctIn = Type.Object(
  { otherId: Id, reason: Type.Optional(Nullable(Text(limits.line, { description: 'How we know: twins, father and son' }))) },
  { additionalProperties: false },
);
