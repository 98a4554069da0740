// One throwaway PostgreSQL cluster for the whole run, started the first time a phase needs it: initdb
// and start cost seconds, a fresh database per server costs a fraction of one.
import pg from 'pg';
import { startPostgresCluster, type PostgresCluster } from '../../tests/helpers/postgres.ts';

export interface BenchPostgres {
  /** DATABASE_URL of a new, empty database: every measured server starts on one, as Andon on SQLite starts on a fresh file. */
  freshDatabase(): Promise<string>;
  /** e.g. "PostgreSQL 15.14, fsync on", once the cluster is up; null before. */
  describe(): string | null;
  stop(): Promise<void>;
}

export function benchPostgres(): BenchPostgres {
  let cluster: Promise<PostgresCluster> | null = null;
  let description: string | null = null;

  async function start(): Promise<PostgresCluster> {
    // durable: fsync and synchronous_commit stay on, so a 201 from Andon on PostgreSQL is on disk, as on SQLite.
    const started = await startPostgresCluster({ durable: true });
    // The harness reads the cluster's own settings, which no Andon API shows, to print beside the figures.
    const client = new pg.Client({ connectionString: started.url() });
    await client.connect();
    try {
      const { rows } = await client.query<{ version: string; fsync: string; sync: string }>(
        "select current_setting('server_version') as version, current_setting('fsync') as fsync, current_setting('synchronous_commit') as sync",
      );
      description = `PostgreSQL ${rows[0].version} (fsync ${rows[0].fsync}, synchronous_commit ${rows[0].sync})`;
    } finally {
      await client.end();
    }
    return started;
  }

  return {
    async freshDatabase() {
      cluster ??= start();
      return (await cluster).createDatabase();
    },
    describe: () => description,
    async stop() {
      if (!cluster) return;
      const pending = cluster;
      cluster = null;
      await (await pending.catch(() => null))?.stop();
    },
  };
}
