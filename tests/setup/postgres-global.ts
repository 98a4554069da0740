import type { TestProject } from 'vitest/node';
import { migrateDatabase } from '../../server/db/migrate.ts';
import { openPostgres } from '../../server/db/postgres-client.ts';
import { createDatabaseOn, startPostgresCluster, type PostgresCluster } from '../helpers/postgres.ts';

declare module 'vitest' {
  interface ProvidedContext {
    /** The shared test cluster's maintenance database; tests make their own databases beside it. */
    postgresUrl: string;
    /** A database migrated once for the run, that in-process tests copy instead of migrating their own. */
    postgresTemplate: string;
  }
}

// One cluster for the whole run: initdb and start cost seconds, a database per test costs a fraction of one.
let cluster: PostgresCluster | undefined;

export async function setup(project: TestProject): Promise<void> {
  cluster = await startPostgresCluster();
  project.provide('postgresUrl', cluster.url());
  const template = 'andon_migrated_template';
  const db = await openPostgres(await createDatabaseOn(cluster.url(), template), { poolSize: 1 });
  await migrateDatabase(db);
  await db.close(); // a template must have no open connections while it is copied
  project.provide('postgresTemplate', template);
}

export async function teardown(): Promise<void> {
  await cluster?.stop();
  cluster = undefined;
}
