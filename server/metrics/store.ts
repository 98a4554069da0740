import type { Queryable } from '../db/client.ts';
import { sql } from '../db/sql.ts';
import type { ActorKind } from '../../shared/accounts.ts';
import type { Level, Status } from '../../shared/problems.ts';
import type { DeliveryStatus } from '../../shared/webhooks.ts';

// Product-wide figures for /metrics, read at scrape time: every instance answers the same numbers.

export interface PullCount {
  area: string;
  level: Level;
  raisedByKind: ActorKind;
  count: number;
}

export function countPulls(db: Queryable): Promise<PullCount[]> {
  return db.all<PullCount>(sql`select areas.slug as area, problems.level, problems.raised_by_kind, count(*) as count
    from problems join areas on areas.id = problems.area_id
    group by areas.slug, problems.level, problems.raised_by_kind`);
}

export interface OpenProblemCount {
  area: string;
  level: Level;
  status: Status;
  count: number;
}

export function countOpenProblems(db: Queryable, openStatuses: readonly Status[]): Promise<OpenProblemCount[]> {
  return db.all<OpenProblemCount>(sql`select areas.slug as area, problems.level, problems.status, count(*) as count
    from problems join areas on areas.id = problems.area_id
    where problems.status in (${sql.join(openStatuses)})
    group by areas.slug, problems.level, problems.status`);
}

export function countDeliveries(db: Queryable): Promise<Array<{ status: DeliveryStatus; count: number }>> {
  return db.all(sql`select status, count(*) as count from webhook_deliveries group by status`);
}

/** The outbox backlog: deliveries still to be sent, and when the oldest of them was made. */
export async function outboxBacklog(db: Queryable): Promise<{ pending: number; oldestCreatedAt: number | null }> {
  const row = await db.one<{ pending: number; oldestCreatedAt: number | null }>(sql`select count(*) as pending,
    min(created_at) as oldest_created_at from webhook_deliveries where status = 'pending'`);
  return { pending: row?.pending ?? 0, oldestCreatedAt: row?.oldestCreatedAt ?? null };
}

/** Jobs whose time has come, and those of them still waiting `overdueAfterMs` later. */
export async function countDueJobs(db: Queryable, now: number, overdueAfterMs: number): Promise<{ due: number; overdue: number }> {
  const row = await db.one<{ due: number; overdue: number }>(sql`select count(*) as due,
    coalesce(sum(case when due_at <= ${now - overdueAfterMs} then 1 else 0 end), 0) as overdue
    from jobs where due_at <= ${now}`);
  return { due: row?.due ?? 0, overdue: row?.overdue ?? 0 };
}
