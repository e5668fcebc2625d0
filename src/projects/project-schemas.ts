import { Type, type Static } from 'typebox';
import { Authored, Day, Id, limits, Nullable, PageQuery, ProvenanceSchema, Text } from '../common/schema.js';

export const ProjectStatus = Type.Enum(['active', 'paused', 'done', 'abandoned']);

const fields = {
  title: Text(limits.name, { description: 'What they are working on: "Tiling the upstairs bathroom"' }),
  status: Type.Optional(ProjectStatus),
  startedOn: Type.Optional(Nullable(Day)),
  endedOn: Type.Optional(Nullable(Day)),
  detail: Type.Optional(Nullable(Text(limits.body))),
  provenance: Type.Optional(ProvenanceSchema),
};

export const ProjectCreate = Type.Object({ customerId: Id, ...fields }, { additionalProperties: false });
export type ProjectCreate = Static<typeof ProjectCreate>;

export const ProjectPatch = Type.Object({ ...fields, title: Type.Optional(fields.title) }, { additionalProperties: false });
export type ProjectPatch = Static<typeof ProjectPatch>;

export const ProjectOut = Type.Object({
  id: Type.String(),
  customerId: Type.String(),
  title: Type.String(),
  status: ProjectStatus,
  startedOn: Nullable(Type.String()),
  endedOn: Nullable(Type.String()),
  detail: Nullable(Type.String()),
  provenance: ProvenanceSchema,
  ...Authored,
});
export type ProjectOut = Static<typeof ProjectOut>;

export const ProjectListQuery = Type.Object(
  { customerId: Id, status: Type.Optional(ProjectStatus), ...PageQuery },
  { additionalProperties: false },
);
