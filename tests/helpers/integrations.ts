import { readFileSync } from 'node:fs';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { CreatedIntegration, IntegrationKind } from '../../shared/integrations.ts';
import type { Caller } from './app.ts';

/** A notification payload from tests/fixtures, as the sender posts it. */
export function fixture(path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`../fixtures/${path}`, import.meta.url), 'utf8')) as Record<string, unknown>;
}

export async function createIntegration(admin: Caller, kind: IntegrationKind, settings: object = {}, area = 'general'): Promise<CreatedIntegration> {
  const response = await admin.request({ method: 'POST', url: `/api/areas/${area}/integrations`, payload: { kind, ...settings } });
  if (response.statusCode !== 201) throw new Error(`creating an integration answered ${response.statusCode}: ${response.body}`);
  return response.json<CreatedIntegration>();
}

/** Posts a notification the way a monitor does: to the integration's URL, with its bearer token. */
export function notify(app: FastifyInstance, integration: { url: string; token: string }, payload: unknown, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
  return app.inject({
    method: 'POST', url: new URL(integration.url).pathname,
    headers: { authorization: `Bearer ${integration.token}`, 'content-type': 'application/json', ...headers },
    payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
  });
}
