import { Type, type Static } from 'typebox';
import { Nullable, PageQuery, PartialDateOut, ProvenanceSchema } from '../common/schema.js';

/** Every item says what it is, when, and a short line a person can read; the rest depends on the kind. */
const common = {
  id: Type.String(),
  at: Type.String({ description: 'When it happened (interactions, transactions) or was recorded (notes, life events)' }),
  title: Type.String({ description: 'A short human line: "Visit, inbound: asked about grout"' }),
  detail: Nullable(
    Type.String({
      description: 'The whole text when the title shortens it or leaves it out (an interaction summary, a note body, a transaction note); null when the title says it all',
    }),
  ),
};

export const InteractionItem = Type.Object({
  kind: Type.Literal('interaction'),
  ...common,
  channel: Type.String(),
  direction: Type.Enum(['inbound', 'outbound']),
  mood: Nullable(Type.String()),
  outcome: Nullable(Type.String()),
  staffId: Nullable(Type.String()),
  staffName: Nullable(Type.String()),
});

export const TransactionItem = Type.Object({
  kind: Type.Literal('transaction'),
  ...common,
  transactionKind: Type.String({ description: 'purchase, payment, invoice, return, refund or credit' }),
  amountMinor: Type.Integer(),
  currency: Type.String(),
  itemCount: Type.Integer(),
  items: Type.Array(Type.Object({ description: Type.String(), quantity: Type.Number() }), {
    maxItems: 20,
    description: 'What was bought (or returned), in the order of the receipt: the first 20 (itemCount says how many in all)',
  }),
  reference: Nullable(Type.String()),
});

export const LifeEventItem = Type.Object({
  kind: Type.Literal('life_event'),
  ...common,
  lifeEventKind: Type.String(),
  customerId: Type.String({ description: 'Whose event it is: this customer, or a relative it involves' }),
  date: Nullable(PartialDateOut),
  sensitivity: Type.Enum(['normal', 'private']),
  provenance: ProvenanceSchema,
});

export const NoteItem = Type.Object({
  kind: Type.Literal('note'),
  ...common,
  pinned: Type.Boolean(),
  sensitivity: Type.Enum(['normal', 'private']),
  provenance: ProvenanceSchema,
});

/** A promise made, its date changed, the customer told, kept, broken, cancelled, handed over, or their page opened (src/promises/). */
export const PromiseItem = Type.Object({
  kind: Type.Literal('promise'),
  ...common,
  event: Type.Enum(['made', 'revised', 'told', 'kept', 'broken', 'cancelled', 'handed_over', 'opened'], {
    description: 'opened: the customer opened their own page of the promise (a link we sent them); not a contact from them',
  }),
  promiseId: Type.String(),
  staffName: Nullable(Type.String({ description: 'Who did it; null when the customer opened their page' })),
});

/** A case opened, its status changed, escalated, a response target passed, an apology for it (src/cases/). */
export const CaseItem = Type.Object({
  kind: Type.Literal('case'),
  ...common,
  event: Type.Enum(['opened', 'status', 'escalated', 'breach', 'apology'], { description: 'breach: a response target passed (at the moment it did)' }),
  caseId: Type.String(),
  status: Type.String({ description: 'The case status this step left it in (its status now, for a breach)' }),
  staffName: Nullable(Type.String({ description: 'Who did it; null for a breach' })),
});

/** A hand-off of the customer written, accepted or withdrawn (src/handoffs/); its lines are the reader's to see by the privacy rule. */
export const HandoffItem = Type.Object({
  kind: Type.Literal('handoff'),
  ...common,
  event: Type.Enum(['written', 'accepted', 'withdrawn']),
  handoffId: Type.String(),
  status: Type.Enum(['pending', 'accepted', 'withdrawn'], { description: 'The hand-off as it is now' }),
  staffName: Nullable(Type.String({ description: 'Who handed over, who accepted, or who withdrew it' })),
});

export const TimelineItem = Type.Union([InteractionItem, TransactionItem, LifeEventItem, NoteItem, PromiseItem, CaseItem, HandoffItem]);
export type TimelineItem = Static<typeof TimelineItem>;

export const TimelinePage = Type.Object({ items: Type.Array(TimelineItem), nextCursor: Nullable(Type.String()) });

export const TimelineQuery = Type.Object(
  {
    kinds: Type.Optional(Type.String({ maxLength: 200, description: 'Comma-separated: interaction,transaction,life_event,note,promise,case,handoff (all when left out)' })),
    ...PageQuery,
  },
  { additionalProperties: false },
);
