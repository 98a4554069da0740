import { inject } from 'vitest';
import { migrateDatabase } from '../../server/db/migrate.ts';
import type { AnyDatabase } from '../../server/db/open.ts';
import { openPostgres } from '../../server/db/postgres-client.ts';
import { openSqlite } from '../../server/db/sqlite-client.ts';
import { createDatabaseOn, dropDatabaseOn, uniqueDatabaseName } from './postgres.ts';

export type TestDatabaseKind = 'sqlite' | 'postgres';

/** Which database this Vitest project runs the integration tests on (ANDON_TEST_DB, set per project). */
export function testDatabaseKind(): TestDatabaseKind {
  const kind = process.env.ANDON_TEST_DB ?? 'sqlite';
  if (kind !== 'sqlite' && kind !== 'postgres') throw new Error(`ANDON_TEST_DB=${kind}: expected sqlite or postgres`);
  return kind;
}

/** An empty, uniquely named database on the run's shared cluster; migrating it is the caller's job. */
export async function freshPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const serverUrl = inject('postgresUrl');
  if (!serverUrl) throw new Error('No PostgreSQL cluster for this test: run it in the postgres project (vitest --project postgres)');
  const name = uniqueDatabaseName();
  const url = await createDatabaseOn(serverUrl, name);
  return { url, drop: () => dropDatabaseOn(serverUrl, name) };
}

export interface TestDatabase {
  db: AnyDatabase;
  /** postgres://… for a server process to share this database; null on SQLite (in memory). */
  url: string | null;
  close(): Promise<void>;
}

/** A fresh, migrated database of this project's kind: SQLite in memory, or a new PostgreSQL database. */
export async function openTestDatabase(): Promise<TestDatabase> {
  if (testDatabaseKind() === 'sqlite') {
    const db = openSqlite(':memory:');
    await migrateDatabase(db);
    return { db, url: null, close: () => db.close() };
  }
  const fresh = await freshPostgresDatabase();
  const db = await openPostgres(fresh.url, { poolSize: 10 });
  await migrateDatabase(db);
  return {
    db,
    url: fresh.url,
    async close() {
      await db.close();
      await fresh.drop();
    },
  };
}
