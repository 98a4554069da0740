import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from './sql.ts';
import { openSqlite, type SqliteDatabase } from './sqlite-client.ts';
import { openSqliteReads, type SqliteReads } from './sqlite-reads.ts';

let dir: string;
const opened: Array<SqliteDatabase | SqliteReads> = [];
afterEach(async () => {
  for (const handle of opened.splice(0)) await handle.close();
  rmSync(dir, { recursive: true, force: true });
});

function open(): SqliteDatabase {
  dir = mkdtempSync(path.join(tmpdir(), 'andon-reads-'));
  const db = openSqlite(path.join(dir, 'test.sqlite'));
  opened.push(db);
  db.driver.exec('create table t (v integer not null unique)');
  return db;
}

// A real query that keeps SQLite busy for a good while: counting up a few million rows.
const SLOW_READ = sql`with recursive n(x) as (select 1 union all select x + 1 from n where x < 1000000) select count(*) as c from n`;

describe('reads off the event loop (SQLite)', () => {
  it('reads what was committed, on a connection of its own that writes nothing', async () => {
    const db = open();
    await db.transaction((tx) => tx.run(sql`insert into t (v) values (1), (2)`));
    expect(await db.reads.all<{ v: number }>(sql`select v from t order by v`)).toEqual([{ v: 1 }, { v: 2 }]);
    expect(await db.reads.one<{ v: number }>(sql`select v from t where v = ${2}`)).toEqual({ v: 2 });
    expect(await db.reads.one(sql`select v from t where v = ${3}`)).toBeUndefined();
    await expect(db.reads.all(sql`insert into t (v) values (3) returning v`)).rejects.toMatchObject({ code: 'SQLITE_READONLY' });
    expect(await db.all<{ v: number }>(sql`select v from t order by v`)).toEqual([{ v: 1 }, { v: 2 }]);
  });

  it('commits writes while a slow read is still running', async () => {
    const db = open();
    const order: string[] = [];
    const slow = db.reads.one<{ c: number }>(SLOW_READ).then((row) => {
      order.push('slow read');
      return row;
    });
    const written = db.transaction((tx) => tx.run(sql`insert into t (v) values (7)`)).then(() => order.push('write'));
    await Promise.all([slow, written]);
    expect(order).toEqual(['write', 'slow read']);
    expect(await slow).toEqual({ c: 1_000_000 });
  });

  it('answers a quick read while another worker is still in a slow one', async () => {
    const db = open();
    const order: string[] = [];
    const slow = db.reads.one(SLOW_READ).then(() => order.push('slow read'));
    const quick = db.reads.one(sql`select count(*) as c from t`).then(() => order.push('quick read'));
    await Promise.all([slow, quick]);
    expect(order).toEqual(['quick read', 'slow read']);
  });

  it('fails the reads of a worker that died, and starts another for the next read', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'andon-reads-'));
    const file = path.join(dir, 'later.sqlite');
    // No file yet: the worker cannot open it, so it stops, and the read it was given fails.
    const reads = openSqliteReads(file);
    opened.push(reads);
    await expect(reads.one(sql`select 1 as one`)).rejects.toThrow(/read worker stopped|unable to open/);
    opened.push(openSqlite(file));
    expect(await reads.one(sql`select 1 as one`)).toEqual({ one: 1 });
  });

  it('refuses reads once closed', async () => {
    const db = open();
    opened.length = 0;
    await db.close();
    await expect(db.reads.one(sql`select 1`)).rejects.toThrow('database is closed');
  });
});
