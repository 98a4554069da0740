import type { Queryable } from '../db/client.ts';
import type { webhookDeliveries, webhooks } from '../db/schema/sqlite.ts';
import { sql } from '../db/sql.ts';

export type WebhookRow = typeof webhooks.$inferSelect;
export type DeliveryRow = typeof webhookDeliveries.$inferSelect;
export type WebhookWithArea = WebhookRow & { areaSlug: string };
/** A leased delivery with what sending it needs. */
export type DueDelivery = DeliveryRow & Pick<WebhookRow, 'url' | 'secret' | 'format'>;

const withArea = sql`select webhooks.*, areas.slug as area_slug from webhooks join areas on areas.id = webhooks.area_id`;

export async function insertWebhook(tx: Queryable, row: Omit<WebhookRow, 'consecutiveFailures' | 'disabledAt' | 'deletedAt'>): Promise<void> {
  await tx.run(sql`insert into webhooks (id, area_id, format, url, secret, from_seq, consecutive_failures, created_at)
    values (${row.id}, ${row.areaId}, ${row.format}, ${row.url}, ${row.secret}, ${row.fromSeq}, 0, ${row.createdAt})`);
}

export function findWebhook(db: Queryable, id: string): Promise<WebhookWithArea | undefined> {
  return db.one<WebhookWithArea>(sql`${withArea} where webhooks.id = ${id} and webhooks.deleted_at is null`);
}

export function listWebhooksOfArea(db: Queryable, areaId: string): Promise<WebhookWithArea[]> {
  return db.all<WebhookWithArea>(sql`${withArea} where webhooks.area_id = ${areaId} and webhooks.deleted_at is null order by webhooks.created_at`);
}

/** Webhooks that events in these areas go to: live ones only. */
export function listActiveWebhooks(db: Queryable): Promise<WebhookWithArea[]> {
  return db.all<WebhookWithArea>(sql`${withArea} where webhooks.deleted_at is null and webhooks.disabled_at is null`);
}

/** Turns a disabled webhook back on with a clean failure count; deliveries still pending go out again. */
export function enableWebhook(tx: Queryable, id: string): Promise<number> {
  return tx.run(sql`update webhooks set disabled_at = null, consecutive_failures = 0 where id = ${id} and deleted_at is null`);
}

export function deleteWebhook(tx: Queryable, id: string, now: number): Promise<number> {
  return tx.run(sql`update webhooks set deleted_at = ${now} where id = ${id} and deleted_at is null`);
}

export async function insertDelivery(tx: Queryable, row: Pick<DeliveryRow, 'id' | 'webhookId' | 'eventSeq' | 'eventName' | 'problemNumber' | 'body' | 'createdAt'>): Promise<void> {
  // An event is put in a webhook's outbox once, even if two instances read the log at the same time.
  await tx.run(sql`insert into webhook_deliveries (id, webhook_id, event_seq, event_name, problem_number, body, status, attempts, next_attempt_at, created_at)
    values (${row.id}, ${row.webhookId}, ${row.eventSeq}, ${row.eventName}, ${row.problemNumber}, ${row.body}, 'pending', 0, ${row.createdAt}, ${row.createdAt})
    on conflict (webhook_id, event_seq) do nothing`);
}

/**
 * Leases due deliveries of live webhooks to `owner` and counts the attempt. A lease that ran out
 * belongs to an instance that died mid-send: the delivery is taken over (and may reach the receiver
 * twice, which is why every retry carries the same webhook-id for the receiver to drop repeats).
 */
export async function leaseDueDeliveries(tx: Queryable, owner: string, now: number, leaseUntil: number, limit: number): Promise<DueDelivery[]> {
  const skipLocked = tx.dialect === 'postgres' ? sql` for update of webhook_deliveries skip locked` : sql``;
  const leased = await tx.all<DeliveryRow>(sql`update webhook_deliveries set leased_by = ${owner}, lease_until = ${leaseUntil}, attempts = attempts + 1
    where id in (select webhook_deliveries.id from webhook_deliveries join webhooks on webhooks.id = webhook_deliveries.webhook_id
      where webhook_deliveries.status = 'pending' and webhook_deliveries.next_attempt_at <= ${now}
        and (webhook_deliveries.lease_until is null or webhook_deliveries.lease_until < ${now})
        and webhooks.disabled_at is null and webhooks.deleted_at is null
      order by webhook_deliveries.next_attempt_at limit ${limit}${skipLocked})
    returning *`);
  if (leased.length === 0) return [];
  const targets = await tx.all<Pick<WebhookRow, 'id' | 'url' | 'secret' | 'format'>>(sql`select id, url, secret, format from webhooks
    where id in (${sql.join(leased.map((d) => d.webhookId))})`);
  const byId = new Map(targets.map((t) => [t.id, t]));
  // A delivery's webhook is there (foreign key); were it gone, there would be nothing to send to.
  return leased.flatMap((d) => {
    const target = byId.get(d.webhookId);
    return target ? [{ ...d, url: target.url, secret: target.secret, format: target.format }] : [];
  });
}

