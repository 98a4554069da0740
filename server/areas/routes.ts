import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Area, AreaList, AreaParams, CreateAreaBody, UpdateAreaBody } from '../../shared/areas.ts';
import { ErrorBody } from '../../shared/errors.ts';
import { onlyAdmins } from '../accounts/auth-plugin.ts';
import { presentArea, type AreaService } from './service.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

export async function areaRoutes(fastify: FastifyInstance, opts: { areas: AreaService }): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { areas } = opts;

  app.get('/api/areas', { schema: { tags: ['areas'], summary: 'All areas, archived ones included', response: { 200: AreaList, ...errors } } },
    async () => ({ items: (await areas.list()).map(presentArea) }));

  app.post('/api/areas', {
    onRequest: onlyAdmins,
    schema: { tags: ['areas'], summary: 'Create an area', body: CreateAreaBody, response: { 201: Area, ...errors } },
  }, async (request, reply) => reply.status(201).send(presentArea(await areas.create(request.body))));

  app.patch('/api/areas/:slug', {
    onRequest: onlyAdmins,
    schema: { tags: ['areas'], summary: 'Rename, retarget or archive an area', params: AreaParams, body: UpdateAreaBody, response: { 200: Area, ...errors } },
  }, async (request) => presentArea(await areas.update(request.params.slug, request.body)));
}
