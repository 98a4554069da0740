import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ErrorBody } from '../../shared/errors.ts';
import {
  ChangeStatusBody, ListProblemsQuery, Problem, ProblemList, ProblemParams, RaiseProblemBody, RaiseProblemHeaders, UpdateProblemBody,
} from '../../shared/problems.ts';
import { principalOf } from '../accounts/auth-plugin.ts';
import type { ProblemService } from './service.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 413: ErrorBody, 422: ErrorBody };

export async function problemRoutes(fastify: FastifyInstance, opts: { problems: ProblemService }): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { problems } = opts;

  app.post('/api/problems', {
    schema: {
      tags: ['problems'],
      summary: 'Pull the cord: raise a problem',
      description: 'Send an `Idempotency-Key` header (any unique string, e.g. a UUID) and retry with the same key until you get an answer: ' +
        'a retry with the same body answers the first result; the same key with another body answers 422. Keys are kept for 48 hours.',
      headers: RaiseProblemHeaders,
      body: RaiseProblemBody,
      response: { 201: Problem, ...errors },
    },
  }, async (request, reply) => {
    const result = await problems.raise(principalOf(request), request.body, request.headers['idempotency-key']);
    if (result.replayed) reply.header('idempotent-replayed', 'true');
    return reply.status(result.statusCode).send(result.body);
  });

  app.get('/api/problems', {
    schema: { tags: ['problems'], summary: 'Problems, newest first', querystring: ListProblemsQuery, response: { 200: ProblemList, ...errors } },
  }, async (request) => problems.list(request.query));

  app.get('/api/problems/:number', {
    schema: { tags: ['problems'], summary: 'One problem by its number', params: ProblemParams, response: { 200: Problem, ...errors } },
  }, async (request) => problems.get(request.params.number));

  app.patch('/api/problems/:number', {
    schema: {
      tags: ['problems'],
      summary: 'Change a problem: its status (with a reason when dismissing), level, area, title or details',
      params: ProblemParams,
      body: UpdateProblemBody,
      response: { 200: Problem, ...errors },
    },
  }, async (request) => problems.update(principalOf(request), request.params.number, request.body));

  app.post('/api/problems/:number/status', {
    schema: {
      tags: ['problems'],
      summary: 'Move a problem along its lifecycle; dismissing needs a reason (duplicate with duplicateOf, not-a-problem, or other with text); a resolved or dismissed problem can be reopened',
      description: 'A move the lifecycle does not allow answers 409 and changes nothing. Asking for the status it already has answers it unchanged.',
      params: ProblemParams,
      body: ChangeStatusBody,
      response: { 200: Problem, ...errors },
    },
  }, async (request) => problems.changeStatus(principalOf(request), request.params.number, request.body));
}
