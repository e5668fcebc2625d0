import { Type, type TSchema } from 'typebox';

/** Building blocks shared by every feature's request and response schemas. */

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/** Free text with a trimmed-length ceiling; limits live here so the server and web app agree. */
export const limits = {
  name: 200,
  shortText: 100,
  line: 500,
  body: 20_000,
  email: 320,
  phone: 40,
} as const;

export const Text = (maxLength: number, options: { minLength?: number; description?: string } = {}) =>
  Type.String({ maxLength, minLength: options.minLength ?? 1, ...(options.description ? { description: options.description } : {}) });

export const Id = Type.String({ format: 'uuid', description: 'A UUIDv7 id' });
export const IdParams = Type.Object({ id: Id });

export const DateTime = Type.String({ format: 'date-time', description: 'ISO-8601 date and time' });
export const Day = Type.String({ format: 'date', description: 'ISO-8601 date, YYYY-MM-DD' });

export const PartialDateSchema = Type.Object(
  {
    year: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 9999 }))),
    month: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 12 }))),
    day: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 31 }))),
  },
  { additionalProperties: false, description: 'A date whose parts may each be unknown' },
);
export const PartialDateOut = Type.Object({
  year: Nullable(Type.Integer()),
  month: Nullable(Type.Integer()),
  day: Nullable(Type.Integer()),
});

export const Authored = {
  createdAt: DateTime,
  updatedAt: DateTime,
  createdBy: Nullable(Type.String()),
  updatedBy: Nullable(Type.String()),
};

export const PageQuery = {
  cursor: Type.Optional(Type.String({ maxLength: 500, description: 'nextCursor from the previous page' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
};

export const Page = <T extends TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), nextCursor: Nullable(Type.String()) });

export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.Optional(Type.String()),
    errors: Type.Optional(Type.Array(Type.Object({ path: Type.String(), message: Type.String() }))),
  },
  { description: 'RFC 9457 problem details' },
);

/** Who may read a fact (src/platform/auth/private-facts.ts). */
export const SensitivitySchema = Type.Enum(['normal', 'private'], {
  description: 'private: read only by its author, admins, and managers of its audience location',
});
export const AudienceLocationId = Nullable(
  Type.String({
    format: 'uuid',
    description:
      "When private, the location whose managers may read it: the customer's home location when it was written, kept when the customer moves. Only someone who may read the fact can change it; null opens it to every manager.",
  }),
);
/** The privacy fields a private-capable fact takes on create and on change. */
export const PrivacyInput = { sensitivity: Type.Optional(SensitivitySchema), audienceLocationId: Type.Optional(AudienceLocationId) };
export const PrivacyOut = { sensitivity: SensitivitySchema, audienceLocationId: AudienceLocationId };

/** How we know a personal fact (src/brief/tact-rules.ts: what is fine to bring up). */
export const ProvenanceSchema = Type.Enum(['told_us', 'our_records', 'other_system'], {
  description:
    "How we know it: told_us (the customer told us; fine to bring up), our_records (we know it from our own records, such as a loan we made), other_system (it came from another system). Facts we did not hear from the customer are left for them to mention.",
});
