import Fastify, { type FastifyServerOptions } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { REQUEST_BODY_MAX_BYTES } from '../shared/limits.ts';
import { registerAuth } from './accounts/auth-plugin.ts';
import { accountRoutes } from './accounts/routes.ts';
import { createAccountService } from './accounts/service.ts';
import { areaRoutes } from './areas/routes.ts';
import { createAreaService } from './areas/service.ts';
import type { Config } from './config.ts';
import type { Database } from './db/client.ts';
import { RateLimitedError } from './errors.ts';
import { createEventLog } from './events/event-log.ts';
import { registerErrorHandling } from './http/error-handler.ts';
import { validatorCompiler } from './http/validation.ts';
import { registerSecurityHeaders } from './http/security-headers.ts';
import { registerWebApp } from './http/web-app.ts';
import { liveRoutes, type LiveSettings } from './hub/routes.ts';
import { problemRoutes } from './problems/routes.ts';
import { createProblemService } from './problems/service.ts';

export interface AppOptions {
  config: Config;
  db: Database;
  logger?: FastifyServerOptions['logger'];
  /** Live hub timings; tests shorten the heartbeat. */
  live?: LiveSettings;
}

/** Builds the whole app (API, live hub, web app) without listening: tests inject into it. */
export async function buildApp({ config, db, logger = false, live = {} }: AppOptions) {
  const app = Fastify({
    logger,
    bodyLimit: REQUEST_BODY_MAX_BYTES,
    // A 5xx must never leak internals; request ids tie a user's report to the log line.
    requestIdHeader: false,
    routerOptions: { ignoreTrailingSlash: true },
  });
  app.setValidatorCompiler(validatorCompiler);
  registerErrorHandling(app);

  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) => new RateLimitedError(context.after),
  });
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Andon API', version: '1', description: 'Pull the cord, swarm the problem, spread the learning.' },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'An API token made by an admin in Settings' },
          session: { type: 'apiKey', in: 'cookie', name: 'andon_session' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
  });
  await app.register(fastifySwaggerUi, {
    routePrefix: '/api/docs',
    // Swagger UI sets inline styles of its own: its pages, and only they, allow them.
    transformStaticCSP: (header) => header.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'"),
  });
  registerSecurityHeaders(app, config.publicUrl);
  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());

  const events = createEventLog();
  const accounts = createAccountService(db, { sessionDays: config.sessionDays, inviteHours: config.inviteHours });
  const areas = createAreaService(db);
  const problems = createProblemService(db, events);

  registerAuth(app, accounts, config.publicUrl);
  await app.register(accountRoutes, { accounts, publicUrl: config.publicUrl, authRateLimitPerMinute: config.authRateLimitPerMinute });
  await app.register(areaRoutes, { areas });
  await app.register(problemRoutes, { problems });
  await app.register(liveRoutes, { db, events, publicUrl: config.publicUrl, ...live });

  app.get('/healthz', { schema: { hide: true } }, async () => {
    db.sqlite.prepare('select 1').get();
    return { ok: true };
  });

  await registerWebApp(app);
  return app;
}
