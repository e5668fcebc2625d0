import { openDatabase } from '../src/platform/database/connect.js';
import { searchCustomers } from '../src/search/search-service.js';
const handle = openDatabase({ sqliteFile: process.argv[2]! });
const raw = handle.db;
const stats = new Map<string, { n: number; ms: number }>();
const db = raw.withPlugin({
  transformQuery: (a) => a.node,
  transformResult: async (a) => a.result,
});
// time every statement by wrapping the executor
const exec = (db as any).getExecutor();
const orig = exec.executeQuery.bind(exec);
exec.executeQuery = async (compiled: any, qid: any) => {
  const t = performance.now();
  const r = await orig(compiled, qid);
  const key = compiled.sql.replace(/\?(, \?)*/g, '?').slice(0, 110);
  const s = stats.get(key) ?? { n: 0, ms: 0 };
  s.n++; s.ms += performance.now() - t; stats.set(key, s);
  return r;
};
const qs = process.argv.slice(3);
for (let r = 0; r < 20; r++) for (const q of qs) await searchCustomers(db as any, 'sqlite', { q, limit: 10, phoneRegion: 'US' });
stats.clear();
const t0 = performance.now();
for (let r = 0; r < 50; r++) for (const q of qs) await searchCustomers(db as any, 'sqlite', { q, limit: 10, phoneRegion: 'US' });
console.log('per search ms', ((performance.now() - t0) / 50 / qs.length).toFixed(2));
for (const [k, s] of [...stats].sort((a, b) => b[1].ms - a[1].ms).slice(0, 14)) console.log((s.ms / 50 / qs.length).toFixed(3), 'ms', (s.n / 50 / qs.length).toFixed(1), 'x', k);
