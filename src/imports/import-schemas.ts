import { Type, type Static } from 'typebox';
import { DateTime, Nullable, PageQuery } from '../common/schema.js';
import { Channel, Direction } from '../interactions/interaction-schemas.js';

const Kind = Type.Enum(['customers', 'transactions', 'interactions'], { description: 'What the file holds: customers, purchases and payments, or contacts (newsletters sent, service calls)' });
const Format = Type.Enum(['csv', 'vcard', 'jsonl'], { description: 'csv (any separator and encoding a spreadsheet writes), vcard (2.1, 3.0, 4.0) or jsonl (Rapport’s own export); from the file name when left out' });

export const ImportStartQuery = Type.Object(
  {
    source: Type.String({ minLength: 1, maxLength: 60, description: 'The system the file comes from: pos, newsletter, service-desk, google-contacts. Every imported fact keeps it.' }),
    kind: Type.Optional(Kind),
    format: Type.Optional(Format),
    fileName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    preset: Type.Optional(Type.Enum(['google', 'outlook', 'generic'], { description: 'How a customers CSV’s columns are read; found from the headers when left out' })),
    mapping: Type.Optional(Type.String({ maxLength: 20_000, description: 'JSON object: column header → field (see the import screen), replacing the preset' })),
    delimiter: Type.Optional(Type.Enum([',', ';', '\t', '|'])),
    dateOrder: Type.Optional(Type.Enum(['month-first', 'day-first'], { description: 'How 03/04/1980 is read' })),
    timeZone: Type.Optional(Type.String({ maxLength: 64, description: 'Purchases and contacts: the time zone of times the file writes without one (IANA, e.g. America/Chicago)' })),
    currency: Type.Optional(Type.String({ pattern: '^[A-Za-z]{3}$', description: 'Purchases: the currency of amounts that name none' })),
    channel: Type.Optional(Channel),
    direction: Type.Optional(Direction),
  },
  { additionalProperties: false },
);
export type ImportStartQuery = Static<typeof ImportStartQuery>;

export const ImportCountsOut = Type.Object({
  records: Type.Integer(),
  created: Type.Integer(),
  updated: Type.Integer({ description: 'Matched to a customer already there, who got something new' }),
  unchanged: Type.Integer({ description: 'Matched, with nothing new (a file imported again changes nothing)' }),
  review: Type.Integer({ description: 'Created, but may be someone already there: in the duplicates queue' }),
  problems: Type.Integer({ description: 'Records with a problem: see /imports/{id}/problems' }),
  notes: Type.Array(Type.String(), { description: 'What the reader found: the encoding, the separator, columns not imported' }),
});

/** What an import's undo did: while undoing, so far. */
export const ImportUndoOut = Type.Object({ trashed: Type.Integer({ description: 'Records moved to the trash' }), cleared: Type.Integer({ description: 'Fields filled in by the import emptied again' }) });

export const ImportOut = Type.Object({
  id: Type.String(),
  source: Type.String(),
  kind: Kind,
  format: Format,
  fileName: Type.String(),
  status: Type.Enum(['checking', 'checked', 'importing', 'done', 'failed', 'undoing', 'undone'], { description: 'undoing: its undo is under way, in the background (follow processedRows of totalRows)' }),
  totalRows: Type.Integer({ description: 'Records in the file; while undoing and once undone, the rows the import wrote or filled in' }),
  processedRows: Type.Integer({ description: 'Records imported so far (the progress of an import); while undoing, rows undone so far' }),
  check: Nullable(ImportCountsOut),
  result: Nullable(ImportCountsOut),
  /** What its undo did (so far, while undoing). */
  undo: Nullable(ImportUndoOut),
  error: Nullable(Type.String()),
  alreadyImported: Nullable(DateTime),
  createdAt: DateTime,
  createdByName: Nullable(Type.String()),
  checkedAt: Nullable(DateTime),
  committedAt: Nullable(DateTime),
  finishedAt: Nullable(DateTime),
  undoneAt: Nullable(DateTime),
});
export type ImportOut = Static<typeof ImportOut>;

export const ProblemOut = Type.Object({ seq: Type.Integer(), line: Type.Integer(), field: Nullable(Type.String()), message: Type.String() });
export const ProblemsQuery = Type.Object({ ...PageQuery }, { additionalProperties: false });
