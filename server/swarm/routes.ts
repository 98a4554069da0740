import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ErrorBody } from '../../shared/errors.ts';
import { LeadBody, Presence, Problem, ProblemParams } from '../../shared/problems.ts';
import { principalOf } from '../accounts/auth-plugin.ts';
import type { SwarmService } from './service.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

export async function swarmRoutes(fastify: FastifyInstance, opts: { swarm: SwarmService }): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { swarm } = opts;
  const tags = ['swarm'];

  app.post('/api/problems/:number/swarm', {
    schema: {
      tags, summary: 'Join the swarm (signed-in people only); joining again answers the same swarm',
      description: 'The first to join leads, and the first join moves a raised problem to swarming.',
      params: ProblemParams, response: { 200: Problem, ...errors },
    },
  }, async (request) => swarm.join(principalOf(request), request.params.number));

  app.delete('/api/problems/:number/swarm', {
    schema: { tags, summary: 'Leave the swarm; a leaving lead hands over to who joined next', params: ProblemParams, response: { 200: Problem, ...errors } },
  }, async (request) => swarm.leave(principalOf(request), request.params.number));

  app.put('/api/problems/:number/lead', {
    schema: {
      tags, summary: 'Take the lead, or (as the lead) hand it to somebody in the swarm',
      params: ProblemParams, body: LeadBody, response: { 200: Problem, ...errors },
    },
  }, async (request) => swarm.setLead(principalOf(request), request.params.number, request.body.userId));

  app.put('/api/problems/:number/presence', {
    schema: {
      tags, summary: 'I have this problem open: send every 20 s; answers who is looking at it now (seen in the last 45 s)',
      params: ProblemParams, response: { 200: Presence, ...errors },
    },
  }, async (request) => swarm.heartbeat(principalOf(request), request.params.number));
}
