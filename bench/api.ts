/**
 * API latency and throughput on the demo data, each endpoint beside GET /api/v1/health on the same server
 * in the same run. The server (the real app, no web files) runs in a child process on 127.0.0.1 (random
 * port) on a fresh SQLite file in a temp dir filled by seedDemo, so the load generator does not share its
 * event loop; a fixed count of requests per endpoint comes from a small pool of concurrent clients (fetch,
 * keep-alive), first one at a time (latency without queueing), then --concurrency at once (throughput).
 * The server's own time per request (parsed request → last byte written) is taken inside the server process.
 *   npx tsx bench/api.ts [--count 1000] [--concurrency 4] [--seconds 300]
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { machine, serverTimes, signInByFetch, startDemoServer, summary, timedFetch, type Session, type Summary } from './demo-server.js';

const { values: args } = parseArgs({
  options: {
    count: { type: 'string', default: '1000' },
    concurrency: { type: 'string', default: '4' },
    warmup: { type: 'string', default: '100' },
    seconds: { type: 'string', default: '300' },
    serve: { type: 'boolean', default: false },
  },
});

interface Ready {
  url: string;
  ids: string[];
  names: string[];
  email: string;
  seedSeconds: number;
  counts: Record<string, number>;
}
type ToServer = { type: 'collect' } | { type: 'close' };
type FromServer = { type: 'ready'; ready: Ready } | { type: 'times'; times: Record<string, Summary> };

/** The child: the server and its own timings. */
async function serve() {
  const server = await startDemoServer({ web: false });
  const timer = serverTimes(server.app.server);
  const customers = await server.database.db.selectFrom('customers').select(['id', 'displayName']).orderBy('id').execute();
  const send = (message: FromServer) => process.send!(message);
  process.on('message', async (message: ToServer) => {
    if (message.type === 'collect') {
      send({ type: 'times', times: Object.fromEntries([...timer.times].map(([route, t]) => [route, summary(t)])) });
      timer.clear();
    } else {
      await server.close();
      process.exit(0);
    }
  });
  process.on('disconnect', () => void server.close().finally(() => process.exit(0)));
  send({
    type: 'ready',
    ready: {
      url: server.url,
      ids: customers.map((c) => c.id),
      names: customers.map((c) => c.displayName),
      email: server.demo.staff.find((s) => s.email.startsWith('earl'))!.email,
      seedSeconds: server.seedSeconds,
      counts: server.demo.counts,
    },
  });
}

interface Request {
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
}

interface PhaseResult {
  endpoint: string;
  concurrency: number;
  latency: Summary;
  perSecond: number;
  errors: number;
  server: Summary | null;
}

