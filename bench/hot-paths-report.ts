/**
 * BENCHMARKS.md's section "Every hot path at scale", written from bench/hot-paths.ts's results: the
 * machine, the command, the date, each figure beside its limits and the ratios, and issue 13's
 * targets (item 3) met or missed by how much. Only the text between the two markers is rewritten.
 */
import type { Load } from './hot-paths-load.js';
import type { HotPathResult, PathResult } from './hot-paths.js';

export const startMarker = '<!-- hot-paths:start -->';
export const endMarker = '<!-- hot-paths:end -->';

const engineName = { sqlite: 'SQLite', postgres: 'PostgreSQL' } as const;
const ms = (n: number) => (Number.isFinite(n) ? (n < 10 ? n.toFixed(2) : n.toFixed(1)) : '–');
const count = (n: number) => Math.round(n).toLocaleString('en');
const mb = (mib: number) => mib * 1.048576;

export interface Verdict {
  target: string;
  engine: 'sqlite' | 'postgres';
  /** The figure measured, as written. */
  figure: string;
  met: boolean;
  /** "met", or by how much it was missed. */
  reading: string;
}

const pathOf = (result: HotPathResult, key: string): PathResult | undefined => result.paths.find((p) => p.key === key);

/** Issue 13, item 3, for one engine's run. */
export function verdictsOf(result: HotPathResult): Verdict[] {
  const out: Verdict[] = [];
  const engine = result.engine;
  const under = (target: string, figure: number, limit: number, unit: string) => {
    const met = figure < limit;
    out.push({ target, engine, figure: `${ms(figure)} ${unit}`, met, reading: met ? 'met' : `missed by ${ms(figure - limit)} ${unit} (${(figure / limit).toFixed(1)}× the target)` });
  };
  const brief = pathOf(result, 'brief-ordinary');
  const busy = pathOf(result, 'brief-busy');
  if (brief) under('brief p99 under 10 ms server-side, ordinary customers', brief.rapport.p99, 10, 'ms');
  if (busy) under('brief p99 under 50 ms server-side, the busiest customers', busy.rapport.p99, 50, 'ms');
  const briefLoad = result.load.find((l) => l.key === 'brief');
  if (briefLoad && engine === 'sqlite') {
    const met = briefLoad.rapport.perSecond >= 5000;
    out.push({
      target: 'brief over HTTP at least 5,000 requests per second (SQLite)',
      engine,
      figure: `${count(briefLoad.rapport.perSecond)} req/s`,
      met,
      reading: met ? 'met' : `missed by ${count(5000 - briefLoad.rapport.perSecond)} req/s (${((briefLoad.rapport.perSecond / 5000) * 100).toFixed(0)} % of the target)`,
    });
  }
  for (const [key, what] of [
    ['lookup', 'lookup'],
    ['brief-ordinary', 'brief, ordinary customers'],
    ['brief-busy', 'brief, the busiest customers'],
  ] as const) {
    const p = pathOf(result, key);
    if (!p) continue;
    const worst = Math.max(p.ratio.bare.p50, p.ratio.bare.p99);
    const met = worst <= 2;
    out.push({
      target: `${what}: the app within 2× of the bare-driver statements (p50 and p99)`,
      engine,
      figure: `${p.ratio.bare.p50}× / ${p.ratio.bare.p99}×`,
      met,
      reading: met ? 'met' : `missed: ${worst}× at worst, ${(worst / 2).toFixed(1)}× the allowance`,
    });
  }
  if (result.startup) {
    under('`rapport serve` ready in under 1 s (median of the starts)', result.startup.readyMs.median, 1000, 'ms');
    const idle = mb(result.startup.rssMiB.median);
    const met = idle < 150;
    out.push({ target: `idle memory under 150 MB (RSS ${result.options.settleMs / 1000} s after start, median)`, engine, figure: `${idle.toFixed(0)} MB`, met, reading: met ? 'met' : `missed by ${(idle - 150).toFixed(0)} MB` });
  }
  return out;
}

