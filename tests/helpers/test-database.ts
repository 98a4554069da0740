import { inject } from 'vitest';
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