async function drive() {
  const child = fork(fileURLToPath(import.meta.url), ['--serve'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const messages: ((m: FromServer) => void)[] = [];
  child.on('message', (m: FromServer) => messages.shift()?.(m));
  const next = () => new Promise<FromServer>((resolve) => messages.push(resolve));
  const deadline = Date.now() + Number(args.seconds) * 1000;
  try {
    const first = await next();
    if (first.type !== 'ready') throw new Error('the server did not start');
    const { url, ids, names, email } = first.ready;
    const session: Session = await signInByFetch(url, email);
    const queries = [
      'jim', 'jmi', 'jim alv', 'alvarez', 'maggie', 'chen', 'ma', 'helen park', 'bob kowalczyk', 'kowalcyzk robert', 'farow', 'diane fostr',
      '217-555-0142', '(217) 555 0118', '+1 217 555 0131', '2175550163', 'helen.park@example.org', 'POS-10442',
      ...names.filter((_, i) => i % 10 === 0),
    ];
    const endpoints: [string, (i: number) => Request][] = [
      ['GET /health', () => ({ method: 'GET', path: '/health' })],
      ['GET /search?q=', (i) => ({ method: 'GET', path: `/search?q=${encodeURIComponent(queries[i % queries.length]!)}&limit=8` })],
      ['GET /customers/:id', (i) => ({ method: 'GET', path: `/customers/${ids[i % ids.length]}` })],
      ['GET /customers/:id/brief', (i) => ({ method: 'GET', path: `/customers/${ids[i % ids.length]}/brief` })],
      ['GET /customers/:id/timeline', (i) => ({ method: 'GET', path: `/customers/${ids[i % ids.length]}/timeline?limit=20` })],
    ];
    let posted = 0;
    const post: [string, (i: number) => Request] = [
      'POST /interactions',
      () => {
        const n = posted++;
        return { method: 'POST', path: '/interactions', body: { customerId: ids[n % ids.length], channel: 'visit', direction: 'inbound', summary: `Came in for the benchmark, visit ${n}` } };
      },
    ];

    const collect = async () => {
      child.send({ type: 'collect' } satisfies ToServer);
      const m = await next();
      return m.type === 'times' ? m.times : {};
    };
    const run = async (endpoint: string, make: (i: number) => Request, concurrency: number, count: number): Promise<PhaseResult> => {
      await collect(); // drop whatever came before
      const latencies: number[] = [];
      let errors = 0;
      let i = 0;
      const t0 = performance.now();
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (i < count && Date.now() < deadline) {
            const r = make(i++);
            const res = await timedFetch(`${url}/api/v1${r.path}`, session, r.method, r.body);
            if (res.status < 200 || res.status > 299) {
              if (errors++ < 3) console.error(`${r.method} ${r.path}: ${res.status} ${res.body.slice(0, 200)}`);
            }
            latencies.push(res.ms);
          }
        }),
      );
      const seconds = (performance.now() - t0) / 1000;
      const times = await collect();
      const [method, path] = endpoint.split(' ') as [string, string];
      const server = times[`${method} /api/v1${path.split('?')[0]}`] ?? null;
      return { endpoint, concurrency, latency: summary(latencies), perSecond: Math.round(latencies.length / seconds), errors, server };
    };

    const count = Number(args.count);
    const concurrency = Number(args.concurrency);
    for (const [endpoint, make] of endpoints) await run(endpoint, make, 2, Number(args.warmup)); // JIT, caches; not reported
    const results: PhaseResult[] = [];
    for (const c of [1, concurrency]) for (const [endpoint, make] of endpoints) results.push(await run(endpoint, make, c, count));
    // Writes last: they add to the timelines and briefs the reads above measured.
    for (const c of [1, concurrency]) results.push(await run(post[0], post[1], c, count));
    results.push(await run('GET /health', endpoints[0]![1], concurrency, count)); // the floor again, after the writes

    const health = new Map<number, PhaseResult>();
    for (const r of results) if (r.endpoint === 'GET /health' && !health.has(r.concurrency)) health.set(r.concurrency, r);
    console.table(
      results.map((r) => ({
        endpoint: r.endpoint,
        clients: r.concurrency,
        n: r.latency.n,
        'p50 ms': r.latency.p50,
        'p95 ms': r.latency.p95,
        'p99 ms': r.latency.p99,
        'max ms': r.latency.max,
        'req/s': r.perSecond,
        'server p50': r.server?.p50 ?? null,
        'server p95': r.server?.p95 ?? null,
        'p50 ÷ health p50': +(r.latency.p50 / health.get(r.concurrency)!.latency.p50).toFixed(1),
        errors: r.errors,
      })),
    );
    console.log(JSON.stringify({ demo: first.ready.counts, seedSeconds: +first.ready.seedSeconds.toFixed(1), count, concurrency, timedOut: Date.now() > deadline, results, machine: machine() }, null, 1));
    if (results.some((r) => r.errors)) process.exitCode = 1;
  } finally {
    if (child.connected) child.send({ type: 'close' } satisfies ToServer);
    await new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve)));
  }
}

await (args.serve ? serve() : drive());
