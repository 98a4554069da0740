import { asc, gt, lt, max, min, sql } from 'drizzle-orm';
import type { Orm } from '../db/client.ts';
import { placeholders, preparedStatements } from '../db/prepared.ts';
import { events } from '../db/schema.ts';

export type EventRow = typeof events.$inferSelect;

const statements = preparedStatements((orm) => ({
  insert: orm
    .insert(events)
    .values(placeholders('name', 'problemId', 'problemNumber', 'areaSlug', 'previousAreaSlug', 'at', 'data'))
    .returning({ seq: events.seq })
    .prepare(),
}));

export function insertEvent(orm: Orm, row: Required<Omit<typeof events.$inferInsert, 'seq'>>): number {
  return statements(orm).insert.get(row)!.seq;
}

export function listEventsAfter(orm: Orm, afterSeq: number, limit: number): EventRow[] {
  return orm.select().from(events).where(gt(events.seq, afterSeq)).orderBy(asc(events.seq)).limit(limit).all();
}

/** Oldest kept and newest written sequence numbers (0 when none was ever written). */
export function eventBounds(orm: Orm): { oldest: number; newest: number } {
  const kept = orm.select({ oldest: min(events.seq), newest: max(events.seq) }).from(events).get();
  // After pruning everything, sqlite_sequence still remembers the last number handed out.
  const issued = orm.get<{ seq: number } | undefined>(sql`select seq from sqlite_sequence where name = 'events'`);
  const newest = Math.max(kept?.newest ?? 0, issued?.seq ?? 0);
  return { oldest: kept?.oldest ?? newest + 1, newest };
}

export function pruneEventsBefore(orm: Orm, at: number): number {
  return orm.delete(events).where(lt(events.at, at)).run().changes;
}