const shown: [string, string][] = [
  ['interactions', 'interactions'],
  ['transactions', 'transactions'],
  ['transaction_items', 'items'],
  ['promises', 'promises'],
  ['cases', 'cases'],
  ['handoffs', 'hand-offs'],
  ['notes', 'notes'],
  ['life_events', 'life events'],
];

/** The data measured: customers and the main tables' rows as bench/scale-data.ts wrote them. */
const dataOf = (r: HotPathResult) =>
  [`${count(r.customers)} customers`, ...shown.filter(([table]) => r.manifest.rows[table] !== undefined).map(([table, name]) => `${count(r.manifest.rows[table]!)} ${name}`)].join(', ') +
  ` (bench/scale-data.ts, seed ${r.manifest.seed}); ${busyOf(r)}`;

const busyOf = (r: HotPathResult) => {
  const { min, max } = r.busyInteractions;
  const each = min === max ? count(min) : `${count(min)}-${count(max)}`;
  return r.busyCustomers === 1 ? `the very busy customer measured has ${each} interactions` : `the ${r.busyCustomers} very busy customers measured have ${each} interactions each`;
};

/** Requests under load that did not answer 2xx: none, or how many and why. */
const failedOf = (l: Load) => {
  if (!l.non2xx && !l.errors) return 'none';
  return [l.non2xx ? `${count(l.non2xx)} not 2xx` : '', l.errors ? `${count(l.errors)} errors${l.timeouts ? ` (${count(l.timeouts)} timeouts at 10 s)` : ''}` : ''].filter(Boolean).join(', ');
};

const loadOf = (r: HotPathResult) => `load average ${r.loadavgAtStart ? `${r.loadavgAtStart.join(', ')} at the start, ` : ''}${r.machine.loadavg.join(', ')} at the end`;

