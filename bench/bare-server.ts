/**
 * The minimal Fastify server of bench/hot-paths.ts: one route, no hooks, no schemas, no session.
 * GET /run/:key/:i runs the statements captured for request i of path `key` through the bare driver
 * (bench/statement-capture.ts) and answers their rows as JSON.
 *
 * In a child process (for load, so the load generator does not share its event loop):
 *   node --import tsx bench/bare-server.ts --statements <json> (--file <sqlite> | --url <postgres>)
 * It tells its parent { port } over IPC when it listens, and stops when the parent goes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import Fastify, { type FastifyInstance } from 'fastify';
import { openBareDriver, type BareDriver, type Captured } from './statement-capture.js';

/** Per path: the captured requests, and whether the path writes (replayed between begin and rollback). */
export type Replays = Record<string, { write: boolean; requests: Captured[] }>;

export async function startBareServer(driver: BareDriver, replays: Replays): Promise<{ url: string; app: FastifyInstance }> {
  const app = Fastify({ logger: false });
  app.get('/run/:key/:i', async (request, reply) => {
    const { key, i } = request.params as { key: string; i: string };
    const path = replays[key];
    const captured = path?.requests[Number(i) % path.requests.length];
    if (!path || !captured) return reply.status(404).send({ error: 'no such request' });
    return driver.replay(captured, path.write);
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, app };
}

async function child() {
  const { values } = parseArgs({ options: { statements: { type: 'string' }, file: { type: 'string' }, url: { type: 'string' } } });
  if (!values.statements || (!values.file && !values.url)) throw new Error('give --statements and --file or --url');
  const replays = JSON.parse(fs.readFileSync(values.statements, 'utf8')) as Replays;
  const driver = await openBareDriver(values.url ? { url: values.url } : { file: values.file! });
  const { url, app } = await startBareServer(driver, replays);
  const stop = () =>
    void app
      .close()
      .then(() => driver.close())
      .finally(() => process.exit(0));
  process.on('disconnect', stop);
  process.on('SIGTERM', stop);
  process.send!({ url });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await child();
