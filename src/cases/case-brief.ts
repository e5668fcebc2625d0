import { businessTime } from '../business-hours/business-hours.js';
import type { Db } from '../platform/database/connect.js';
import { isOpenStatus } from './case-clock-rules.js';
import { caseStates } from './case-read.js';
import { customerCaseRows } from './case-store.js';
import type { CaseBriefFact } from './case-words.js';

const fortnight = 14 * 86_400_000;

/**
 * What the brief's "What we owe them" says about a customer's cases: for each open case (and each
 * resolved in the last fortnight), a target it passed that nobody has apologised for since, and the
 * next target still owed with the business time left to it.
 */
export async function caseBriefFacts(db: Db, customerId: string, now = new Date()): Promise<CaseBriefFact[]> {
  const at = now.getTime();
  const rows = (await customerCaseRows(db, customerId)).filter((r) => isOpenStatus(r.status) || (r.resolvedAt !== null && at - Date.parse(r.resolvedAt) < fortnight));
  if (!rows.length) return [];
  const facts: CaseBriefFact[] = [];
  for (const { row, clocks, events, calendar } of await caseStates(db, rows, at)) {
    const apologisedAt = Math.max(-Infinity, ...events.filter((e) => e.kind === 'apology').map((e) => Date.parse(e.at)));
    const missed = [...clocks.clocks.filter((c) => c.kind !== 'next_response'), ...clocks.nextResponses]
      .filter((c) => c.breached && c.dueAt !== null && c.dueAt <= at && c.dueAt > apologisedAt)
      .sort((a, b) => a.dueAt! - b.dueAt!)[0];
    const owed = clocks.clocks.filter((c) => (c.state === 'running' || c.state === 'paused') && c.leftMs !== null && !c.breached).sort((a, b) => a.leftMs! - b.leftMs!)[0];
    if (!missed && !isOpenStatus(row.status)) continue;
    facts.push({
      subject: row.subject,
      status: row.status,
      breach: missed ? { kind: missed.kind, sinceMs: businessTime(calendar, missed.dueAt!, at) } : null,
      next: owed ? { kind: owed.kind, leftMs: owed.leftMs!, paused: owed.state === 'paused' } : null,
    });
  }
  return facts;
}