/** The section, markers included. */
export function renderSection(results: HotPathResult[], command: string): string {
  const lines: string[] = [startMarker, '## Every hot path at scale (`npm run bench`: bench/hot-paths.ts)', ''];
  const first = results[0];
  if (!first) throw new Error('no results to write');
  const m = first.machine;
  lines.push(
    `Written by \`${command}\`; the prose reading of these figures is the lead's. Each engine's run:`,
    '',
    ...results.map((r) => `- ${engineName[r.engine]}: ${r.startedAt.slice(0, 16).replace('T', ' ')}-${r.finishedAt.slice(11, 16)} UTC; ${dataOf(r)}; ${r.where}; ${loadOf(r)}.`),
    '',
    `The machine: ${m.nproc} CPUs (${m.cpu}), ${m.memoryGiB} GiB memory, ${m.platform}, Node ${m.node}; PostgreSQL on the same machine (127.0.0.1). It is shared with other people's work: compare figures of the same run, and read a single p99 as noisy.`,
    '',
    `How: per path, ${first.options.samples} measured requests after ${first.options.warmup} rounds of warm-up, round-robin across paths, inputs cycling over ${first.options.inputs} customers or names. Each request three ways in the same run: **Rapport**, the real app (buildApp on the database, signed in as the manifest's staff) over HTTP on 127.0.0.1, the server's own time taken at the socket; **bare driver**, the statements that request ran (captured from Kysely's query log on a second app over the same database) replayed through better-sqlite3 (each statement prepared once) / pg (each a named statement, parsed once per connection), one after the other on one connection, writes between begin and rollback (so they do not pay a commit; on PostgreSQL the app runs some statements of a request at once on several connections, so the bare figure can be the slower); **minimal Fastify**, one route with no hooks, schemas or session running the same statements through the bare driver, timed as Rapport is. Throughput: \`rapport serve\` (the built CLI) and the minimal server each in a child process, autocannon with ${first.options.connections} connections for ${first.options.loadSeconds} s per figure. Start-up: \`node bin/rapport.js serve\` started ${first.options.startupRuns === 1 ? 'once' : `${first.options.startupRuns} times`}, until GET /api/v1/health answers; memory from /proc (VmRSS ${first.options.settleMs / 1000} s idle after start; VmHWM right after the brief's load).`,
    '',
  );

  const verdicts = results.flatMap(verdictsOf);
  lines.push('### Targets (issue 13, item 3)', '', '| target | engine | measured | |', '|---|---|---|---|');
  for (const v of verdicts) lines.push(`| ${v.target} | ${engineName[v.engine]} | ${v.figure} | ${v.met ? '**met**' : `**${v.reading}**`} |`);
  lines.push('', '`npm start` on a built tree not rebuilding it is not measured here.', '');

  lines.push(
    '### Each request beside its limits (ms, server-side)',
    '',
    '| path | engine | statements | Rapport p50 / p99 | bare driver p50 / p99 | minimal Fastify p50 / p99 | Rapport ÷ bare p50 / p99 | Rapport ÷ minimal p50 / p99 |',
    '|---|---|---|---|---|---|---|---|',
  );
  const keys = [...new Set(results.flatMap((r) => r.paths.map((p) => p.key)))];
  for (const key of keys) {
    for (const r of results) {
      const p = pathOf(r, key);
      if (!p) continue;
      const st = p.statements.min === p.statements.max ? `${p.statements.min}` : `${p.statements.min}-${p.statements.max}`;
      lines.push(
        `| ${p.label} | ${engineName[r.engine]} | ${st} | ${ms(p.rapport.p50)} / ${ms(p.rapport.p99)} | ${ms(p.bare.p50)} / ${ms(p.bare.p99)} | ${ms(p.minimal.p50)} / ${ms(p.minimal.p99)} | ${p.ratio.bare.p50} / ${p.ratio.bare.p99} | ${p.ratio.minimal.p50} / ${p.ratio.minimal.p99} |`,
      );
    }
  }
  lines.push('');

  if (results.some((r) => r.load.length)) {
    lines.push(
      `### Throughput under ${first.options.connections} connections (autocannon, client-side latency)`,
      '',
      '| what | engine | Rapport req/s | p50 / p99 ms | not answered 2xx | minimal Fastify req/s | p50 / p99 ms | not answered 2xx | Rapport ÷ minimal (req/s) |',
      '|---|---|---|---|---|---|---|---|---|',
    );
    for (const r of results)
      for (const l of r.load)
        lines.push(
          `| ${l.label} | ${engineName[r.engine]} | ${count(l.rapport.perSecond)} | ${l.rapport.p50} / ${l.rapport.p99} | ${failedOf(l.rapport)} | ${count(l.minimal.perSecond)} | ${l.minimal.p50} / ${l.minimal.p99} | ${failedOf(l.minimal)} | ${l.ratio} |`,
        );
    lines.push('');
  }

  if (results.some((r) => r.startup || r.memoryUnderLoad)) {
    lines.push('### Start-up and memory of `rapport serve`', '', '| engine | ready, median (min-max) | RSS idle, median | RSS after the brief\'s load / peak |', '|---|---|---|---|');
    for (const r of results) {
      const s = r.startup;
      const u = r.memoryUnderLoad;
      lines.push(
        `| ${engineName[r.engine]} | ${s ? `${ms(s.readyMs.median)} ms (${ms(s.readyMs.min)}-${ms(s.readyMs.max)})` : '–'} | ${s ? `${mb(s.rssMiB.median).toFixed(0)} MB` : '–'} | ${u ? `${mb(u.rssMiB).toFixed(0)} / ${mb(u.peakRssMiB).toFixed(0)} MB` : '–'} |`,
      );
    }
    lines.push('');
  }
  lines.push(endMarker);
  return lines.join('\n');
}

/** The document with the section between the markers replaced (added before the first section if absent). */
export function withSection(document: string, section: string): string {
  const start = document.indexOf(startMarker);
  const end = document.indexOf(endMarker);
  if (start >= 0 && end > start) return document.slice(0, start) + section + document.slice(end + endMarker.length);
  if (start >= 0 || end >= 0) throw new Error(`BENCHMARKS.md holds only one of ${startMarker} and ${endMarker}`);
  const firstSection = document.indexOf('\n## ');
  if (firstSection < 0) return `${document.trimEnd()}\n\n${section}\n`;
  return `${document.slice(0, firstSection + 1)}${section}\n\n${document.slice(firstSection + 1)}`;
}
