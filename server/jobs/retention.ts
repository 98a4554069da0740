import type { Clock } from '../clock.ts';
import type { Tx } from '../db/client.ts';
import { pruneEventsBefore } from '../events/store.ts';
import { IDEMPOTENCY_RETENTION_MS } from '../idempotency/idempotency.ts';
import { pruneIdempotencyRecordsBefore } from '../idempotency/store.ts';
import { PRESENCE_WINDOW_MS } from '../../shared/problems.ts';
import { prunePresenceBefore } from '../swarm/store.ts';
import { pruneFinishedDeliveriesBefore } from '../webhooks/store.ts';
import type { JobHandler, JobRunner } from './runner.ts';

/** Events are kept at least this long so a client that was away for a week can still resume. */
export const EVENT_RETENTION_MS = 8 * 86_400_000;
/** Delivered and failed webhook deliveries are kept this long for admins to look at (and redeliver). */
export const DELIVERY_RETENTION_MS = 30 * 86_400_000;
export const RETENTION_EVERY_MS = 3_600_000;
export const RETENTION_JOB = { kind: 'retention', key: 'retention' } as const;

/** Hourly pruning of what no longer needs keeping: one job for all instances, which reschedules itself. */
export function retentionJob(clock: Clock, runner: () => JobRunner, log: (pruned: Record<string, number>) => void): JobHandler {
  return async (tx: Tx) => {
    const now = clock.now();
    const pruned = {
      events: await pruneEventsBefore(tx, now - EVENT_RETENTION_MS),
      idempotencyKeys: await pruneIdempotencyRecordsBefore(tx, now - IDEMPOTENCY_RETENTION_MS),
      webhookDeliveries: await pruneFinishedDeliveriesBefore(tx, now - DELIVERY_RETENTION_MS),
      // Past the window a row shows nobody as present; a returning person is an arrival either way.
      presence: await prunePresenceBefore(tx, now - PRESENCE_WINDOW_MS),
    };
    if (Object.values(pruned).some((count) => count > 0)) log(pruned);
    await runner().schedule(tx, { ...RETENTION_JOB, payload: {}, dueAt: now + RETENTION_EVERY_MS });
  };
}

/** Makes sure the retention job exists (the first instance to start adds it; the others find it). */
export function scheduleRetention(tx: Tx, runner: JobRunner, clock: Clock): Promise<boolean> {
  return runner.schedule(tx, { ...RETENTION_JOB, payload: {}, dueAt: clock.now() });
}
