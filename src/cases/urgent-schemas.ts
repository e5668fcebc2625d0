import { Type, type Static } from 'typebox';
import { Authored, DateTime, Id, limits, Nullable, PageQuery, Text } from '../common/schema.js';
import { CaseDetail, FieldDue, FieldValues } from './case-schemas.js';
import { fieldKeyPattern } from './case-field-rules.js';

/** Help first, fill in later (issue 11): the urgent intake, help dispatched and given, fields filled in later, case types and their policies, time to help. */

const At = Type.Optional(Type.String({ format: 'date-time', description: 'When it happened (defaults to now; never in the future, never before the case was opened)' }));

export const UrgentCaseIn = Type.Object(
  {
    customerId: Type.Optional(Id),
    callbackNumber: Type.Optional(Text(limits.phone, { description: 'The number to call back on; matched to the one customer with that phone, if exactly one has it' })),
    name: Type.Optional(Text(limits.name, { description: 'The caller’s name, if they gave it' })),
    situation: Type.Optional(Text(limits.line, { description: 'Where they are, or what is happening: "Route 9 near mile marker 42, flat tyre"' })),
    helpNeeded: Type.Optional(Text(limits.line, { description: 'What help is needed: "Tow truck or a wheel change"' })),
    type: Type.Optional(Text(60, { description: "The case type (see /case-types); 'general' when left out" })),
    locationId: Type.Optional(Nullable(Id)),
    openedAt: Type.Optional(Type.String({ format: 'date-time', description: 'When the call came in (defaults to now)' })),
    fields: Type.Optional(FieldValues),
  },
  {
    additionalProperties: false,
    description:
      'Needs only one of: a callback number, a name, an existing customer. Nothing else is required: the fields its type wants go on the fill-in-later list with their deadlines.',
  },
);
export type UrgentCaseIn = Static<typeof UrgentCaseIn>;

export const UrgentCaseOut = Type.Intersect([
  CaseDetail,
  Type.Object({ customerFound: Type.Boolean({ description: 'true: an existing customer (given, or the one with that phone number); false: a new customer was created' }) }),
]);

export const HelpIn = Type.Object({ at: At }, { additionalProperties: false });
export type HelpIn = Static<typeof HelpIn>;

export const FieldsIn = Type.Object({ fields: FieldValues }, { additionalProperties: false, description: 'Only the keys given change' });
export type FieldsIn = Static<typeof FieldsIn>;

const FieldKey = Type.String({ pattern: fieldKeyPattern, description: 'a-z, 0-9 and _, starting with a letter: "mileage"' });

export const FieldPolicyIn = Type.Object(
  {
    key: FieldKey,
    label: Text(80, { description: 'What staff read: "Mileage"' }),
    due: FieldDue,
    hours: Type.Optional(Type.Integer({ minimum: 1, maximum: 8760, description: 'For due hours: within this many hours of opening' })),
  },
  { additionalProperties: false },
);

const PolicyFields = Type.Array(FieldPolicyIn, { maxItems: 30, description: 'The fields wanted, in the order they show' });

export const CaseTypeCreate = Type.Object(
  {
    key: Type.Optional(FieldKey),
    label: Text(60, { description: '"Roadside"' }),
    fields: PolicyFields,
  },
  { additionalProperties: false, description: 'key: derived from the label when left out' },
);
export type CaseTypeCreate = Static<typeof CaseTypeCreate>;

export const CaseTypePut = Type.Object({ label: Text(60), fields: PolicyFields }, { additionalProperties: false, description: 'Cases opened from now on take the new fields; open cases keep theirs' });
export type CaseTypePut = Static<typeof CaseTypePut>;

export const CaseTypeParams = Type.Object({ key: FieldKey });

