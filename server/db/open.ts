import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { PostgresDatabase } from './postgres-client.ts';
import { openPostgres } from './postgres-client.ts';
import { openSqlite, type SqliteDatabase } from './sqlite-client.ts';

export type AnyDatabase = SqliteDatabase | PostgresDatabase;

export interface DatabaseSettings {
  /** postgres://… to run on PostgreSQL; null for SQLite in `dataDir`. */
  databaseUrl: URL | null;
  dataDir: string;
  databasePoolSize: number;
}

/** Opens the database the settings name; the caller migrates it. */
export async function openConfiguredDatabase(
  settings: DatabaseSettings,
  logError?: (error: unknown, message: string) => void,
): Promise<AnyDatabase> {
  if (settings.databaseUrl) return openPostgres(settings.databaseUrl.href, { poolSize: settings.databasePoolSize, logError });
  mkdirSync(settings.dataDir, { recursive: true });
  return openSqlite(path.join(settings.dataDir, 'andon.sqlite'), { logError });
}
