import { afterEach, describe, expect, it } from 'vitest';
import { nextValue } from '../server/db/counters.ts';
import { openPostgres } from '../server/db/postgres-client.ts';
import { sql } from '../server/db/sql.ts';
import { openTestDatabase, testDatabaseKind, type TestDatabase } from './helpers/test-database.ts';

// Group commit on this project's database: units that arrive while a commit is being made share
// the next one, each in a savepoint of its own.

let open: TestDatabase | undefined;
const others: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(others.splice(0).map((db) => db.close()));
  await open?.close();
  open = undefined;
});

async function database() {
  open = await openTestDatabase();
  return open.db;
}

describe('transaction()', () => {
  it('commits the units that succeed and rolls back alone the one that fails, running only the committed units’ hooks', async () => {
    const db = await database();
    const hooks: string[] = [];
    const names = ['one', 'two', 'two', 'three'];
    const results = await Promise.allSettled(names.map((name) => db.transaction(async (tx) => {
      await tx.run(sql`insert into counters (name, value) values (${`group-${name}`}, 1)`);
      tx.afterCommit(() => hooks.push(name));
      return name;
    })));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    const rows = await db.all<{ name: string }>(sql`select name from counters where name like 'group-%' order by name`);
    expect(rows.map((row) => row.name)).toEqual(['group-one', 'group-three', 'group-two']);
    expect(hooks).toEqual(['one', 'two', 'three']);
  });

  it('hands out gap-free counter values to many concurrent units, even when one of them fails', async () => {
    const db = await database();
    const outcomes = await Promise.allSettled(Array.from({ length: 60 }, (_, i) => db.transaction(async (tx) => {
      const value = await nextValue(tx, 'group-gapless');
      if (i === 7) throw new Error('this unit gives its number back');
      return value;
    })));
    const values = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
    expect(values).toHaveLength(59);
    expect([...values].sort((a, b) => a - b)).toEqual(Array.from({ length: 59 }, (_, i) => i + 1));
  });

  if (testDatabaseKind() === 'postgres') {
    it('shares one PostgreSQL transaction between units that arrive together', async () => {
      const db = await database();
      const ids = await Promise.all(Array.from({ length: 5 }, () =>
        db.transaction(async (tx) => (await tx.one<{ id: string }>(sql`select txid_current()::text as id`))?.id)));
      expect(new Set(ids).size).toBe(1);
    });

    it('never deadlocks two instances whose units take the same rows in opposite orders', async () => {
      const db = await database();
      if (!open?.url) throw new Error('expected a PostgreSQL database');
      const second = await openPostgres(open.url, { poolSize: 5 });
      others.push(second);
      await db.run(sql`insert into counters (name, value) values ('group-a', 0), ('group-b', 0)`);
      const bump = (name: string) => sql`update counters set value = value + 1 where name = ${name}`;
      // Each instance's two units share one batch: A's takes row a then b, B's takes b then a. Without
      // one write lock, each would hold the row the other waits for, and PostgreSQL would abort one.
      const unit = (on: typeof db, name: string) => on.transaction(async (tx) => tx.run(bump(name)));
      for (let round = 0; round < 5; round++) {
        await Promise.all([unit(db, 'group-a'), unit(db, 'group-b'), unit(second, 'group-b'), unit(second, 'group-a')]);
      }
      const rows = await db.all<{ value: number }>(sql`select value from counters where name in ('group-a', 'group-b')`);
      expect(rows.map((row) => row.value)).toEqual([10, 10]);
    });
  }
});
