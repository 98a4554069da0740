import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AreaParams } from '../../shared/areas.ts';
import { ErrorBody } from '../../shared/errors.ts';
import { CreatedWebhook, CreateWebhookBody, Delivery, DeliveryList, DeliveryParams, Webhook, WebhookList, WebhookParams } from '../../shared/webhooks.ts';
import { onlyAdmins } from '../accounts/auth-plugin.ts';
import type { WebhookService } from './service.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const tags = ['webhooks'];

/** Outgoing webhooks: admins only, since a webhook sends an area's problems outside Andon. */
export async function webhookRoutes(fastify: FastifyInstance, opts: { webhooks: WebhookService }): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { webhooks } = opts;

  app.post('/api/areas/:slug/webhooks', {
    onRequest: onlyAdmins,
    schema: { tags, summary: "Add a webhook to an area; its secret is answered this once", params: AreaParams, body: CreateWebhookBody, response: { 201: CreatedWebhook, ...errors } },
  }, async (request, reply) => reply.status(201).send(await webhooks.create(request.params.slug, request.body)));

  app.get('/api/areas/:slug/webhooks', {
    onRequest: onlyAdmins,
    schema: { tags, summary: "An area's webhooks (without their secrets)", params: AreaParams, response: { 200: WebhookList, ...errors } },
  }, async (request) => ({ items: await webhooks.list(request.params.slug) }));

  app.delete('/api/areas/:slug/webhooks/:id', {
    onRequest: onlyAdmins,
    schema: { tags, summary: 'Remove a webhook: nothing more is sent to it', params: Type.Intersect([AreaParams, WebhookParams]), response: { 204: Type.Null(), ...errors } },
  }, async (request, reply) => {
    await webhooks.remove(request.params.slug, request.params.id);
    return reply.status(204).send(null);
  });

  app.post('/api/webhooks/:id/enable', {
    onRequest: onlyAdmins,
    schema: {
      tags, summary: 'Enable a webhook again (one is disabled when its receiver answers 410 Gone)',
      description: 'Pulls from now on are sent to it again; events while it was disabled are not replayed. Enabling one that is on answers it as it is.',
      params: WebhookParams, response: { 200: Webhook, ...errors },
    },
  }, async (request) => webhooks.enable(request.params.id));

  app.get('/api/webhooks/:id/deliveries', {
    onRequest: onlyAdmins,
    schema: { tags, summary: "A webhook's recent deliveries, newest first", params: WebhookParams, response: { 200: DeliveryList, ...errors } },
  }, async (request) => ({ items: await webhooks.deliveries(request.params.id) }));

  app.post('/api/webhooks/:id/deliveries/:deliveryId/redeliver', {
    onRequest: onlyAdmins,
    schema: { tags, summary: 'Send a delivery again (same webhook-id), from the start of the retry schedule', params: DeliveryParams, response: { 202: Delivery, ...errors } },
  }, async (request, reply) => reply.status(202).send(await webhooks.redeliver(request.params.id, request.params.deliveryId)));
}
