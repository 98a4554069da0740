import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from './sql.ts';
import { openSqlite, type SqliteDatabase } from './sqlite-client.ts';

let dir: string;
let db: SqliteDatabase;
afterEach(async () => {
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- unassigned if the first test failed before opening it
  await db?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function open(): SqliteDatabase {
  dir = mkdtempSync(path.join(tmpdir(), 'andon-db-'));
  db = openSqlite(path.join(dir, 'test.sqlite'));
  db.driver.exec('create table t (v integer not null unique)');
  return db;
}
const values = async () => (await db.all<{ v: number }>(sql`select v from t order by v`)).map((row) => row.v);

describe('openDatabase', () => {
  it('opens with WAL, synchronous=FULL and foreign keys on', () => {
    open();
    expect(db.driver.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.driver.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.driver.pragma('foreign_keys', { simple: true })).toBe(1);
  });
});

describe('transaction', () => {
  it('commits units that arrive together in one transaction, each isolated in its own savepoint', async () => {
    open();
    const commits: number[] = [];
    const results = await Promise.allSettled([1, 2, 2, 3].map((v) =>
      db.transaction(async (tx) => {
        await tx.run(sql`insert into t (v) values (${v})`);
        tx.afterCommit(() => commits.push(v));
        return v;
      }),
    ));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    // The failed unit rolled back alone; hooks ran only for the units that committed.
    expect(await values()).toEqual([1, 2, 3]);
    expect(commits).toEqual([1, 2, 3]);
  });

  it('runs after-commit hooks before the caller hears back', async () => {
    open();
    let hooked = false;
    await db.transaction(async (tx) => tx.afterCommit(() => (hooked = true)));
    expect(hooked).toBe(true);
  });

  it('writes nothing and runs no hook when the work throws', async () => {
    open();
    let hooked = false;
    await expect(db.transaction(async (tx) => {
      await tx.run(sql`insert into t (v) values (1)`);
      tx.afterCommit(() => (hooked = true));
      throw new Error('nope');
    })).rejects.toThrow('nope');
    expect(await values()).toEqual([]);
    expect(hooked).toBe(false);
  });
});
