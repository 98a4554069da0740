import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ErrorBody } from '../../shared/errors.ts';
import { ProblemParams } from '../../shared/problems.ts';
import { AddEntryBody, EditEntryBody, EntryParams, EntryRevisionList, TimelineEntry, TimelineList } from '../../shared/timeline.ts';
import { principalOf } from '../accounts/auth-plugin.ts';
import type { TimelineService } from './service.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 413: ErrorBody };

export async function timelineRoutes(fastify: FastifyInstance, opts: { timeline: TimelineService }): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { timeline } = opts;
  const tags = ['timeline'];

  app.get('/api/problems/:number/timeline', {
    schema: { tags, summary: "A problem's timeline, oldest first", params: ProblemParams, response: { 200: TimelineList, ...errors } },
  }, async (request) => timeline.list(request.params.number));

  app.post('/api/problems/:number/timeline', {
    schema: {
      tags, summary: 'Add an observation, hypothesis, experiment, result, action or note (Markdown)',
      params: ProblemParams, body: AddEntryBody, response: { 201: TimelineEntry, ...errors },
    },
  }, async (request, reply) => reply.status(201).send(await timeline.add(principalOf(request), request.params.number, request.body)));

  app.patch('/api/problems/:number/timeline/:id', {
    schema: {
      tags, summary: 'Edit an entry you wrote (`{body}`; the earlier version is kept), or settle a hypothesis (`{verdict, evidence}` with a result entry of the same problem)',
      params: EntryParams, body: EditEntryBody, response: { 200: TimelineEntry, ...errors },
    },
  }, async (request) => timeline.edit(principalOf(request), request.params.number, request.params.id, request.body));

  app.get('/api/problems/:number/timeline/:id/revisions', {
    schema: { tags, summary: "An entry's earlier versions, oldest first", params: EntryParams, response: { 200: EntryRevisionList, ...errors } },
  }, async (request) => timeline.revisions(request.params.number, request.params.id));
}
