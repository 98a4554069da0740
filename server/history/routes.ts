import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ErrorBody } from '../../shared/errors.ts';
import { HistoryPage, HistoryQuery } from '../../shared/history.ts';
import { presentHistoryItem } from './presenter.ts';
import type { HistoryService } from './service.ts';

/** `GET /api/history`: registered inside the authenticated context. */
export async function historyRoutes(fastify: FastifyInstance, opts: { history: HistoryService }): Promise<void> {
  fastify.withTypeProvider<TypeBoxTypeProvider>().get('/api/history', {
    schema: {
      tags: ['problems'],
      summary: 'Closed problems (resolved, learned, dismissed), newest raised first: search by title, area and period',
      querystring: HistoryQuery,
      response: { 200: HistoryPage, 400: ErrorBody, 401: ErrorBody, 404: ErrorBody },
    },
  }, async (request) => {
    const { rows, nextCursor } = await opts.history.list(request.query);
    return { items: rows.map(presentHistoryItem), nextCursor };
  });
}
