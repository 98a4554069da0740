import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { NotFoundError, UnauthorizedError } from '../errors.ts';
import type { Metrics } from './registry.ts';

export interface MetricsRoutesOptions {
  metrics: Metrics;
  /** Served only when set, and only to a caller that sends it as its bearer token. */
  token: string | null;
}

// Hashing both sides first gives equal lengths, so the comparison takes the same time whatever was sent.
const digest = (value: string) => createHash('sha256').update(value).digest();
function carriesToken(request: FastifyRequest, token: string): boolean {
  const match = /^Bearer (.+)$/.exec(request.headers.authorization ?? '');
  return match !== null && timingSafeEqual(digest(match[1]), digest(token));
}

/**
 * Times every answered request under its route pattern (`/api/problems/:number`), or `unmatched`
 * for a path no route knows, so a scan of random URLs cannot grow the number of series.
 */
export const requestMetrics = fp<{ metrics: Metrics }>(async (app, { metrics }) => {
  app.addHook('onResponse', async (request: FastifyRequest, reply: FastifyReply) => {
    const route = request.is404 ? 'unmatched' : request.routeOptions.url ?? 'unmatched';
    metrics.observeRequest(request.method, route, reply.statusCode, reply.elapsedTime / 1000);
  });
}, { name: 'request-metrics' });

/** `GET /metrics` in Prometheus's text format: never open to everyone. */
export async function metricsRoutes(app: FastifyInstance, { metrics, token }: MetricsRoutesOptions) {
  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    if (token === null) throw new NotFoundError('Metrics');
    if (!carriesToken(request, token)) throw new UnauthorizedError('Send the metrics token as a bearer token');
    const body = await metrics.registry.metrics();
    return reply.header('content-type', metrics.registry.contentType).header('cache-control', 'no-store').send(body);
  });
}
