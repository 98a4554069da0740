import type { Queryable } from './client.ts';
import { sql } from './sql.ts';

/**
 * Takes the next number of a named counter inside the caller's transaction. The counter's row stays
 * locked until that transaction ends, so writers of the same counter take turns: numbers come out
 * in commit order, and a rollback gives its number back, so they are gap-free. (On PostgreSQL an
 * identity or sequence column would hand out numbers that commit out of order, and never give one
 * back; on SQLite writers are serialised anyway.)
 */
export async function nextValue(tx: Queryable, name: string): Promise<number> {
  const row = await tx.one<{ value: number }>(sql`insert into counters (name, value) values (${name}, 1)
    on conflict (name) do update set value = counters.value + 1 returning value`);
  if (!row) throw new Error(`counter ${name}: the upsert returned no row`);
  return row.value;
}

/** The last number handed out (0 when none was). */
export async function currentValue(db: Queryable, name: string): Promise<number> {
  return (await db.one<{ value: number }>(sql`select value from counters where name = ${name}`))?.value ?? 0;
}
