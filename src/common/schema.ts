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
