import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { freshPostgresDatabase, testDatabaseKind } from './helpers/test-database.ts';

// This tests the harness itself, so it may use the driver; product tests go through stores or the API.
async function queryOne<T>(url: string, sql: string): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows[0] as T;
  } finally {
    await client.end();
  }
}

// A plain branch rather than runIf: each project runs its own tests and reports none as skipped.
if (testDatabaseKind() === 'postgres') {
  describe('the PostgreSQL test cluster', () => {
    const drops: Array<() => Promise<void>> = [];
    afterAll(() => Promise.all(drops.map((drop) => drop())));

    it('serves PostgreSQL 14 or newer', async () => {
      const db = await freshPostgresDatabase();
      drops.push(db.drop);
      const { version } = await queryOne<{ version: string }>(db.url, 'select version()');
      expect(Number(/^PostgreSQL (\d+)/.exec(version)?.[1])).toBeGreaterThanOrEqual(14);
    });

    it('gives each caller its own database', async () => {
      const [a, b] = await Promise.all([freshPostgresDatabase(), freshPostgresDatabase()]);
      drops.push(a.drop, b.drop);
      expect(a.url).not.toBe(b.url);
      await queryOne(a.url, 'create table marker (id int)');
      const seen = await queryOne<{ count: string }>(b.url, "select count(*) from pg_tables where tablename = 'marker'");
      expect(Number(seen.count)).toBe(0);
    });
  });
} else {
  describe('the SQLite project', () => {
    it('runs the integration tests on SQLite', () => {
      expect(testDatabaseKind()).toBe('sqlite');
    });
  });
}
