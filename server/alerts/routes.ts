import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { AlertPreferences, PutAlertPreferencesBody } from '../../shared/alerts.ts';
import { ErrorBody } from '../../shared/errors.ts';
import { onlyPeople, principalOf } from '../accounts/auth-plugin.ts';
import type { AlertService } from './service.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody };
const tags = ['alerts'];

/** A person's own in-app alert choices: which areas they follow, and banner, sound, notification. */
export async function alertRoutes(fastify: FastifyInstance, opts: { alerts: AlertService }): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { alerts } = opts;

  app.get('/api/me/alert-preferences', {
    onRequest: onlyPeople,
    schema: { tags, summary: 'How I am alerted in the app, and which areas I follow', response: { 200: AlertPreferences, ...errors } },
  }, async (request) => alerts.get(principalOf(request)));

  app.put('/api/me/alert-preferences', {
    onRequest: onlyPeople,
    schema: {
      tags, summary: 'Choose how I am alerted and which areas I follow (besides the ones I respond to)',
      body: PutAlertPreferencesBody, response: { 200: AlertPreferences, ...errors },
    },
  }, async (request) => alerts.put(principalOf(request), request.body));
}