export interface AttemptOutcome {
  status: 'pending' | 'delivered' | 'failed';
  responseCode: number | null;
  error: string | null;
  nextAttemptAt: number | null;
  deliveredAt: number | null;
}

/**
 * Records an attempt's outcome if `owner` still holds this lease (same attempt count); false means
 * another instance took the delivery over, and this outcome must not count.
 */
export async function recordAttempt(tx: Queryable, delivery: Pick<DeliveryRow, 'id' | 'attempts'>, owner: string, outcome: AttemptOutcome): Promise<boolean> {
  const changed = await tx.run(sql`update webhook_deliveries set status = ${outcome.status}, response_code = ${outcome.responseCode},
      error = ${outcome.error}, next_attempt_at = ${outcome.nextAttemptAt}, delivered_at = ${outcome.deliveredAt}, leased_by = null, lease_until = null
    where id = ${delivery.id} and leased_by = ${owner} and attempts = ${delivery.attempts} and status = 'pending'`);
  return changed === 1;
}

export async function noteWebhookResult(tx: Queryable, webhookId: string, succeeded: boolean, disableAt: number | null): Promise<void> {
  if (succeeded) await tx.run(sql`update webhooks set consecutive_failures = 0 where id = ${webhookId}`);
  else await tx.run(sql`update webhooks set consecutive_failures = consecutive_failures + 1, disabled_at = coalesce(disabled_at, ${disableAt}) where id = ${webhookId}`);
}

export function listDeliveries(db: Queryable, webhookId: string, limit: number): Promise<DeliveryRow[]> {
  return db.all<DeliveryRow>(sql`select * from webhook_deliveries where webhook_id = ${webhookId} order by event_seq desc limit ${limit}`);
}

export function findDelivery(db: Queryable, webhookId: string, id: string): Promise<DeliveryRow | undefined> {
  return db.one<DeliveryRow>(sql`select * from webhook_deliveries where webhook_id = ${webhookId} and id = ${id}`);
}

/** Puts a delivery back in the outbox for an admin who asked for it again, with a fresh retry schedule. */
export function requeueDelivery(tx: Queryable, id: string, now: number): Promise<number> {
  return tx.run(sql`update webhook_deliveries set status = 'pending', attempts = 0, next_attempt_at = ${now}, leased_by = null, lease_until = null,
    error = null, response_code = null, delivered_at = null where id = ${id}`);
}

/** Locks the webhooks' log cursor until commit (PostgreSQL), so instances fill the outbox one at a time. */
export async function lockOutboxCursor(tx: Queryable, consumer: string): Promise<void> {
  if (tx.dialect === 'postgres') await tx.run(sql`select seq from event_cursors where consumer = ${consumer} for update`);
}

/** The data of the problem event just before `seq`, to see what changed. */
export async function previousProblemEventData(db: Queryable, problemId: string | null, seq: number): Promise<string | undefined> {
  const row = await db.one<{ data: string }>(sql`select data from events
    where problem_id = ${problemId} and seq < ${seq} and name in ('problem.raised', 'problem.updated') order by seq desc limit 1`);
  return row?.data;
}

export async function areaNamesBySlug(db: Queryable): Promise<Map<string, string>> {
  return new Map((await db.all<{ slug: string; name: string }>(sql`select slug, name from areas`)).map((a) => [a.slug, a.name]));
}

/** A read, so an idle instance does not open a write transaction every second to find nothing. */
export async function hasDueDeliveries(db: Queryable, now: number): Promise<boolean> {
  return (await db.one(sql`select 1 as due from webhook_deliveries join webhooks on webhooks.id = webhook_deliveries.webhook_id
    where webhook_deliveries.status = 'pending' and webhook_deliveries.next_attempt_at <= ${now}
      and (webhook_deliveries.lease_until is null or webhook_deliveries.lease_until < ${now})
      and webhooks.disabled_at is null and webhooks.deleted_at is null limit 1`)) !== undefined;
}

/** Deletes finished deliveries (delivered or given up) made before `at`; a pending one is always kept. */
export function pruneFinishedDeliveriesBefore(tx: Queryable, at: number): Promise<number> {
  return tx.run(sql`delete from webhook_deliveries where status <> 'pending' and created_at < ${at}`);
}
