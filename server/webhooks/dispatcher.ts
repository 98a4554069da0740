import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock.ts';
import type { Database } from '../db/client.ts';
import type { EventLog } from '../events/event-log.ts';
import { findEventCursor, newestEventSeq } from '../events/store.ts';
import { recordAlertSent } from './alert-sent.ts';
import { fillOutbox, OUTBOX_BATCH, WEBHOOKS_CONSUMER } from './outbox.ts';
import { nextAttemptAt, parseRetryAfter } from './retry-policy.ts';
import { sendWebhook, type SendResult, type SendSettings } from './sender.ts';
import { hasDueDeliveries, leaseDueDeliveries, noteWebhookResult, recordAttempt, type AttemptOutcome, type DueDelivery } from './store.ts';

/** Longer than a send can take (the 15 s timeout), so a live sender never loses its lease mid-send. */
export const DELIVERY_LEASE_MS = 60_000;
const SEND_BATCH = 10;
const POLL_MS = 1_000;

export interface DispatcherOptions extends SendSettings {
  clock: Clock;
  /** The origin problem links point at (PUBLIC_URL). */
  publicBase: string;
  /** Where the "alert sent" timeline entries are recorded. */
  events: EventLog;
  logError?: (error: unknown, message: string) => void;
}

/** Turns what a receiver answered into the delivery's next state. */
export function outcomeOf(result: SendResult, attempts: number, now: number): AttemptOutcome & { disable: boolean } {
  if (result.kind === 'answered' && result.status >= 200 && result.status < 300) {
    return { status: 'delivered', responseCode: result.status, error: null, nextAttemptAt: null, deliveredAt: now, disable: false };
  }
  if (result.kind === 'answered' && result.status === 410) {
    return { status: 'failed', responseCode: 410, error: 'the receiver answered 410 Gone: the webhook is disabled', nextAttemptAt: null, deliveredAt: null, disable: true };
  }
  const responseCode = result.kind === 'answered' ? result.status : null;
  const error = result.kind === 'answered' ? `HTTP ${result.status}${result.bodyStart ? `: ${result.bodyStart}` : ''}` : result.error;
  const retryAfter = result.kind === 'answered' && (result.status === 429 || result.status === 503) ? parseRetryAfter(result.retryAfter, now) : null;
  const next = nextAttemptAt(attempts, now, retryAfter);
  return { status: next === null ? 'failed' : 'pending', responseCode, error, nextAttemptAt: next, deliveredAt: null, disable: false };
}

/**
 * Sends what is in the webhooks' outbox, on any instance, each delivery under a lease on its row.
 * A delivery is leased in one transaction, sent outside any transaction (a unit must never wait on
 * the network: on SQLite it would hold up everyone's commit), and its outcome recorded in another
 * transaction that counts only if the lease is still this instance's.
 */
export function createWebhookDispatcher(db: Database, options: DispatcherOptions) {
  const owner = randomUUID();
  const { clock } = options;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<number> | null = null;
  let again = false;

  async function deliver(delivery: DueDelivery): Promise<void> {
    const result = await sendWebhook({ url: delivery.url, secret: delivery.secret, id: delivery.id, body: delivery.body, at: clock.now() }, options);
    const now = clock.now();
    const { disable, ...outcome } = outcomeOf(result, delivery.attempts, now);
    await db.transaction(async (tx) => {
      if (!(await recordAttempt(tx, delivery, owner, outcome))) return; // taken over: the other instance's outcome counts
      await noteWebhookResult(tx, delivery.webhookId, outcome.status === 'delivered', disable ? now : null);
      if (outcome.status === 'delivered') await recordAlertSent(tx, options.events, delivery, now);
    });
  }

  async function runOnce(): Promise<number> {
    const now = clock.now();
    // Reads first, so an idle instance does not open a write transaction every second to find nothing.
    const cursor = await findEventCursor(db, WEBHOOKS_CONSUMER);
    if (cursor !== undefined && cursor < (await newestEventSeq(db))) {
      while ((await db.transaction((tx) => fillOutbox(tx, options.publicBase, now))) === OUTBOX_BATCH);
    }
    if (!(await hasDueDeliveries(db, now))) return 0;
    const leased = await db.transaction((tx) => leaseDueDeliveries(tx, owner, now, now + DELIVERY_LEASE_MS, SEND_BATCH));
    await Promise.all(leased.map((d) => deliver(d).catch((error: unknown) => options.logError?.(error, `webhook delivery ${d.id} failed`))));
    return leased.length;
  }

  return {
    /** Fills the outbox and sends what is due now, until nothing more is; answers how many attempts were made. */
    async runDue(): Promise<number> {
      if (running) {
        again = true;
        return running;
      }
      running = (async () => {
        let total = 0;
        try {
          for (;;) {
            again = false;
            const count = await runOnce();
            total += count;
            // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- a wake-up sets `again` while runOnce awaits, which narrowing cannot see
            if (count < SEND_BATCH && !again) return total;
          }
        } finally {
          running = null;
        }
      })();
      return running;
    },

    /** Runs soon: called when this instance commits an event, so an alert goes out within a second. */
    nudge(): void {
      if (timer) void this.runDue().catch((error: unknown) => options.logError?.(error, 'delivering webhooks failed'));
    },

    start(): void {
      timer = setInterval(() => this.nudge(), POLL_MS);
      timer.unref();
      this.nudge();
    },

    async stop(): Promise<void> {
      if (timer) clearInterval(timer);
      timer = null;
      while (running) await running.catch(() => {});
    },
  };
}

export type WebhookDispatcher = ReturnType<typeof createWebhookDispatcher>;
