import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AreaParams } from '../../shared/areas.ts';
import { ErrorBody } from '../../shared/errors.ts';
import {
  AlertmanagerNotification, CreatedIntegration, CreateIntegrationBody, GenericNotification, GRAFANA_SIGNATURE_HEADER, GRAFANA_TIMESTAMP_HEADER,
  GrafanaNotification, IntegrationList, IntegrationParams, Integration, NotificationResult, UpdateIntegrationBody,
} from '../../shared/integrations.ts';
import { onlyAdmins } from '../accounts/auth-plugin.ts';
import type { Clock } from '../clock.ts';
import { UnauthorizedError } from '../errors.ts';
import { bodyCheck, bodyCheckedInHandler } from '../http/validation.ts';
import { fromAlertmanager, fromGeneric, fromGrafana, type AlertGroup } from './alert-group.ts';
import type { IntegrationService } from './service.ts';
import { refuseGrafanaSignature } from './signature.ts';
import type { IntegrationWithArea } from './store.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const tags = ['integrations'];
const ItemParams = Type.Intersect([AreaParams, IntegrationParams]);

/** Integrations of an area: admins only, since an integration's token lets a machine pull. */
export async function integrationRoutes(fastify: FastifyInstance, opts: { integrations: IntegrationService }): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { integrations } = opts;

  app.post('/api/areas/:slug/integrations', {
    onRequest: onlyAdmins,
    schema: { tags, summary: 'Add an integration (Alertmanager, Grafana or generic) to an area; its token is answered this once', params: AreaParams, body: CreateIntegrationBody, response: { 201: CreatedIntegration, ...errors } },
  }, async (request, reply) => reply.status(201).send(await integrations.create(request.params.slug, request.body)));

  app.get('/api/areas/:slug/integrations', {
    onRequest: onlyAdmins,
    schema: { tags, summary: "An area's integrations (without their tokens)", params: AreaParams, response: { 200: IntegrationList, ...errors } },
  }, async (request) => ({ items: await integrations.list(request.params.slug) }));

  app.patch('/api/areas/:slug/integrations/:id', {
    onRequest: onlyAdmins,
    schema: { tags, summary: "Change an integration's name, Stop severities, resolving by itself or Grafana HMAC secret", params: ItemParams, body: UpdateIntegrationBody, response: { 200: Integration, ...errors } },
  }, async (request) => integrations.update(request.params.slug, request.params.id, request.body));

  app.post('/api/areas/:slug/integrations/:id/rotate', {
    onRequest: onlyAdmins,
    schema: { tags, summary: 'A new token for the integration, answered this once; the old one stops working at once', params: ItemParams, response: { 200: CreatedIntegration, ...errors } },
  }, async (request) => integrations.rotate(request.params.slug, request.params.id));

  app.delete('/api/areas/:slug/integrations/:id', {
    onRequest: onlyAdmins,
    schema: { tags, summary: 'Remove an integration: its token stops working', params: ItemParams, response: { 204: Type.Null(), ...errors } },
  }, async (request, reply) => {
    await integrations.remove(request.params.slug, request.params.id);
    return reply.status(204).send(null);
  });
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The body as sent, for checking a signature over its exact bytes. */
    rawBody?: string;
    integration?: IntegrationWithArea;
  }
}

const checks = {
  alertmanager: bodyCheck(AlertmanagerNotification),
  grafana: bodyCheck(GrafanaNotification),
  generic: bodyCheck(GenericNotification),
};

function alertGroupOf(integration: IntegrationWithArea, body: unknown): AlertGroup {
  const stopSeverities = JSON.parse(integration.stopSeverities) as string[];
  switch (integration.kind) {
    case 'alertmanager': return fromAlertmanager(checks.alertmanager(body), stopSeverities);
    case 'grafana': return fromGrafana(checks.grafana(body), stopSeverities);
    case 'generic': return fromGeneric(checks.generic(body));
  }
}

/** What the spec shows: one of the three shapes, as the integration's kind says. */
const NotificationBody = Type.Union([AlertmanagerNotification, GrafanaNotification, GenericNotification], {
  description: "Alertmanager's webhook payload (version 4), Grafana's webhook contact point payload, or the generic body: the one the integration's kind takes",
});

const header = (request: FastifyRequest, name: string) => {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/**
 * Where monitors post. Its own context: authenticated by the integration's token (not a session or
 * an API token), and it keeps the raw body for Grafana's signature.
 */
export async function notificationRoutes(fastify: FastifyInstance, opts: { integrations: IntegrationService; clock: Clock }): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { integrations, clock } = opts;

  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body as string;
    request.rawBody = text;
    try {
      done(null, JSON.parse(text));
    } catch {
      done(Object.assign(new Error('The body is not valid JSON'), { statusCode: 400, code: 'FST_ERR_CTP_INVALID_JSON_BODY' }), undefined);
    }
  });

  app.post('/api/integrations/:id/notify', {
    schema: {
      tags,
      summary: "A monitor's notification: Alertmanager's webhook (v4), Grafana's webhook contact point, or the generic body, as the integration's kind says",
      description: 'Authenticate with `Authorization: Bearer <the integration\'s token>`. One alert group (or generic dedupKey) is one open problem; ' +
        'notifications for it update that problem. Answers once the change is committed.',
      params: IntegrationParams,
      body: NotificationBody,
      security: [{ bearer: [] }],
      response: { 200: NotificationResult, 201: NotificationResult, ...errors, 413: ErrorBody },
    },
    // The body is checked against the integration's kind once the token says which it is.
    validatorCompiler: bodyCheckedInHandler,
    onRequest: async (request: FastifyRequest<{ Params: { id: string } }>) => {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(header(request, 'authorization') ?? '');
      request.integration = await integrations.authenticate(request.params.id, match?.[1]);
    },
  }, async (request, reply) => {
    const integration = request.integration;
    if (!integration) throw new UnauthorizedError();
    if (integration.kind === 'grafana' && integration.hmacSecret !== null) {
      const refused = refuseGrafanaSignature(integration.hmacSecret, request.rawBody ?? '',
        header(request, GRAFANA_SIGNATURE_HEADER), header(request, GRAFANA_TIMESTAMP_HEADER), clock.now());
      if (refused) throw new UnauthorizedError(`The Grafana signature is refused: ${refused}`);
    }
    const result = await integrations.receive(integration, alertGroupOf(integration, request.body));
    return reply.status(result.outcome === 'raised' ? 201 : 200).send(result);
  });
}
