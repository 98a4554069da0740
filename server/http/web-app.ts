import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

export const webRoot = fileURLToPath(new URL('../../dist/web', import.meta.url));

/** Serves the built React app; paths that are not files get index.html (client-side routing). */
export async function registerWebApp(app: FastifyInstance): Promise<void> {
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
  // Unknown /api paths land here too; they are answered as JSON 404s whoever asks.
  app.get('/*', { config: { access: 'public' }, schema: { hide: true } }, (request, reply) => {
    const pathname = request.url.split('?')[0];
    if (pathname === '/api' || pathname.startsWith('/api/')) {
      return reply.status(404).send({ error: { code: 'not_found', message: `No route GET ${pathname}`, details: [] } });
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html', webRoot, { cacheControl: false });
  });
}
