import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ErrorBody } from '../../shared/errors.ts';
import { FLOW_FIGURES, FlowFigureParams, FlowQuery, FlowReport } from '../../shared/flow.ts';
import { figureCsv } from './csv.ts';
import type { FlowService } from './service.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 404: ErrorBody };

export async function flowRoutes(fastify: FastifyInstance, opts: { flow: FlowService }): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { flow } = opts;
  const tags = ['flow'];
  const description = 'Counted over the problems pulled in the period [from, to). Percentiles are nearest-rank. Figures are per area, never per person.';

  app.get('/api/flow', {
    schema: { tags, summary: 'The flow measures: pulls, time to respond, contain, resolve and learn, escalations, dismissals', description, querystring: FlowQuery, response: { 200: FlowReport, ...errors } },
  }, async (request) => flow.report(request.query));

  app.get('/api/flow/:figure.csv', {
    schema: {
      tags, summary: `One figure as CSV (${FLOW_FIGURES.join(', ')}), a row per area`, description,
      params: FlowFigureParams, querystring: FlowQuery,
      response: { 200: Type.String({ contentMediaType: 'text/csv' }), ...errors },
    },
  }, async (request, reply) => {
    const report = await flow.report(request.query);
    const name = `andon-flow-${request.params.figure}-${report.from.slice(0, 10)}-${report.to.slice(0, 10)}.csv`;
    return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}"`)
      .send(figureCsv(report, request.params.figure));
  });
}
