import { Type, type Static } from 'typebox';
import { Authored, DateTime, Id, limits, Nullable, PageQuery, Text } from '../common/schema.js';

/** Cases: service requests, complaints and questions, with response targets in business hours. */

export const caseStatuses = ['new', 'open', 'waiting_on_customer', 'waiting_on_us', 'resolved', 'closed'] as const;
export const casePriorities = ['low', 'normal', 'high', 'urgent'] as const;
export const caseTargetKinds = ['first_response', 'next_response', 'resolution'] as const;

export const CaseStatus = Type.Enum([...caseStatuses], {
  description: 'new, open, waiting_on_customer (every target paused), waiting_on_us, resolved, closed (both stop every target)',
});
export const CasePriority = Type.Enum([...casePriorities], { description: 'Sets the response targets (see /case-targets)' });
const TargetKind = Type.Enum([...caseTargetKinds]);

export const caseTypeMax = 60;

/** Values of the fields a case's type wants, by key; null or blank empties one. Unknown keys are refused at /body/fields/<key>. */
export const FieldValues = Type.Record(Type.String({ maxLength: 40 }), Nullable(Type.String({ maxLength: limits.line })), {
  description: 'Values of the fields its type wants, by key: {"colour": "red"}; null or blank empties one',
});
export const fieldDueKinds = ['dispatch', 'close', 'hours'] as const;
export const FieldDue = Type.Enum([...fieldDueKinds], { description: 'dispatch: due when help is dispatched; close: before closing; hours: within N hours of opening' });
const CaseType = Text(caseTypeMax, { description: "What kind of case: free text for now, 'general' when left out" });
const Subject = Text(limits.line, { description: 'What it is about, in a line: "Boiler not heating since the service"' });
const Reason = Text(limits.line, { description: 'Why, in a sentence' });

export const CaseCreate = Type.Object(
  {
    customerId: Id,
    subject: Subject,
    type: Type.Optional(CaseType),
    priority: Type.Optional(CasePriority),
    ownerId: Type.Optional(Nullable(Id)),
    locationId: Type.Optional(Nullable(Id)),
    openedAt: Type.Optional(Type.String({ format: 'date-time', description: 'When the customer raised it (defaults to now; never in the future)' })),
    interactionId: Type.Optional(Id),
    fields: Type.Optional(FieldValues),
  },
  { additionalProperties: false, description: 'Owner: the signed-in staff member when left out. Location: the customer’s home location. interactionId: a logged contact that starts its thread. fields: values of the fields its type wants, any or none' },
);
export type CaseCreate = Static<typeof CaseCreate>;

export const CasePatch = Type.Object(
  {
    subject: Type.Optional(Subject),
    type: Type.Optional(CaseType),
    status: Type.Optional(CaseStatus),
    priority: Type.Optional(CasePriority),
    ownerId: Type.Optional(Nullable(Id)),
    locationId: Type.Optional(Nullable(Id)),
    overrideReason: Type.Optional(
      Text(limits.line, { description: 'Managers only: close (or resolve) although wanted fields are missing, and why; kept on the case and in the audit trail' }),
    ),
  },
  { additionalProperties: false, description: 'Resolving or closing asks for every field its type wants: refused with 422 naming each missing one at /body/fields/<key>, unless a manager gives overrideReason' },
);
export type CasePatch = Static<typeof CasePatch>;

export const EscalationIn = Type.Object({ managerId: Id, reason: Reason }, { additionalProperties: false });
export type EscalationIn = Static<typeof EscalationIn>;

export const ThreadLinkIn = Type.Object({ interactionId: Id }, { additionalProperties: false });
export const ThreadParams = Type.Object({ id: Id, interactionId: Id });

export const ApologyIn = Type.Object(
  { note: Type.Optional(Nullable(Text(limits.line, { description: 'What they were told, e.g. "Called, explained the parts delay and apologised"' }))) },
  { additionalProperties: false },
);
export type ApologyIn = Static<typeof ApologyIn>;

