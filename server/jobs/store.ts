import type { Queryable } from '../db/client.ts';
import type { jobs } from '../db/schema/sqlite.ts';
import { sql } from '../db/sql.ts';

export type JobRow = typeof jobs.$inferSelect;

/** Schedules a job unless one with the same key is already pending; answers whether it did. */
export async function scheduleJob(tx: Queryable, row: Pick<JobRow, 'id' | 'kind' | 'key' | 'payload' | 'dueAt' | 'createdAt'>): Promise<boolean> {
  const added = await tx.run(sql`insert into jobs (id, kind, key, payload, due_at, attempts, created_at)
    values (${row.id}, ${row.kind}, ${row.key}, ${row.payload}, ${row.dueAt}, 0, ${row.createdAt})
    on conflict (key) do nothing`);
  return added === 1;
}

/**
 * Leases up to `limit` due jobs to `owner` until `leaseUntil`. A job is due when its time has come
 * and nobody holds a live lease on it: a lease that ran out belongs to an instance that died or
 * hung, and the job is taken over. On PostgreSQL, SKIP LOCKED lets instances claim side by side
 * without waiting on each other's rows; on SQLite the write transaction already serialises them.
 */
export async function leaseDueJobs(tx: Queryable, owner: string, now: number, leaseUntil: number, limit: number): Promise<JobRow[]> {
  const skipLocked = tx.dialect === 'postgres' ? sql` for update skip locked` : sql``;
  return tx.all<JobRow>(sql`update jobs set leased_by = ${owner}, lease_until = ${leaseUntil}, attempts = attempts + 1
    where id in (select id from jobs where due_at <= ${now} and (lease_until is null or lease_until < ${now})
      order by due_at limit ${limit}${skipLocked})
    returning *`);
}

/**
 * Removes a job that `owner` still holds under this lease, in the transaction that did its work:
 * false means the lease ran out and someone else took the job over, so this work must roll back.
 */
export async function completeJob(tx: Queryable, job: Pick<JobRow, 'id' | 'attempts'>, owner: string): Promise<boolean> {
  return (await tx.run(sql`delete from jobs where id = ${job.id} and leased_by = ${owner} and attempts = ${job.attempts}`)) === 1;
}

/** Puts a failed job back, due again at `dueAt`, with what went wrong. */
export async function retryJob(tx: Queryable, job: Pick<JobRow, 'id' | 'attempts'>, owner: string, dueAt: number, error: string): Promise<void> {
  await tx.run(sql`update jobs set leased_by = null, lease_until = null, due_at = ${dueAt}, last_error = ${error}
    where id = ${job.id} and leased_by = ${owner} and attempts = ${job.attempts}`);
}

export function findJobByKey(db: Queryable, key: string): Promise<JobRow | undefined> {
  return db.one<JobRow>(sql`select * from jobs where key = ${key}`);
}

/**
 * Drops the pending job under `key`, whoever may hold it: an instance that leased it then fails to
 * complete it and its work rolls back, so a replaced job never runs.
 */
export async function cancelJob(tx: Queryable, key: string): Promise<void> {
  await tx.run(sql`delete from jobs where key = ${key}`);
}
