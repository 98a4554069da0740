import Fastify, { type FastifyServerOptions } from 'fastify';
import fastifyCompress from '@fastify/compress';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { REQUEST_BODY_MAX_BYTES } from '../shared/limits.ts';
import { auth } from './accounts/auth-plugin.ts';
import { alertRoutes } from './alerts/routes.ts';
import { createAlertService } from './alerts/service.ts';
import { accountRoutes, signInRoutes } from './accounts/routes.ts';
import { createPasswordHasher, type PasswordCost } from './accounts/passwords.ts';
import { createAccountService } from './accounts/service.ts';
import { areaRoutes } from './areas/routes.ts';
import { createAreaService } from './areas/service.ts';
import type { Config } from './config.ts';
import { systemClock, type Clock } from './clock.ts';
import type { Database } from './db/client.ts';
import { RateLimitedError } from './errors.ts';
import { createEventLog } from './events/event-log.ts';
import { escalationRoutes } from './escalation/routes.ts';
import { ESCALATION_JOB } from './escalation/job.ts';
import { createEscalationService, escalationJob } from './escalation/service.ts';
import { flowRoutes } from './flow/routes.ts';
import { createFlowService } from './flow/service.ts';
import { errorHandling } from './http/error-handler.ts';
import { securityHeaders } from './http/security-headers.ts';
import { serializerCompiler } from './http/serialization.ts';
import { validatorCompiler } from './http/validation.ts';
import { webApp } from './http/web-app.ts';
import { liveRoutes, refusedUpgradeHangUp, type LiveSettings } from './hub/routes.ts';
import { integrationRoutes, notificationRoutes } from './integrations/routes.ts';
import { createIntegrationService } from './integrations/service.ts';
import { createMetrics } from './metrics/registry.ts';
import { metricsRoutes, requestMetrics } from './metrics/routes.ts';
import { createJobRunner, type JobRunner } from './jobs/runner.ts';
import { FLOW_ROLLUP_JOB, flowRollupJob, scheduleFlowRollup } from './flow/rollup/job.ts';
import { learningExportRoutes, learningFeedRoutes } from './learnings/feed/routes.ts';
import { createLearningFeed } from './learnings/feed/service.ts';
import { learningRoutes } from './learnings/routes.ts';
import { createLearningSearch } from './learnings/search/service.ts';
import { createLearningService } from './learnings/service.ts';
import { retentionJob, scheduleRetention } from './jobs/retention.ts';
import { historyRoutes } from './history/routes.ts';
import { createHistoryService } from './history/service.ts';
import { passwordResetRoutes, peopleRoutes } from './people/routes.ts';
import { createPeopleService } from './people/service.ts';
import { problemRoutes } from './problems/routes.ts';
import { kioskRoutes, pullLinkRoutes } from './pull-links/routes.ts';
import { createPullLinkService } from './pull-links/service.ts';
import { createProblemService } from './problems/service.ts';
import { swarmRoutes } from './swarm/routes.ts';
import { createSwarmService } from './swarm/service.ts';
import { timelineRoutes } from './timeline/routes.ts';
import { createTimelineService } from './timeline/service.ts';
import { systemResolver, type Resolver } from './webhooks/address-guard.ts';
import { createWebhookDispatcher, type WebhookDispatcher } from './webhooks/dispatcher.ts';
import { webhookRoutes } from './webhooks/routes.ts';
import { WEBHOOK_TIMEOUT_MS } from './webhooks/sender.ts';
import { createWebhookService } from './webhooks/service.ts';

export interface AppOptions {
  config: Config;
  db: Database;
  logger?: FastifyServerOptions['logger'];
  /** Live hub timings; tests shorten the heartbeat. */
  live?: LiveSettings;
  /** Where the time comes from; tests move it on by hand. */
  clock?: Clock;
  /** Run due background jobs on a timer (off in tests that run them by hand with `app.jobs.runDue()`). */
  runJobs?: boolean;
  /** Webhook sending: tests shorten the timeout and swap DNS (to play a rebinding attack). */
  webhookSending?: { timeoutMs?: number; resolve?: Resolver };
  /**
   * The scrypt cost of new password hashes. In-process tests lower it: at the production cost each
   * hash is a tenth of a second on three threads, and a test run makes thousands.
   */
  passwordCost?: PasswordCost;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Background jobs, for tests and operators to run by hand. */
    jobs: JobRunner;
    /** The webhooks' outbox, for tests to fill and send by hand with `app.webhooks.runDue()`. */
    webhooks: WebhookDispatcher;
  }
}

/**
 * Builds the whole app (API, live hub, web app) without listening: tests inject into it.
 * Plugins load in order: external ones, then the app's cross-cutting ones (on the root, via
 * fastify-plugin), then the routes. Which routes need a caller is decided by the context they are
 * registered in, never by their URL.
 */
