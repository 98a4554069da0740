import type { FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import fastifyWebsocket from '@fastify/websocket';
import fp from 'fastify-plugin';
import { LIVE_MAX_FRAME_BYTES, LiveQuery } from '../../shared/live.ts';
import type { Database } from '../db/client.ts';
import { principalOf } from '../accounts/auth-plugin.ts';
import { ForbiddenError } from '../errors.ts';
import type { EventLog } from '../events/event-log.ts';
import { comesFromAppOrigin } from '../http/origin.ts';
import { EVENTS_CHANNEL } from '../events/store.ts';
import { createEventFeed, type FeedOptions } from './event-feed.ts';
import { databaseEventSource } from './event-source.ts';
import type { Credential } from './connection.ts';
import { createHub, type HubOptions } from './hub.ts';
import { releaseUpgradeRequest } from './release-upgrade-request.ts';
import type { LiveView } from '../metrics/registry.ts';

export interface LiveSettings extends HubOptions, Pick<FeedOptions, 'pollMs' | 'recentEvents'> {
  /** How long shutdown waits for clients to answer the 1001 close before dropping them. */
  closeGraceMs?: number;
}

export interface LiveRoutesOptions extends LiveSettings, Pick<HubOptions, 'credentialHolds'> {
  db: Database;
  events: EventLog;
  publicUrl: URL | null;
  /** Hands the metrics a view of this instance's hub (connections, how far its feed has got). */
  watch?: (view: LiveView) => void;
}

/**
 * Browsers send cookies on cross-site websocket upgrades and never apply CORS to them, so the
 * Origin is what stops another site from reading a signed-in user's stream. API tokens are not
 * ambient, so token clients (scripts, no Origin) may connect without one.
 */
function refuseForeignOrigin(publicUrl: URL | null) {
  return async (request: FastifyRequest): Promise<void> => {
    const viaCookie = request.headers.authorization === undefined;
    if (request.headers.origin === undefined && !viaCookie) return;
    if (!comesFromAppOrigin(request, publicUrl)) {
      throw new ForbiddenError('origin_refused', 'The live connection must be opened from Andon\'s own pages (Origin mismatch)');
    }
  };
}

/** What the connection was authenticated with, so it can be closed when that ends. */
function credentialOf(request: FastifyRequest): Credential {
  const principal = principalOf(request);
  return principal.kind === 'user'
    ? { kind: 'session', userId: principal.id, sessionHash: principal.sessionHash }
    : { kind: 'token', tokenId: principal.id };
}

/**
 * Once the server listens for upgrades, every upgrade attempt that gets an HTTP answer instead
 * (401, 403, 400, or any other route's answer) leaves a raw TCP socket no HTTP parser owns any
 * more: end it, or it lingers until the client leaves and holds up `app.close()`.
 */
async function endRefusedUpgrade(request: FastifyRequest): Promise<void> {
  const { upgrade, connection } = request.headers;
  if (upgrade !== undefined && /\bupgrade\b/i.test(connection ?? '')) request.raw.socket.destroy();
}

/**
 * Hangs up on every refused upgrade, whichever route (or the 404 handler) answered it: made with
 * fastify-plugin so the hook lands on the root, not in a context of its own.
 */
export const refusedUpgradeHangUp = fp(async (app) => {
  app.addHook('onResponse', endRefusedUpgrade);
}, { name: 'refused-upgrade-hang-up' });

/**
 * `GET /api/live`: the websocket that streams committed events, resumable by seq. Register it inside
 * the authenticated context, so the caller is known before the handshake. Encapsulated like any
 * routes plugin, which also keeps the websocket plugin to this route alone; fastify-plugin only adds
 * the boot-time check that the guard and the hang-up above are in place.
 */
export const liveRoutes = fp<LiveRoutesOptions>(async (fastify, opts) => {
  const logError = (err: unknown, message: string) => fastify.log.error({ err }, message);
  const source = databaseEventSource(opts.db);
  const feed = createEventFeed(source, { pollMs: opts.pollMs, recentEvents: opts.recentEvents, logError });
  await feed.start();
  const hub = createHub(feed, source, { heartbeatIntervalMs: opts.heartbeatIntervalMs, credentialHolds: opts.credentialHolds, logError });
  feed.subscribe((event) => hub.broadcast(event));
  opts.watch?.({ connections: () => hub.connectionCount, head: () => feed.head });
  const stopOffering = opts.events.subscribe((event) => feed.offer(event));
  const stopListening = await opts.db.listen(EVENTS_CHANNEL, () => feed.wake());

  await fastify.register(fastifyWebsocket, {
    // clientTracking off: the hub keeps its own set, one fewer entry per idle connection.
    options: { maxPayload: LIVE_MAX_FRAME_BYTES, perMessageDeflate: false, clientTracking: false },
    preClose: async () => {
      stopOffering();
      await stopListening();
      feed.stop();
      await hub.close(opts.closeGraceMs);
    },
  });

  fastify.withTypeProvider<TypeBoxTypeProvider>().get('/api/live', {
    websocket: true,
    schema: { querystring: LiveQuery },
    onRequest: refuseForeignOrigin(opts.publicUrl),
  }, (socket, request) => {
    const since = request.query.since;
    const credential = credentialOf(request);
    releaseUpgradeRequest(socket, request);
    hub.accept(socket, since === undefined ? undefined : Number(since), credential);
  });
}, { name: 'live-routes', encapsulate: true, dependencies: ['auth', 'refused-upgrade-hang-up'] });
