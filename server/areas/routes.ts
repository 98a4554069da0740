import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { Area, AreaList, AreaParams, CreateAreaBody, UpdateAreaBody } from '../../shared/areas.ts';
import { Person, PutEscalationBody, PutRespondersBody } from '../../shared/escalation.ts';
import { ErrorBody } from '../../shared/errors.ts';
import { onlyAdmins, principalOf } from '../accounts/auth-plugin.ts';
import type { AreaService } from './service.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

export async function areaRoutes(fastify: FastifyInstance, opts: { areas: AreaService }): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { areas } = opts;

  app.get('/api/areas', { schema: { tags: ['areas'], summary: 'All areas, archived ones included', response: { 200: AreaList, ...errors } } },
    async () => ({ items: await areas.list() }));

  app.get('/api/areas/:slug', {
    schema: { tags: ['areas'], summary: 'One area, with its responders and escalation path', params: AreaParams, response: { 200: Area, ...errors } },
  }, async (request) => areas.get(request.params.slug));

  app.post('/api/areas', {
    onRequest: onlyAdmins,
    schema: { tags: ['areas'], summary: 'Create an area', body: CreateAreaBody, response: { 201: Area, ...errors } },
  }, async (request, reply) => reply.status(201).send(await areas.create(request.body)));

  app.patch('/api/areas/:slug', {
    onRequest: onlyAdmins,
    schema: { tags: ['areas'], summary: 'Rename, retarget or archive an area', params: AreaParams, body: UpdateAreaBody, response: { 200: Area, ...errors } },
  }, async (request) => areas.update(request.params.slug, request.body));

  // Admins and the area's responders may edit these: the service decides, as it knows the responders.
  app.put('/api/areas/:slug/responders', {
    schema: {
      tags: ['areas'], summary: "Set the area's responders (alerted at once on every pull here)",
      params: AreaParams, body: PutRespondersBody, response: { 200: Area, ...errors },
    },
  }, async (request) => areas.setResponders(principalOf(request), request.params.slug, request.body));

  app.put('/api/areas/:slug/escalation', {
    schema: {
      tags: ['areas'],
      summary: "Set the area's escalation path",
      description: "The first step is tried when the area's response target runs out with nobody joined; each step's `waitMinutes` is how long it is given before the next. " +
        'A step with nobody in it is skipped at once. After the last step the path runs again `repeat` times.',
      params: AreaParams, body: PutEscalationBody, response: { 200: Area, ...errors },
    },
  }, async (request) => areas.setEscalation(principalOf(request), request.params.slug, request.body));

  app.get('/api/people', {
    schema: { tags: ['areas'], summary: 'Everyone who can be a responder or on an escalation path', response: { 200: Type.Object({ items: Type.Array(Person) }), ...errors } },
  }, async () => ({ items: await areas.people() }));
}
