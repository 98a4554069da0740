import type { TestProject } from 'vitest/node';
import { startPostgresCluster, type PostgresCluster } from '../helpers/postgres.ts';

declare module 'vitest' {
  interface ProvidedContext {
    /** The shared test cluster's maintenance database; tests make their own databases beside it. */
    postgresUrl: string;
  }
}

// One cluster for the whole run: initdb and start cost seconds, a database per test costs a fraction of one.
let cluster: PostgresCluster | undefined;

export async function setup(project: TestProject): Promise<void> {
  cluster = await startPostgresCluster();
  project.provide('postgresUrl', cluster.url());
}

export async function teardown(): Promise<void> {
  await cluster?.stop();
  cluster = undefined;
}
