import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import { migrateDatabase } from '../../server/db/migrate.ts';
import type { AnyDatabase } from '../../server/db/open.ts';
import { openPostgres } from '../../server/db/postgres-client.ts';
import { openSqlite } from '../../server/db/sqlite-client.ts';
import { createDatabaseOn, dropDatabaseOn, emptyDatabase, uniqueDatabaseName } from './postgres.ts';

export type TestDatabaseKind = 'sqlite' | 'postgres';

/** Which database this Vitest project runs the integration tests on (ANDON_TEST_DB, set per project). */
export function testDatabaseKind(): TestDatabaseKind {
  const kind = process.env.ANDON_TEST_DB ?? 'sqlite';
  if (kind !== 'sqlite' && kind !== 'postgres') throw new Error(`ANDON_TEST_DB=${kind}: expected sqlite or postgres`);
  return kind;
}

/**
 * A uniquely named database on the run's shared cluster: empty, so that migrating it is the caller's
 * job, or with `migrated`, a copy of the run's template, migrated once in the global setup
 * (copying it costs a tenth of migrating).
 */
export async function freshPostgresDatabase(options: { migrated?: boolean } = {}): Promise<{ url: string; drop: () => Promise<void> }> {
  const serverUrl = inject('postgresUrl');
  if (!serverUrl) throw new Error('No PostgreSQL cluster for this test: run it in the postgres project (vitest --project postgres)');
  const name = uniqueDatabaseName();
  const url = await createDatabaseOn(serverUrl, name, options.migrated ? { template: inject('postgresTemplate') } : {});
  return { url, drop: () => dropDatabaseOn(serverUrl, name) };
}

export interface TestDatabase {
  db: AnyDatabase;
  /** postgres://… for a server process to share this database; null on SQLite (in memory). */
  url: string | null;
  close(): Promise<void>;
}

/**
 * A fresh database that outlives its connection, for tests that restart the app on it: SQLite in a
 * temporary file, or a new PostgreSQL database. `reopen()` closes the connection and opens a new one.
 */
export interface RestartableDatabase {
  db: AnyDatabase;
  /** postgres://… for another instance to open; null on SQLite (another instance shares `db`). */
  url: string | null;
  reopen(): Promise<AnyDatabase>;
  close(): Promise<void>;
}

export async function openRestartableDatabase(): Promise<RestartableDatabase> {
  if (testDatabaseKind() === 'sqlite') {
    const dir = mkdtempSync(path.join(tmpdir(), 'andon-test-'));
    const file = path.join(dir, 'andon.db');
    const state = { db: openSqlite(file) as AnyDatabase };
    await migrateDatabase(state.db);
    return {
      get db() { return state.db; },
      url: null,
      async reopen() {
        await state.db.close();
        state.db = openSqlite(file);
        return state.db;
      },
      async close() {
        await state.db.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const fresh = await freshPostgresDatabase({ migrated: true });
  const state = { db: (await openPostgres(fresh.url, { poolSize: 5 })) as AnyDatabase };
  await migrateDatabase(state.db);
  return {
    get db() { return state.db; },
    url: fresh.url,
    async reopen() {
      await state.db.close();
      state.db = await openPostgres(fresh.url, { poolSize: 5 });
      return state.db;
    },
    async close() {
      await state.db.close();
      await fresh.drop();
    },
  };
}

/** A fresh, migrated database of this project's kind: SQLite in memory, or an empty PostgreSQL database. */
export async function openTestDatabase(): Promise<TestDatabase> {
  if (testDatabaseKind() === 'sqlite') {
    const db = openSqlite(':memory:');
    await migrateDatabase(db);
    return { db, url: null, close: () => db.close() };
  }
  const database = emptiedDatabases.pop() ?? (await freshPostgresDatabase({ migrated: true }));
  const db = await openPostgres(database.url, { poolSize: 10 });
  return {
    db,
    url: database.url,
    async close() {
      await db.close();
      await putBack(database);
    },
  };
}

/**
 * Migrated PostgreSQL databases a test of this process has closed, emptied for the next one:
 * deleting their few rows takes about 10 ms, where copying the template and dropping the copy took
 * 250–1,000 ms of every PostgreSQL test on a busy machine. Emptied means as the template left it:
 * no row in any table (the migrations add none), every sequence back at its start.
 */
const emptiedDatabases: Array<{ url: string; drop: () => Promise<void> }> = [];

async function putBack(database: { url: string; drop: () => Promise<void> }): Promise<void> {
  // A connection the test left open holding a lock (a server process it did not stop) must not
  // stall the next test: such a database is dropped instead, as every database used to be.
  if (await emptyDatabase(database.url, { lockTimeoutMs: 2_000 })) emptiedDatabases.push(database);
  else await database.drop();
}
