import type { RecordGroup, SubjectAccessReport } from './subject-access.js';

/**
 * The subject-access report as a page a person could be handed or print: headings in words, one
 * card per record, staff and locations by name, times in words. Pure: the report in, HTML out;
 * every value is escaped.
 */

const escape = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const isoTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const when = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' });

/** "occurredAt" → "Occurred at", "e164" → "E164". */
export const fieldLabel = (key: string): string => {
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/** Fields that only say whose record it is (all of it is theirs) or that are repeated elsewhere. */
const hidden = new Set(['customerId', 'erasedAt']);
const renamed: Record<string, string> = { id: 'Reference', e164: 'Phone number (international)', amountMinor: 'Amount (minor units)', audienceLocationId: 'Private to managers of' };

function value(key: string, raw: unknown, names: Record<string, string>): string {
  if (raw === null || raw === undefined || raw === '') return '<span class="none">—</span>';
  if (typeof raw === 'boolean') return raw ? 'yes' : 'no';
  if (typeof raw === 'string') {
    if (names[raw] && key !== 'id') return escape(names[raw]!);
    if (isoTime.test(raw)) return escape(`${when.format(new Date(raw))} UTC`);
    return escape(raw);
  }
  if (typeof raw === 'number') return escape(String(raw));
  return `<code>${escape(JSON.stringify(raw))}</code>`;
}

function card(item: Record<string, unknown>, names: Record<string, string>): string {
  const rows = Object.entries(item)
    .filter(([key]) => !hidden.has(key))
    .map(([key, raw]) => `<dt>${escape(renamed[key] ?? fieldLabel(key))}</dt><dd>${value(key, raw, names)}</dd>`)
    .join('');
  return `<article class="record"><dl>${rows}</dl></article>`;
}

function groups(records: RecordGroup[], names: Record<string, string>, level: 2 | 3): string {
  return records
    .map((g) => `<section><h${level}>${escape(g.heading)} <small>(${g.items.length})</small></h${level}>${g.items.map((i) => card(i, names)).join('')}</section>`)
    .join('');
}

function change(diff: unknown, names: Record<string, string>): string {
  if (!diff || typeof diff !== 'object') return '<span class="none">—</span>';
  const { before, after } = diff as { before?: Record<string, unknown>; after?: Record<string, unknown> };
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])].filter((k) => !hidden.has(k));
  if (keys.length === 0) return '<span class="none">—</span>';
  return `<ul>${keys
    .map((k) => {
      const from = before && k in before ? value(k, before[k], names) : null;
      const to = after && k in after ? value(k, after[k], names) : null;
      const text = from !== null && to !== null ? `${from} → ${to}` : (to ?? from)!;
      return `<li>${escape(renamed[k] ?? fieldLabel(k))}: ${text}</li>`;
    })
    .join('')}</ul>`;
}

const style = `
body{font:16px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;color:#1d2430;max-width:60rem;margin:2rem auto;padding:0 1rem}
h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #dcd9d1;padding-bottom:.25rem}h3{font-size:1rem}
small{color:#556070;font-weight:normal}.none{color:#8a93a0}
.record{border:1px solid #dcd9d1;border-radius:8px;padding:.5rem .75rem;margin:.5rem 0;break-inside:avoid}
dl{display:grid;grid-template-columns:minmax(9rem,max-content) 1fr;gap:.15rem 1rem;margin:0}dt{color:#556070}dd{margin:0;white-space:pre-wrap;overflow-wrap:anywhere}
table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{text-align:left;vertical-align:top;border-bottom:1px solid #eee;padding:.3rem .4rem}
ul{margin:0;padding-left:1.1rem}code{font-size:.85em;overflow-wrap:anywhere}
@media print{body{margin:0}a{color:inherit}}`;

export function renderSubjectAccessHtml(report: SubjectAccessReport): string {
  const names = report.names;
  const by = report.generatedBy ? ` by ${escape(report.generatedBy)}` : '';
  const history = report.history
    .map(
      (h) =>
        `<tr><td>${value('at', h.at, names)}</td><td>${h.by ? escape(h.by) : 'Rapport'}</td><td>${escape(h.action.replace(/_/g, ' '))} ${escape(h.entityType.replace(/_/g, ' '))}</td><td>${change(h.diff, names)}</td></tr>`,
    )
    .join('');
  const trash = report.trash.length
    ? `<section><h2>Deleted, waiting in the trash <small>(${report.trash.length})</small></h2><p>These were deleted and are kept for a while in case the deletion was a mistake, then removed for good.</p>${report.trash
        .map((t) => `<section><h3>${escape(t.label)}, deleted ${value('deletedAt', t.deletedAt, names)}</h3>${groups(t.records, names, 3)}</section>`)
        .join('')}</section>`
    : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Everything we hold about ${escape(report.displayName)}</title><style>${style}</style></head>
<body><main>
<header><h1>Everything we hold about ${escape(report.displayName)}</h1>
<p>Produced on ${value('generatedAt', report.generatedAt, names)}${by}. It lists every record we keep about you, what is waiting to be deleted for good, and every change made to your records, by whom and when.</p></header>
${groups(report.records, names, 2)}
${trash}
<section><h2>Who changed what <small>(${report.history.length})</small></h2>
<table><thead><tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">What</th><th scope="col">Changes</th></tr></thead><tbody>${history}</tbody></table></section>
</main></body></html>
`;
}