export const TargetOut = Type.Object({
  kind: TargetKind,
  targetMinutes: Nullable(Type.Integer({ description: 'The target in business minutes; null: none' })),
  state: Type.Enum(['none', 'idle', 'running', 'paused', 'met', 'missed'], {
    description: 'none: no target; idle: nothing owed now (no unanswered contact); running; paused (waiting on the customer); met or missed once answered or resolved',
  }),
  startedAt: Nullable(DateTime),
  stoppedAt: Nullable(DateTime),
  usedMinutes: Type.Integer({ description: 'Business minutes used so far' }),
  leftMinutes: Nullable(Type.Integer({ description: 'Business minutes left; negative once past the target' })),
  warnAt: Nullable(DateTime),
  dueAt: Nullable(Type.String({ format: 'date-time', description: 'When the target falls (or fell) due, as things stand; null while paused or once met' })),
  breached: Type.Boolean(),
});

const HelpStep = Type.Object({ at: DateTime, staffId: Nullable(Type.String()), staffName: Nullable(Type.String()) });

export const CaseFieldOut = Type.Object({
  key: Type.String(),
  label: Type.String(),
  due: FieldDue,
  hours: Nullable(Type.Integer({ description: 'For due hours: within this many hours of opening' })),
  dueAt: Nullable(Type.String({ format: 'date-time', description: 'When it falls due; null: before closing, or at dispatch while help is not dispatched yet' })),
  value: Nullable(Type.String({ description: 'null: missing, on the owner’s fill-in-later list' })),
  overdue: Type.Boolean({ description: 'Missing and past its deadline' }),
  filledAt: Nullable(DateTime),
  filledBy: Nullable(Type.String()),
  filledByName: Nullable(Type.String()),
});
export type CaseFieldOut = Static<typeof CaseFieldOut>;

export const CaseOut = Type.Object({
  id: Type.String(),
  customerId: Type.String(),
  customerName: Type.String(),
  subject: Type.String(),
  type: Type.String(),
  status: CaseStatus,
  priority: CasePriority,
  ownerId: Nullable(Type.String()),
  ownerName: Nullable(Type.String()),
  locationId: Nullable(Type.String()),
  locationName: Nullable(Type.String()),
  openedAt: DateTime,
  statusChangedAt: DateTime,
  resolvedAt: Nullable(DateTime),
  firstResponseAt: Nullable(DateTime),
  escalation: Nullable(
    Type.Object({ managerId: Type.String(), managerName: Nullable(Type.String()), at: DateTime, reason: Nullable(Type.String()) }, { description: 'The manager it is escalated to' }),
  ),
  targets: Type.Array(TargetOut, { description: 'First response, next response and resolution, in business hours of the location' }),
  breaches: Type.Integer({ description: 'Targets breached so far (missed, or running past their target now)' }),
  attention: Nullable(Type.Enum(['breached', 'near'], { description: 'breached: a target still owed is past; near: 80% of one is used' })),
  urgent: Type.Boolean({ description: 'Opened through the urgent intake (help first, fill in later)' }),
  callbackNumber: Nullable(Type.String({ description: 'The callback number as the caller gave it' })),
  situation: Nullable(Type.String({ description: 'Where they are, or what is happening' })),
  helpNeeded: Nullable(Type.String()),
  helpDispatched: Nullable(HelpStep),
  helpGiven: Nullable(HelpStep),
  completedAt: Nullable(Type.String({ format: 'date-time', description: 'When every field its type wants was filled in' })),
  minutesToHelp: Nullable(Type.Number({ description: 'Opened to help dispatched, in minutes' })),
  minutesToComplete: Nullable(Type.Number({ description: 'Opened to every wanted field filled in, in minutes' })),
  closeOverride: Nullable(Type.Object({ reason: Type.String(), staffId: Nullable(Type.String()), staffName: Nullable(Type.String()), at: DateTime }, { description: 'A manager closed it with fields missing' })),
  ...Authored,
});
export type CaseOut = Static<typeof CaseOut>;

export const ThreadItem = Type.Object({
  id: Type.String(),
  channel: Type.String(),
  direction: Type.Enum(['inbound', 'outbound']),
  occurredAt: DateTime,
  summary: Type.String(),
  staffName: Nullable(Type.String()),
});

