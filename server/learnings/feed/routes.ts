import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AreaSlug } from '../../../shared/areas.ts';
import { ErrorBody } from '../../../shared/errors.ts';
import { CreatedFeedToken, FeedQuery, LearningParams } from '../../../shared/learnings.ts';
import { onlyPeople, principalOf } from '../../accounts/auth-plugin.ts';
import { FEED_PATH, type LearningFeed } from './service.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };
const tags = ['learnings'];
const MarkdownFile = Type.String({ description: 'text/markdown' });

/** Public: a feed reader has no session, only the person's feed token in the URL. */
export async function learningFeedRoutes(fastify: FastifyInstance, opts: { feed: LearningFeed }): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(FEED_PATH, {
    schema: {
      tags, summary: 'Atom feed of published learnings (all, or one area with `area`), for feed readers', security: [],
      description: 'Authenticate with `?token=` from `POST /api/feed-token`; a session cookie or API token is not accepted here.',
      querystring: FeedQuery, response: { 200: Type.String({ description: 'application/atom+xml' }), ...errors },
    },
  }, async (request, reply) => reply.type('application/atom+xml; charset=utf-8').send(await opts.feed.atom(request.query.token, request.query.area)));
}

export async function learningExportRoutes(fastify: FastifyInstance, opts: { feed: LearningFeed }): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { feed } = opts;
  app.post('/api/feed-token', {
    onRequest: onlyPeople,
    schema: { tags, summary: 'Make my feed token (shown once; my earlier one stops working)', response: { 201: CreatedFeedToken, ...errors } },
  }, async (request, reply) => reply.status(201).send(await feed.createToken(principalOf(request))));

  app.delete('/api/feed-token', {
    onRequest: onlyPeople,
    schema: { tags, summary: 'Revoke my feed token', response: { 204: Type.Null(), ...errors } },
  }, async (request, reply) => {
    await feed.revokeToken(principalOf(request));
    return reply.status(204).send(null);
  });

  app.get('/api/learnings/export.md', {
    schema: { tags, summary: 'The whole library of published learnings as one Markdown file', querystring: Type.Object({ area: Type.Optional(AreaSlug) }), response: { 200: MarkdownFile, ...errors } },
  }, async (request, reply) => reply.type('text/markdown; charset=utf-8').header('content-disposition', 'attachment; filename="learnings.md"')
    .send(await feed.exportLibrary(request.query.area)));

  app.get('/api/learnings/:id/export.md', {
    schema: { tags, summary: 'One learning as Markdown', params: LearningParams, response: { 200: MarkdownFile, ...errors } },
  }, async (request, reply) => reply.type('text/markdown; charset=utf-8').send(await feed.exportOne(request.params.id)));
}
