import { stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { App } from './types.js';
import { packageRoot } from '../package-root.js';

/** Where `vite build --config web/vite.config.ts` writes the web app (the same from src/, dist/ and the bundle). */
export const defaultWebRoot = path.join(packageRoot(), 'web', 'dist') + path.sep;

/**
 * Serves the built web app next to the API: files from web/dist, and index.html for any other
 * GET outside /api so that the app's own addresses (/customers/...) load on refresh.
 * /api/* that matches no route stays a problem+json 404.
 */
export async function webApp(app: App, options: { root: string }) {
  const root = path.resolve(options.root);
  if (!existsSync(path.join(root, 'index.html'))) {
    app.log.warn({ root }, 'The web app is not built, so only the API is served. Run `npx vite build --config web/vite.config.ts` (npm run build:web).');
    return;
  }
  // preCompressed: the build writes .br and .gz beside each file (web/vite.config.ts).
  await app.register(fastifyStatic, { root, serve: false, preCompressed: true });

  app.get('/*', { schema: { hide: true } }, async (request, reply) => {
    const wanted = (request.params as { '*': string })['*'];
    reply.header('vary', 'accept-encoding');
    if (wanted === 'api' || wanted.startsWith('api/')) return reply.callNotFound();
    const file = path.resolve(root, wanted);
    const inside = file.startsWith(root + path.sep);
    if (inside && (await stat(file).catch(() => null))?.isFile()) {
      // Vite names built assets by content hash, so they never change.
      const hashed = wanted.startsWith('assets/');
      return reply.sendFile(wanted, { maxAge: hashed ? '365d' : 0, immutable: hashed });
    }
    // A missing file (an old asset, /favicon.ico) is a 404; any other address is a screen of the app.
    if (path.extname(wanted)) return reply.callNotFound();
    return reply.header('cache-control', 'no-cache').sendFile('index.html', { cacheControl: false });
  });
}
