import { existsSync } from 'node:fs';
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
  await app.register(fastifyStatic, { root: webRoot, wildcard: false, index: false });
  app.get('/*', { schema: { hide: true } }, (request, reply) => {
    const path = request.url.split('?')[0];
    if (path.startsWith('/api/') || path === '/api') {
      return reply.status(404).send({ error: { code: 'not_found', message: `No route GET ${path}`, details: [] } });
    }
    if (/^\/assets\//.test(path)) return reply.status(404).send('Not found');
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
}
