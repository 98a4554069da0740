import { fileURLToPath } from 'node:url';
import { drizzle as drizzleSqlite } from 'drizzle-orm/better-sqlite3';
import { migrate as migrateSqlite } from 'drizzle-orm/better-sqlite3/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/node-postgres';
import { migrate as migratePostgres } from 'drizzle-orm/node-postgres/migrator';
import type { PostgresDatabase } from './postgres-client.ts';
import type { SqliteDatabase } from './sqlite-client.ts';

const folder = (dialect: string) => fileURLToPath(new URL(`../../migrations/${dialect}`, import.meta.url));

/** Any fixed number: every Andon instance asks for the same advisory lock while it migrates. */
const MIGRATION_LOCK = 72_616_001;

/** `migrationsFolder`: this dialect's migrations, unless a test migrates an older database from a copy of the first of them. */
export async function migrateDatabase(db: SqliteDatabase | PostgresDatabase, migrationsFolder = folder(db.dialect)): Promise<void> {
  if (!('pool' in db)) {
    migrateSqlite(drizzleSqlite(db.driver), { migrationsFolder });
    return;
  }
  // Instances starting together on an empty database: one migrates, the others wait on the lock
  // and then find nothing left to do. The lock is the session's, so it is held on one connection.
  const client = await db.pool.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await migratePostgres(drizzlePostgres(client), { migrationsFolder });
    } finally {
      await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
}