export const CaseEventOut = Type.Object({
  id: Type.String(),
  at: DateTime,
  kind: Type.Enum(['opened', 'status', 'priority', 'owner', 'location', 'escalated', 'apology', 'help_dispatched', 'help_given'], {
    description: 'help_dispatched and help_given are composed from the case’s own columns (when and by whom), not kept as events; their id is the case id with -help-dispatched or -help-given',
  }),
  fromValue: Nullable(Type.String()),
  toValue: Nullable(Type.String()),
  note: Nullable(Type.String()),
  staffId: Nullable(Type.String()),
  staffName: Nullable(Type.String()),
  text: Type.String({ description: 'The step in words: "Escalated to Grace Okafor: the customer threatens to leave"' }),
});

export const CaseDetail = Type.Intersect([
  CaseOut,
  Type.Object({
    thread: Type.Array(ThreadItem, { description: 'The linked contacts, oldest first' }),
    history: Type.Array(CaseEventOut, { description: 'Opened, status, priority, owner and location changes, escalations, apologies, help dispatched and help given; oldest first' }),
    fields: Type.Array(CaseFieldOut, { description: 'The fields its type wanted when it was opened, with what is due when and what is filled in' }),
  }),
]);
export type CaseDetail = Static<typeof CaseDetail>;

export const CaseListQuery = Type.Object(
  {
    customerId: Type.Optional(Id),
    ownerId: Type.Optional(Id),
    locationId: Type.Optional(Id),
    escalatedTo: Type.Optional(Id),
    open: Type.Optional(Type.Boolean({ description: 'true: not resolved or closed; false: resolved or closed' })),
    attention: Type.Optional(Type.Enum(['breached', 'near'], { description: 'breached: a target still owed is past; near: 80% or more of it used' })),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export type CaseListQuery = Static<typeof CaseListQuery>;

export const TargetSet = Type.Object(
  {
    priority: CasePriority,
    firstResponseMinutes: Nullable(Type.Integer({ minimum: 1, maximum: 100_000, description: 'Business minutes to the first response; null: no target' })),
    nextResponseMinutes: Nullable(Type.Integer({ minimum: 1, maximum: 100_000, description: 'Business minutes to answer each later contact; null: no target' })),
    resolutionMinutes: Nullable(Type.Integer({ minimum: 1, maximum: 1_000_000, description: 'Business minutes to resolve; null: no target' })),
  },
  { additionalProperties: false },
);
export type TargetSet = Static<typeof TargetSet>;

export const TargetsOut = Type.Object({
  items: Type.Array(Type.Intersect([TargetSet, Type.Object({ updatedAt: DateTime, updatedBy: Nullable(Type.String()) })]), { description: 'One per priority, urgent first' }),
});
export const TargetsIn = Type.Object(
  { items: Type.Array(TargetSet, { minItems: 1, maxItems: 4, description: 'The priorities to change; the others stay as they are' }) },
  { additionalProperties: false },
);
export type TargetsIn = Static<typeof TargetsIn>;

export const FiguresQuery = Type.Object(
  {
    from: Type.Optional(Type.String({ format: 'date-time', description: 'Cases opened on or after (default: 30 days ago)' })),
    to: Type.Optional(Type.String({ format: 'date-time', description: 'Cases opened before (default: now)' })),
  },
  { additionalProperties: false },
);

const FigureRow = Type.Object({
  id: Nullable(Type.String()),
  name: Type.String(),
  open: Type.Integer({ description: 'Open now' }),
  breachedNow: Type.Integer({ description: 'Open now with a target still owed that is past' }),
  nearNow: Type.Integer({ description: 'Open now with 80% or more of a target used' }),
  escalatedNow: Type.Integer({ description: 'Open and escalated to a manager' }),
  opened: Type.Integer({ description: 'Opened in the period' }),
  resolved: Type.Integer({ description: 'Of those, resolved or closed' }),
  withBreach: Type.Integer({ description: 'Of those, how many missed a target (or are past one now)' }),
  breaches: Type.Integer({ description: 'Targets missed by the cases opened in the period' }),
  metRate: Nullable(Type.Number({ description: 'Share of the cases opened in the period that met every target so far, 0 to 1' })),
});

export const FiguresOut = Type.Object({
  from: DateTime,
  to: DateTime,
  byLocation: Type.Array(FigureRow),
  byOwner: Type.Array(FigureRow),
});
export type FigureRow = Static<typeof FigureRow>;
