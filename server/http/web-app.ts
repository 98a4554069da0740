import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

export const webRoot = fileURLToPath(new URL('../../dist/web', import.meta.url));

/** Serves the built React app; paths that are not files get index.html (client-side routing). Public. */
export async function webApp(app: FastifyInstance): Promise<void> {
  if (!existsSync(webRoot)) {
    app.log.warn(`web build not found at ${webRoot}; run "npm run build"`);
    return;
  }
  // Hashed bundles never change under their name: cache them for good, and look them up per
  // request (wildcard) so a rebuild is served without a restart.
  await app.register(fastifyStatic, {
    root: path.join(webRoot, 'assets'), prefix: '/assets/', wildcard: true, immutable: true, maxAge: '365d',
  });
  await app.register(fastifyStatic, {
    root: webRoot, wildcard: false, index: false, decorateReply: false, globIgnore: ['assets/**', 'index.html'], maxAge: '1h',
  });
  // This catch-all also matches unknown /api paths: those get the JSON 404, whoever asks.
  app.get('/*', { schema: { hide: true } }, (request, reply) => {
    const pathname = request.url.split('?')[0];
    if (pathname === '/api' || pathname.startsWith('/api/')) {
      reply.callNotFound();
      return;
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html', webRoot, { cacheControl: false });
  });
}
