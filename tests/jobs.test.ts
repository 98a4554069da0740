import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../server/db/client.ts';
import { currentValue, nextValue } from '../server/db/counters.ts';
import { openPostgres } from '../server/db/postgres-client.ts';
import { insertEvent, listEventsAfter, pruneEventsBefore, saveEventCursor } from '../server/events/store.ts';
import { createJobRunner, JOB_LEASE_MS, type JobHandler } from '../server/jobs/runner.ts';
import { completeJob, findJobByKey, leaseDueJobs } from '../server/jobs/store.ts';
import { TestClock } from './helpers/app.ts';
import { openTestDatabase, type TestDatabase } from './helpers/test-database.ts';

let database: TestDatabase;
let second: Database | null = null;
let clock: TestClock;
beforeEach(async () => {
  database = await openTestDatabase();
  clock = new TestClock();
});
afterEach(async () => {
  await second?.close();
  second = null;
  await database.close();
});

/** Counts each run of a job under its key, so a job done twice shows as 2. */
const countRuns: JobHandler = async (tx, _payload, job) => {
  await nextValue(tx, `ran:${job.key}`);
};
const runsOf = (key: string) => currentValue(database.db, `ran:${key}`);

/** Another instance on the same database: a second connection pool on PostgreSQL, the same file on SQLite. */
async function anotherInstance(): Promise<Database> {
  if (!database.url) return database.db;
  second = await openPostgres(database.url, { poolSize: 5 });
  return second;
}

describe('background jobs', () => {
  it('runs a job when it comes due, not before, and only once', async () => {
    const runner = createJobRunner(database.db, { count: countRuns }, { clock });
    await database.db.transaction((tx) => runner.schedule(tx, { kind: 'count', key: 'later', payload: {}, dueAt: clock.now() + 60_000 }));
    expect(await runner.runDue()).toBe(0);
    clock.advance(60_000);
    expect(await runner.runDue()).toBe(1);
    expect(await runner.runDue()).toBe(0);
    expect(await runsOf('later')).toBe(1);
    expect(await findJobByKey(database.db, 'later')).toBeUndefined();
  });

  it('keeps one pending job per key', async () => {
    const runner = createJobRunner(database.db, { count: countRuns }, { clock });
    const added = await database.db.transaction(async (tx) => [
      await runner.schedule(tx, { kind: 'count', key: 'once', payload: {}, dueAt: clock.now() }),
      await runner.schedule(tx, { kind: 'count', key: 'once', payload: {}, dueAt: clock.now() }),
    ]);
    expect(added).toEqual([true, false]);
  });

  it('does each job exactly once when two instances run due jobs at the same moment', async () => {
    const a = createJobRunner(database.db, { count: countRuns }, { clock });
    const b = createJobRunner(await anotherInstance(), { count: countRuns }, { clock });
    const keys = Array.from({ length: 60 }, (_, i) => `job-${i}`);
    await database.db.transaction(async (tx) => {
      for (const key of keys) await a.schedule(tx, { kind: 'count', key, payload: {}, dueAt: clock.now() });
    });
    const [ranOnA, ranOnB] = await Promise.all([a.runDue(), b.runDue()]);
    expect(ranOnA + ranOnB).toBe(keys.length);
    expect(await Promise.all(keys.map(runsOf))).toEqual(keys.map(() => 1));
  });

  it('takes over a job whose instance died holding it, once its lease has run out', async () => {
    const runner = createJobRunner(database.db, { count: countRuns }, { clock });
    await database.db.transaction((tx) => runner.schedule(tx, { kind: 'count', key: 'orphan', payload: {}, dueAt: clock.now() }));
    // An instance leases the job and dies before doing it.
    const [leased] = await database.db.transaction((tx) => leaseDueJobs(tx, 'dead instance', clock.now(), clock.now() + JOB_LEASE_MS, 10));
    expect(leased.key).toBe('orphan');

    clock.advance(JOB_LEASE_MS / 2);
    expect(await runner.runDue()).toBe(0); // still someone else's
    clock.advance(JOB_LEASE_MS);
    expect(await runner.runDue()).toBe(1);
    expect(await runsOf('orphan')).toBe(1);
  });

  it('refuses to complete a job for an instance whose lease was taken over, so the job is done once', async () => {
    const runner = createJobRunner(database.db, { count: countRuns }, { clock });
    await database.db.transaction((tx) => runner.schedule(tx, { kind: 'count', key: 'contested', payload: {}, dueAt: clock.now() }));
    // A stalled instance leased it long ago; its lease ran out and this runner did the job.
    const [stale] = await database.db.transaction((tx) => leaseDueJobs(tx, 'stalled instance', clock.now(), clock.now() + JOB_LEASE_MS, 10));
    clock.advance(JOB_LEASE_MS + 1);
    expect(await runner.runDue()).toBe(1);
    // When the stalled one wakes up, its completion (which its work commits with) finds the job is gone.
    expect(await database.db.transaction((tx) => completeJob(tx, stale, 'stalled instance'))).toBe(false);
    expect(await runsOf('contested')).toBe(1);
  });

  it('retries a failing job later, with what went wrong, and leaves its work undone', async () => {
    let failures = 1;
    const flaky: JobHandler = async (tx, payload, job) => {
      await countRuns(tx, payload, job);
      if (failures-- > 0) throw new Error('the receiver is down');
    };
    const runner = createJobRunner(database.db, { flaky }, { clock });
    await database.db.transaction((tx) => runner.schedule(tx, { kind: 'flaky', key: 'flaky', payload: {}, dueAt: clock.now() }));
    await runner.runDue();
    const retried = (await findJobByKey(database.db, 'flaky'))!;
    expect(retried.lastError).toContain('the receiver is down');
    expect(retried.dueAt).toBeGreaterThan(clock.now());
    expect(await runsOf('flaky')).toBe(0); // the failed attempt's work rolled back with it
    clock.advance(retried.dueAt - clock.now());
    await runner.runDue();
    expect(await runsOf('flaky')).toBe(1);
    expect(await findJobByKey(database.db, 'flaky')).toBeUndefined();
  });
});

describe('event retention', () => {
  it('never prunes an event that a consumer has not handled yet', async () => {
    const old = clock.now() - 30 * 86_400_000;
    await database.db.transaction(async (tx) => {
      for (let i = 0; i < 5; i++) {
        await insertEvent(tx, { name: 'problem.raised', problemId: null, problemNumber: i + 1, areaSlug: 'general', previousAreaSlug: null, at: old, data: '{}' });
      }
      await saveEventCursor(tx, 'webhook:chat', 2, clock.now());
    });
    await database.db.transaction((tx) => pruneEventsBefore(tx, clock.now()));
    expect((await listEventsAfter(database.db, 0, 10)).map((e) => e.seq)).toEqual([3, 4, 5]);
  });
});
