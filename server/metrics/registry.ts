import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { pullSourceOf } from '../../shared/flow.ts';
import { OPEN_STATUSES } from '../../shared/problems.ts';
import type { Clock } from '../clock.ts';
import type { Queryable } from '../db/client.ts';
import { newestEventSeq } from '../events/store.ts';
import * as store from './store.ts';

/** A job still waiting this long after its due time has not been picked up when it should have. */
export const JOB_OVERDUE_AFTER_MS = 60_000;

/** What this instance's live hub knows: read at scrape time. */
export interface LiveView {
  connections(): number;
  /** The newest seq this instance's feed has handed on. */
  head(): number;
}

/**
 * The app's own registry (never prom-client's global one, so several apps in one process, as in
 * the tests, do not clash). Process figures are this instance's; the product-wide figures are read
 * from the database when Prometheus scrapes, so every instance answers the same for them.
 */
export function createMetrics(db: Queryable, clock: Clock) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  let live: LiveView | null = null;

  const httpRequests = new Histogram({
    name: 'andon_http_request_duration_seconds',
    help: 'HTTP requests answered, by method, route pattern and status code',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });

  new Gauge({
    name: 'andon_live_connections',
    help: 'Live websocket connections open on this instance',
    registers: [registry],
    collect() {
      this.set(live?.connections() ?? 0);
    },
  });

  // prom-client collects the metrics of one scrape side by side: each reads what it needs itself.
  new Gauge({
    name: 'andon_events_newest_seq',
    help: 'Newest event seq committed (product-wide)',
    registers: [registry],
    async collect() {
      this.set(await newestEventSeq(db));
    },
  });
  new Gauge({
    name: 'andon_live_hub_behind_events',
    help: 'Events committed that this instance\'s live hub has not handed on yet',
    registers: [registry],
    async collect() {
      const newest = await newestEventSeq(db);
      this.set(live ? Math.max(0, newest - live.head()) : 0);
    },
  });

  new Counter({
    name: 'andon_pulls_total',
    help: 'Problems pulled, by area, level and source (person, api, pull-link, integration)',
    labelNames: ['area', 'level', 'source'] as const,
    registers: [registry],
    async collect() {
      const rows = await store.countPulls(db);
      this.reset();
      for (const row of rows) this.inc({ area: row.area, level: row.level, source: pullSourceOf(row.raisedByKind) }, row.count);
    },
  });

  new Gauge({
    name: 'andon_open_problems',
    help: 'Problems still to be worked, by area, level and status',
    labelNames: ['area', 'level', 'status'] as const,
    registers: [registry],
    async collect() {
      const rows = await store.countOpenProblems(db, OPEN_STATUSES);
      this.reset();
      for (const row of rows) this.set({ area: row.area, level: row.level, status: row.status }, row.count);
    },
  });

  new Gauge({
    name: 'andon_webhook_deliveries',
    help: 'Webhook deliveries kept in the outbox, by outcome (pending, delivered, failed)',
    labelNames: ['outcome'] as const,
    registers: [registry],
    async collect() {
      const rows = await store.countDeliveries(db);
      this.reset();
      for (const row of rows) this.set({ outcome: row.status }, row.count);
    },
  });

  new Gauge({
    name: 'andon_webhook_outbox_backlog',
    help: 'Webhook deliveries waiting to be sent',
    registers: [registry],
    async collect() {
      this.set((await store.outboxBacklog(db)).pending);
    },
  });
  new Gauge({
    name: 'andon_webhook_outbox_oldest_pending_seconds',
    help: 'Age of the oldest webhook delivery not sent yet (0 when none is waiting)',
    registers: [registry],
    async collect() {
      const { oldestCreatedAt } = await store.outboxBacklog(db);
      this.set(oldestCreatedAt === null ? 0 : Math.max(0, clock.now() - oldestCreatedAt) / 1000);
    },
  });

  new Gauge({
    name: 'andon_jobs_due',
    help: 'Background jobs whose time has come',
    registers: [registry],
    async collect() {
      this.set((await store.countDueJobs(db, clock.now(), JOB_OVERDUE_AFTER_MS)).due);
    },
  });
  new Gauge({
    name: 'andon_jobs_overdue',
    help: `Background jobs still waiting ${JOB_OVERDUE_AFTER_MS / 1000} s after they were due`,
    registers: [registry],
    async collect() {
      this.set((await store.countDueJobs(db, clock.now(), JOB_OVERDUE_AFTER_MS)).overdue);
    },
  });

  return {
    registry,
    /** Records one answered request under its route pattern, never the raw URL (ids would explode the series). */
    observeRequest: (method: string, route: string, statusCode: number, seconds: number): void => {
      httpRequests.observe({ method, route, status_code: String(statusCode) }, seconds);
    },
    watchLive: (view: LiveView): void => {
      live = view;
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
