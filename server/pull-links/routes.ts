import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AreaParams } from '../../shared/areas.ts';
import { ErrorBody } from '../../shared/errors.ts';
import { RaiseProblemHeaders } from '../../shared/problems.ts';
import { CreatePullLinkBody, Kiosk, KioskParams, KioskPull, KioskPullBody, PullLink, PullLinkList, PullLinkParams } from '../../shared/pull-links.ts';
import { onlyAdmins, principalOf } from '../accounts/auth-plugin.ts';
import { RateLimitedError } from '../errors.ts';
import { appOrigin } from '../http/origin.ts';
import type { PullLinkService } from './service.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 410: ErrorBody, 422: ErrorBody, 429: ErrorBody };
const tags = ['pull links'];

export interface PullLinkRouteOptions {
  pullLinks: PullLinkService;
  publicUrl: URL | null;
}

/** Making, listing and turning off pull links: admins only, since a link lets anyone pull into an area. */
export async function pullLinkRoutes(fastify: FastifyInstance, opts: PullLinkRouteOptions): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { pullLinks, publicUrl } = opts;

  app.post('/api/areas/:slug/pull-links', {
    onRequest: onlyAdmins,
    schema: { tags, summary: 'Make a pull link for an area: anyone who opens its URL can pull there without an account', params: AreaParams, body: CreatePullLinkBody, response: { 201: PullLink, ...errors } },
  }, async (request, reply) => reply.status(201).send(await pullLinks.create(principalOf(request), request.params.slug, request.body, appOrigin(request, publicUrl))));

  app.get('/api/areas/:slug/pull-links', {
    onRequest: onlyAdmins,
    schema: { tags, summary: "An area's pull links, newest first, turned-off ones included", params: AreaParams, response: { 200: PullLinkList, ...errors } },
  }, async (request) => ({ items: await pullLinks.list(request.params.slug, appOrigin(request, publicUrl)) }));

  app.delete('/api/areas/:slug/pull-links/:id', {
    onRequest: onlyAdmins,
    schema: { tags, summary: 'Turn a pull link off: its URL and QR code stop working at once', params: Type.Intersect([AreaParams, PullLinkParams]), response: { 204: Type.Null(), ...errors } },
  }, async (request, reply) => {
    await pullLinks.revoke(request.params.slug, request.params.id);
    return reply.status(204).send(null);
  });
}

export interface KioskRouteOptions {
  pullLinks: PullLinkService;
  rateLimit: { perLink: number; perAddress: number };
}

/** The kiosk: public routes, for anyone holding a link's code. */
export async function kioskRoutes(fastify: FastifyInstance, opts: KioskRouteOptions): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { pullLinks, rateLimit } = opts;
  const codeOf = (request: FastifyRequest) => (request.params as { code?: string }).code ?? '';
  // Counted by each instance on its own (like sign-in's): enough to keep one stuck kiosk off the board.
  const perAddress = app.createRateLimit({ max: rateLimit.perAddress, timeWindow: '1 minute' });
  const perLink = app.createRateLimit({ max: rateLimit.perLink, timeWindow: '1 minute', keyGenerator: (request) => `link:${codeOf(request)}` });

  // Two counters on one route, which a route's `rateLimit` config cannot do: the address first, so a
  // flood from one place does not use up the link for everyone else.
  async function limitPulls(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    for (const check of [perAddress, perLink]) {
      const limit = await check(request);
      if (!limit.isAllowed && limit.isExceeded) {
        reply.header('retry-after', limit.ttlInSeconds);
        throw new RateLimitedError(`${limit.ttlInSeconds} seconds`);
      }
    }
  }

  app.get('/api/kiosk/:code', {
    config: { rateLimit: { max: rateLimit.perAddress, timeWindow: '1 minute' } },
    schema: { tags, summary: 'Where a pull link pulls into (404 unknown, 410 turned off)', security: [], params: KioskParams, response: { 200: Kiosk, ...errors } },
  }, async (request) => pullLinks.kiosk(request.params.code));

  app.post('/api/kiosk/:code/pulls', {
    onRequest: limitPulls,
    schema: {
      tags,
      summary: 'Pull the cord through a pull link, without an account',
      description: 'Send an `Idempotency-Key` header and retry with it until you get an answer, as for `POST /api/problems`. ' +
        'Rate-limited per link and per address (429).',
      security: [],
      params: KioskParams,
      headers: RaiseProblemHeaders,
      body: KioskPullBody,
      response: { 201: KioskPull, ...errors },
    },
  }, async (request, reply) => {
    const result = await pullLinks.pull(request.params.code, request.body, request.headers['idempotency-key']);
    if (result.replayed) reply.header('idempotent-replayed', 'true');
    return reply.status(result.statusCode).send(result.body);
  });
}