export async function buildApp({ config, db, logger = false, live = {}, clock = systemClock, runJobs = true, webhookSending = {}, passwordCost }: AppOptions) {
  const app = Fastify({
    logger,
    bodyLimit: REQUEST_BODY_MAX_BYTES,
    // A 5xx must never leak internals; request ids tie a user's report to the log line.
    requestIdHeader: false,
    routerOptions: { ignoreTrailingSlash: true },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  // External plugins.
  // Every text answer (API JSON, the page, its scripts and styles) in brotli or gzip, whichever the
  // browser takes; the live websocket is an upgrade, never a reply, so it is left as it is.
  await app.register(fastifyCompress, { encodings: ['br', 'gzip'] });
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

  const events = createEventLog();
  const passwords = createPasswordHasher(passwordCost);
  const accounts = createAccountService(db, { sessionDays: config.sessionDays, inviteHours: config.inviteHours }, clock, events, passwords);
  const areas = createAreaService(db, clock);
  const problems = createProblemService(db, events, clock);
  const swarm = createSwarmService(db, events, clock);
  const timeline = createTimelineService(db, events, clock);
  const escalation = createEscalationService(db, events, clock);
  const people = createPeopleService(db, events, clock, passwords);
  const history = createHistoryService(db);
  const learnings = createLearningService(db, events, clock);
  const learningSearch = createLearningSearch(db, clock);
  const alerts = createAlertService(db, clock);
  const pullLinks = createPullLinkService(db, problems, clock);
  const metrics = createMetrics(db, clock);
  const flow = createFlowService(db, clock);

  const logError = (err: unknown, message: string) => app.log.error({ err }, message);
  const jobs: JobRunner = createJobRunner(db, {
    retention: retentionJob(clock, () => jobs, (pruned) => app.log.info({ pruned }, 'pruned old records')),
    [ESCALATION_JOB]: escalationJob(events, clock),
    [FLOW_ROLLUP_JOB.kind]: flowRollupJob(clock, () => jobs),
  }, { clock, logError });
  app.decorate('jobs', jobs);
  app.addHook('onReady', async () => {
    await db.transaction(async (tx) => {
      await scheduleRetention(tx, jobs, clock);
      await scheduleFlowRollup(tx, jobs, clock);
    });
    if (runJobs) jobs.start();
  });
  app.addHook('onClose', () => jobs.stop());
  const { publicUrl } = config;

  // Webhook links need an absolute origin: PUBLIC_URL, or where this instance listens.
  const publicBase = publicUrl?.origin ?? `http://${config.host}:${config.port}`;
  const learningFeed = createLearningFeed(db, clock, publicBase);
  const guard = { allowPrivate: config.webhookAllowPrivate, resolve: webhookSending.resolve ?? systemResolver };
  const webhooks = createWebhookService(db, clock, guard);
  const dispatcher = createWebhookDispatcher(db, { ...guard, clock, publicBase, events, timeoutMs: webhookSending.timeoutMs ?? WEBHOOK_TIMEOUT_MS, logError });
  app.decorate('webhooks', dispatcher);
  events.subscribe(() => dispatcher.nudge());
  app.addHook('onReady', async () => {
    if (runJobs) dispatcher.start();
  });
  app.addHook('onClose', () => dispatcher.stop());
  const integrations = createIntegrationService(db, events, clock, publicBase);

  // The app's cross-cutting plugins, for every route.
  await app.register(errorHandling);
  await app.register(requestMetrics, { metrics });
  await app.register(securityHeaders, { publicUrl });
  await app.register(refusedUpgradeHangUp);
  await app.register(auth, { accounts, publicUrl });

  // Public routes. Liveness: the process answers. Readiness: it can reach its database (what a load balancer asks).
  app.get('/healthz', { schema: { hide: true } }, async () => ({ ok: true }));
  app.get('/readyz', { schema: { hide: true } }, async (_request, reply) => {
    try {
      await db.ping();
      return { ok: true };
    } catch (error) {
      app.log.warn({ err: error }, 'readiness check: the database does not answer');
      return reply.code(503).send({ error: { code: 'database_unavailable', message: 'The database does not answer', details: [] } });
    }
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  // Guarded by its own token (Prometheus has no session), so not in the authenticated context.
  await app.register(metricsRoutes, { metrics, token: config.metricsToken });
  await app.register(async function publicApi(api) {
    api.addHook('onRequest', api.refuseCrossSiteWrites);
    await api.register(signInRoutes, { accounts, publicUrl, authRateLimitPerMinute: config.authRateLimitPerMinute });
    await api.register(passwordResetRoutes, { people, publicUrl, authRateLimitPerMinute: config.authRateLimitPerMinute });
    await api.register(kioskRoutes, { pullLinks, rateLimit: config.pullLinkRateLimit });
    await api.register(learningFeedRoutes, { feed: learningFeed });
  });
  // Monitors post here with their integration's own token: no session, no API token.
  await app.register(notificationRoutes, { integrations, clock });

  // Routes that need a session or an API token: a new capability's routes are registered here.
  await app.register(async function authenticatedApi(api) {
    api.addHook('onRequest', api.authenticate);
    await api.register(accountRoutes, { accounts, publicUrl });
    await api.register(peopleRoutes, { people, publicUrl, authRateLimitPerMinute: config.authRateLimitPerMinute });
    await api.register(historyRoutes, { history });
    await api.register(alertRoutes, { alerts });
    await api.register(areaRoutes, { areas });
    await api.register(problemRoutes, { problems });
    await api.register(swarmRoutes, { swarm });
    await api.register(timelineRoutes, { timeline });
    await api.register(escalationRoutes, { escalation });
    await api.register(webhookRoutes, { webhooks });
    await api.register(integrationRoutes, { integrations });
    await api.register(learningRoutes, { learnings, search: learningSearch });
    await api.register(pullLinkRoutes, { pullLinks, publicUrl });
    await api.register(learningExportRoutes, { feed: learningFeed });
    await api.register(flowRoutes, { flow });
    await api.register(liveRoutes, { db, events, publicUrl, credentialHolds: (credential) => accounts.credentialHolds(credential), ...live, watch: metrics.watchLive });
  });

  // Public too; its catch-all gets only the paths no other route matches.
  await app.register(webApp);
  return app;
}