export const CaseTypeOut = Type.Object({
  key: Type.String(),
  label: Type.String(),
  fields: Type.Array(
    Type.Object({ key: Type.String(), label: Type.String(), due: FieldDue, hours: Nullable(Type.Integer()) }),
    { description: 'The fields wanted and by when' },
  ),
  archivedAt: Nullable(Type.String({ format: 'date-time', description: 'Set while archived: offered for new cases no more (the API refuses it for one); its cases keep it, and the report still shows them' })),
  ...Authored,
});
export type CaseTypeOut = Static<typeof CaseTypeOut>;

export const CaseTypesOut = Type.Object({ items: Type.Array(CaseTypeOut, { description: 'By label, archived ones too (archivedAt set): offer only those without' }) });

export const FillInLaterQuery = Type.Object(
  {
    scope: Type.Optional(
      Type.Enum(['mine', 'locations'], {
        description: 'mine (default): the missing fields of your own open cases. locations (managers and admins): everyone’s at your locations (everywhere when you have none)',
      }),
    ),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export type FillInLaterQuery = Static<typeof FillInLaterQuery>;

export const FillInLaterItem = Type.Object({
  id: Type.String({ description: 'The missing field' }),
  caseId: Type.String(),
  key: Type.String({ description: 'Fill it in with PATCH /cases/{caseId}/fields and body {"fields": {key: value}}' }),
  label: Type.String(),
  due: FieldDue,
  hours: Nullable(Type.Integer()),
  dueAt: Nullable(Type.String({ format: 'date-time', description: 'null: before closing, or at dispatch while help is not dispatched yet' })),
  overdue: Type.Boolean({ description: 'Past its deadline (as of the first page)' }),
  subject: Type.String({ description: 'The case’s subject' }),
  type: Type.String({ description: 'The case’s type' }),
  openedAt: DateTime,
  helpDispatchedAt: Nullable(DateTime),
  customerId: Type.String(),
  customerName: Type.String(),
  ownerId: Nullable(Type.String()),
  ownerName: Nullable(Type.String()),
});
export type FillInLaterItem = Static<typeof FillInLaterItem>;

export const FillInLaterPage = Type.Object({
  items: Type.Array(FillInLaterItem, { description: 'Overdue first, then by deadline, then those due at dispatch or before closing (oldest case first)' }),
  nextCursor: Nullable(Type.String()),
  total: Type.Integer({ description: 'Missing fields in the whole list' }),
});
export type FillInLaterPage = Static<typeof FillInLaterPage>;

export const HelpReportQuery = Type.Object(
  {
    from: Type.Optional(Type.String({ format: 'date-time', description: 'Cases opened on or after (default: 30 days ago)' })),
    to: Type.Optional(Type.String({ format: 'date-time', description: 'Cases opened before (default: now)' })),
    type: Type.Optional(Text(60, { description: 'One case type only' })),
    locationId: Type.Optional(Id),
  },
  { additionalProperties: false },
);
export type HelpReportQuery = Static<typeof HelpReportQuery>;

const Minutes = (description: string) => Nullable(Type.Number({ description: `${description}, in minutes (to a tenth); null when no case has it` }));

export const HelpReportRow = Type.Object({
  type: Type.String({ description: 'The case type’s key' }),
  typeLabel: Type.String(),
  locationId: Nullable(Type.String()),
  locationName: Type.String(),
  cases: Type.Integer({ description: 'Opened in the period' }),
  helped: Type.Integer({ description: 'Of those, with help dispatched' }),
  completed: Type.Integer({ description: 'Of those, with every wanted field filled in' }),
  helpMedian: Minutes('Median time from opening to help dispatched'),
  helpP90: Minutes('90th percentile of the time to help'),
  completeMedian: Minutes('Median time from opening to every wanted field filled in'),
  completeP90: Minutes('90th percentile of the time to complete'),
});
export type HelpReportRow = Static<typeof HelpReportRow>;

export const HelpReportOut = Type.Object({
  from: DateTime,
  to: DateTime,
  method: Type.String({ description: 'How the percentiles are worked out' }),
  rows: Type.Array(HelpReportRow, { description: 'Per case type and location, by type then location' }),
});
export type HelpReportOut = Static<typeof HelpReportOut>;
