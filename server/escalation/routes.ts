import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ErrorBody } from '../../shared/errors.ts';
import { Problem, ProblemParams } from '../../shared/problems.ts';
import { principalOf } from '../accounts/auth-plugin.ts';
import type { EscalationService } from './service.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

export async function escalationRoutes(fastify: FastifyInstance, opts: { escalation: EscalationService }): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.post('/api/problems/:number/escalate', {
    schema: {
      tags: ['problems'],
      summary: 'Escalate now: alert the next step of the escalation path at once',
      description: 'Answers 409 once someone has joined (the problem is no longer raised) or when nobody is left on the path.',
      params: ProblemParams,
      response: { 200: Problem, ...errors },
    },
  }, async (request) => opts.escalation.escalateNow(principalOf(request), request.params.number));
}
