import type { Queryable } from '../db/client.ts';
import { currentValue, nextValue } from '../db/counters.ts';
import type { events } from '../db/schema/sqlite.ts';
import { sql } from '../db/sql.ts';

export type EventRow = typeof events.$inferSelect;

const EVENTS_COUNTER = 'events';

/**
 * Appends an event in the caller's transaction and answers its seq. The seq comes from a counter
 * row rather than an identity column: the row stays locked until commit, so events commit in seq
 * order, and a reader that has seen seq N never sees N-1 appear after it.
 */
export async function insertEvent(tx: Queryable, row: Omit<EventRow, 'seq'>): Promise<number> {
  const seq = await nextValue(tx, EVENTS_COUNTER);
  await tx.run(sql`insert into events (seq, name, problem_id, problem_number, area_slug, previous_area_slug, at, data)
    values (${seq}, ${row.name}, ${row.problemId}, ${row.problemNumber}, ${row.areaSlug}, ${row.previousAreaSlug}, ${row.at}, ${row.data})`);
  return seq;
}

/** Events after `afterSeq`, in order. */
export function listEventsAfter(db: Queryable, afterSeq: number, limit: number): Promise<EventRow[]> {
  return db.all<EventRow>(sql`select * from events where seq > ${afterSeq} order by seq limit ${limit}`);
}

/** The newest seq handed out (0 when none was), pruned or not. */
export function newestEventSeq(db: Queryable): Promise<number> {
  return currentValue(db, EVENTS_COUNTER);
}

/**
 * Deletes events older than `at`, but none that a registered consumer (a webhook endpoint, say)
 * has not handled yet.
 */
export function pruneEventsBefore(tx: Queryable, at: number): Promise<number> {
  return tx.run(sql`delete from events where at < ${at}
    and seq <= coalesce((select min(seq) from event_cursors), seq)`);
}

/** Registers a consumer, or moves its cursor on (never back). */
export async function saveEventCursor(tx: Queryable, consumer: string, seq: number, now: number): Promise<void> {
  await tx.run(sql`insert into event_cursors (consumer, seq, updated_at) values (${consumer}, ${seq}, ${now})
    on conflict (consumer) do update set updated_at = excluded.updated_at,
      seq = case when event_cursors.seq > excluded.seq then event_cursors.seq else excluded.seq end`);
}

export function findEventCursor(db: Queryable, consumer: string): Promise<number | undefined> {
  return db.one<{ seq: number }>(sql`select seq from event_cursors where consumer = ${consumer}`).then((row) => row?.seq);
}

export async function deleteEventCursor(tx: Queryable, consumer: string): Promise<void> {
  await tx.run(sql`delete from event_cursors where consumer = ${consumer}`);
}

/** The channel other instances LISTEN on to hear that events were committed. */
export const EVENTS_CHANNEL = 'andon_events';

/** Wakes every instance's live feed when this transaction commits (PostgreSQL; a no-op on SQLite). */
export async function notifyEventsCommitted(tx: Queryable): Promise<void> {
  // One notification per transaction is enough: listeners read what is new from the table.
  if (tx.dialect === 'postgres') await tx.run(sql`select pg_notify(${EVENTS_CHANNEL}, '')`);
}
