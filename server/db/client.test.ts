import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase, type Database } from './client.ts';

let dir: string;
let db: Database;
afterEach(() => {
  db?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function open(): Database {
  dir = mkdtempSync(path.join(tmpdir(), 'andon-db-'));
  db = openDatabase(path.join(dir, 'test.sqlite'));
  db.sqlite.exec('create table t (v integer not null unique)');
  return db;
}

describe('openDatabase', () => {
  it('opens with WAL, synchronous=FULL and foreign keys on', () => {
    open();
    expect(db.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.sqlite.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
  });
});

describe('transaction', () => {
  it('commits units that arrive together in one transaction, each isolated in its own savepoint', async () => {
    open();
    const insert = db.sqlite.prepare('insert into t (v) values (?)');
    const commits: number[] = [];
    const results = await Promise.allSettled([1, 2, 2, 3].map((v) =>
      db.transaction((tx) => {
        insert.run(v);
        tx.afterCommit(() => commits.push(v));
        return v;
      }),
    ));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    // The failed unit rolled back alone; hooks ran only for the units that committed.
    expect(db.sqlite.prepare('select v from t order by v').pluck().all()).toEqual([1, 2, 3]);
    expect(commits).toEqual([1, 2, 3]);
  });

  it('runs after-commit hooks before the caller hears back', async () => {
    open();
    let hooked = false;
    await db.transaction((tx) => tx.afterCommit(() => (hooked = true)));
    expect(hooked).toBe(true);
  });

  it('writes nothing and runs no hook when the work throws', async () => {
    open();
    let hooked = false;
    await expect(db.transaction((tx) => {
      db.sqlite.prepare('insert into t (v) values (1)').run();
      tx.afterCommit(() => (hooked = true));
      throw new Error('nope');
    })).rejects.toThrow('nope');
    expect(db.sqlite.prepare('select count(*) from t').pluck().get()).toBe(0);
    expect(hooked).toBe(false);
  });
});
