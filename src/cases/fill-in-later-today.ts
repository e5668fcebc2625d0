import { sectionHeadings } from '../today/today-rules.js';
import type { TodayItem, TodayProvider } from '../today/today-section.js';
import { missingFieldCount, missingFieldsOf } from './case-field-store.js';

/** At most this many items are listed; the section counts the rest. */
const listed = 8;

const dueWords = (f: { due: string; dueAt: string | null }, now: number): string => {
  if (f.due === 'close') return 'due before closing';
  if (f.dueAt === null) return 'due when help is dispatched';
  const at = Date.parse(f.dueAt);
  const minutes = Math.round(Math.abs(at - now) / 60_000);
  const span = minutes < 60 ? `${minutes} min` : minutes < 48 * 60 ? `${Math.round(minutes / 60)} h` : `${Math.round(minutes / 1440)} days`;
  return at <= now ? `overdue by ${span}` : `due in ${span}`;
};

/**
 * Today's "To fill in later": the fields still missing on a staff member's own open cases (help
 * first: nothing was required to save), overdue first, then by deadline, then those due at dispatch
 * or before closing. Each item's action fills the field in: the web app asks for the value and
 * sends it as body.fields[key].
 */
export const fillInLaterToday: TodayProvider = async (db, actor, now) => {
  const at = now.getTime();
  const [rows, total] = await Promise.all([missingFieldsOf(db, actor.staffId, now.toISOString(), listed), missingFieldCount(db, actor.staffId)]);
  const items: TodayItem[] = rows.map((f) => {
    const overdue = f.dueAt !== null && Date.parse(f.dueAt) <= at;
    return {
      id: f.id,
      customerId: f.customerId,
      customerName: f.customerName,
      title: `${f.label} for “${f.subject}”: ${dueWords(f, at)}`,
      detail: `${f.caseType.charAt(0).toUpperCase()}${f.caseType.slice(1)} case${f.helpDispatchedAt ? ', help dispatched' : ', help not dispatched yet'}`,
      at: f.dueAt ?? f.openedAt,
      attention: overdue,
      action: { label: `Fill in ${f.label.toLowerCase()}`, method: 'PATCH', path: `/cases/${f.caseId}/fields`, body: { fields: { [f.fieldKey]: null } } },
    };
  });
  return { key: 'fill_in_later', heading: sectionHeadings.fill_in_later, items, more: Math.max(0, total - items.length) };
};
