import type { FastifyBaseLogger } from 'fastify';
import type { Database } from './db/client.ts';
import { pruneEventsBefore } from './events/store.ts';
import { IDEMPOTENCY_RETENTION_MS } from './idempotency/idempotency.ts';
import { pruneIdempotencyRecordsBefore } from './idempotency/store.ts';

/** Events are kept at least this long so a client that was away for a week can still resume. */
export const EVENT_RETENTION_MS = 8 * 86_400_000;
const EVERY_MS = 3_600_000;

/** Hourly pruning of what no longer needs keeping. */
export function startMaintenance(db: Database, log: FastifyBaseLogger) {
  async function run(): Promise<void> {
    const now = Date.now();
    const pruned = await db.transaction(({ orm }) => ({
      events: pruneEventsBefore(orm, now - EVENT_RETENTION_MS),
      idempotencyKeys: pruneIdempotencyRecordsBefore(orm, now - IDEMPOTENCY_RETENTION_MS),
    }));
    if (pruned.events || pruned.idempotencyKeys) log.info({ pruned }, 'pruned old records');
  }
  const timer = setInterval(() => void run().catch((err) => log.error({ err }, 'maintenance failed')), EVERY_MS);
  timer.unref();
  void run().catch((err) => log.error({ err }, 'maintenance failed'));
  return { stop: () => clearInterval(timer) };
}
