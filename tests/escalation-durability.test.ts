import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../server/app.ts';
import { loadConfig } from '../server/config.ts';
import type { Database } from '../server/db/client.ts';
import { migrateDatabase } from '../server/db/migrate.ts';
import { openConfiguredDatabase } from '../server/db/open.ts';
import { openPostgres } from '../server/db/postgres-client.ts';
import { JOB_LEASE_MS } from '../server/jobs/runner.ts';
import { findJobByKey, leaseDueJobs } from '../server/jobs/store.ts';
import { findProblemByNumber } from '../server/problems/store.ts';
import { listEventsAfter } from '../server/events/store.ts';
import { listTimelineEntries } from '../server/timeline/store.ts';
import type { ProblemAlert } from '../shared/alerts.ts';
import type { User } from '../shared/accounts.ts';
import type { Problem } from '../shared/problems.ts';
import { asBrowser, ORIGIN, setUpAdmin, TEST_PASSWORD_COST, TestClock, type Caller } from './helpers/app.ts';
import { inviteMember } from './helpers/people.ts';
import { addMember } from './helpers/organisation.ts';
import { startServer, tempDataDir, type ServerProcess } from './helpers/server-process.ts';
import { freshPostgresDatabase, openTestDatabase, testDatabaseKind } from './helpers/test-database.ts';

const MINUTE = 60_000;
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function appOn(db: Database, clock: TestClock, publicUrl = ORIGIN): Promise<FastifyInstance> {
  const app = await buildApp({ config: loadConfig({ PUBLIC_URL: publicUrl, ANDON_AUTH_RATE_LIMIT: '1000' }), db, clock, runJobs: false, passwordCost: TEST_PASSWORD_COST });
  await app.ready();
  cleanups.push(() => app.close());
  return app;
}

async function escalatedEntries(db: Database, number: number): Promise<number> {
  const problem = (await findProblemByNumber(db, number))!;
  return (await listTimelineEntries(db, problem.id)).filter((e) => e.kind === 'escalated').length;
}

/**
 * What each problem's escalations left behind: its escalated and alerted timeline entries (not the
 * responders' alert at the pull) and the in-app alerts sent for escalations.
 */
async function escalationRecords(db: Database, numbers: number[]) {
  const alerts = (await listEventsAfter(db, 0, 100_000))
    .filter((e) => e.name === 'problem.alerted')
    .map((e) => JSON.parse(e.data) as ProblemAlert)
    .filter((a) => a.reason === 'escalated');
  return Promise.all(numbers.map(async (number) => {
    const entries = await listTimelineEntries(db, (await findProblemByNumber(db, number))!.id);
    return {
      escalated: entries.filter((e) => e.kind === 'escalated').map((e) => e.body),
      alerted: entries.filter((e) => e.kind === 'alerted' && !e.body.startsWith('Alerted the responders')).map((e) => e.body),
      alerts: alerts.filter((a) => a.problemNumber === number).map((a) => ({ step: a.step, userIds: a.userIds })),
    };
  }));
}

/** The path: two steps, the first with nobody in it (skipped at once), then one person. */
const emptyThenOne = (userId: string) => [{ userIds: [], waitMinutes: 5 }, { userIds: [userId], waitMinutes: 5 }];
const SKIPPED_TO_STEP_2 = 'Nobody joined in time: escalated to step 2; skipped step 1 (nobody in it)';

/**
 * Two app instances on one database (on PostgreSQL each with a pool of its own, as two processes
 * have), an admin who pulls, Bea who is on the escalation path, and a Press area with a one-minute
 * response target and the path made by `path`.
 */
async function twoInstances(path: (beaId: string) => Array<{ userIds: string[]; waitMinutes: number }>) {
  const database = await openTestDatabase();
  cleanups.push(() => database.close());
  let second: Database = database.db;
  if (database.url) {
    const pool = await openPostgres(database.url, { poolSize: 5 });
    cleanups.push(() => pool.close());
    second = pool;
  }
  const clock = new TestClock();
  const a = await appOn(database.db, clock);
  const b = await appOn(second, clock);
  const admin: Caller = await setUpAdmin(a);
  const bea = await inviteMember({ app: a }, admin, 'Bea Builder');
  await admin.request({ method: 'POST', url: '/api/areas', payload: { name: 'Press', slug: 'press', responseTargetMinutes: 1 } });
  await admin.request({ method: 'PUT', url: '/api/areas/press/escalation', payload: { steps: path(bea.id), repeat: 0 } });
  return { db: database.db, clock, a, b, admin, bea };
}

describe('escalation across instances and restarts', () => {
  it('escalates each problem exactly once, skipping the empty step at once, when two instances run due jobs at the same moment', async () => {
    const { db, clock, a, b, admin, bea } = await twoInstances(emptyThenOne);
    const numbers: number[] = [];
    for (let i = 0; i < 30; i++) {
      numbers.push((await admin.request({ method: 'POST', url: '/api/problems', payload: { title: `jam ${i}`, area: 'press' } })).json<Problem>().number);
    }
    clock.freeze();
    clock.advance(MINUTE);
    await Promise.all([a.jobs.runDue(), b.jobs.runDue(), a.jobs.runDue(), b.jobs.runDue()]);
    // Past step 1's five minutes as well: had it been waited out rather than skipped, it would escalate again now.
    clock.advance(5 * MINUTE);
    await Promise.all([a.jobs.runDue(), b.jobs.runDue()]);
    const once = { escalated: [SKIPPED_TO_STEP_2], alerted: ['Alerted Bea Builder'], alerts: [{ step: 2, userIds: [bea.id] }] };
    expect(await escalationRecords(db, numbers)).toEqual(numbers.map(() => once));
    const onB = asBrowser(b, admin.cookie);
    for (const n of numbers) {
      expect((await onB.request({ method: 'GET', url: `/api/problems/${n}` })).json<Problem>().escalation).toMatchObject({ step: 2, escalated: true, nextAt: null });
    }
  }, 90_000); // thirty pulls on two instances, on a machine shared with other test runs

  it('lets "escalate now" on one instance race the due job on another without a deadlock or a double step', async () => {
    const { db, clock, a, b, admin } = await twoInstances((beaId) => Array.from({ length: 4 }, () => ({ userIds: [beaId], waitMinutes: 5 })));
    const numbers: number[] = [];
    for (let i = 0; i < 10; i++) numbers.push((await admin.request({ method: 'POST', url: '/api/problems', payload: { title: `jam ${i}`, area: 'press' } })).json<Problem>().number);
    clock.advance(MINUTE);
    const onB = asBrowser(b, admin.cookie);
    const [, ...pressed] = await Promise.all([a.jobs.runDue(), ...numbers.map((n) => onB.request({ method: 'POST', url: `/api/problems/${n}/escalate` }))]);
    expect(pressed.map((r) => r.statusCode)).toEqual(numbers.map(() => 200));
    for (const n of numbers) {
      // A job that ran first is followed by the button (step 2); a button that went first replaced
      // the job (step 1). Either way each step happened once, and the state and the timeline agree.
      const state = (await onB.request({ method: 'GET', url: `/api/problems/${n}` })).json<Problem>().escalation;
      expect([1, 2]).toContain(state.step);
      expect(await escalatedEntries(db, n)).toBe(state.step);
    }
  }, 90_000); // two instances and a member to set up, on a machine shared with other test runs

  it('after a SIGKILL, the next start finds the due escalation in the database and does it once', async () => {
    const data = tempDataDir();
    cleanups.push(() => data.remove());
    let env: Record<string, string> = {};
    if (testDatabaseKind() === 'postgres') {
      const fresh = await freshPostgresDatabase();
      cleanups.push(() => fresh.drop());
      env = { DATABASE_URL: fresh.url };
    }
    const server: ServerProcess = await startServer({ dataDir: data.dir, env });
    cleanups.push(() => server.stop('SIGKILL'));
    const call = async (method: string, path: string, cookie: string, body?: object) => {
      const response = await fetch(`${server.url}${path}`, {
        method, headers: { 'content-type': 'application/json', origin: server.url, cookie }, body: body && JSON.stringify(body),
      });
      return (await response.json()) as unknown;
    };
    const setup = await fetch(`${server.url}/api/setup`, {
      method: 'POST', headers: { 'content-type': 'application/json', origin: server.url },
      body: JSON.stringify({ name: 'Ada Admin', email: 'ada@example.com', password: 'a long enough password' }),
    });
    const cookie = setup.headers.getSetCookie()[0].split(';')[0];
    const beaCookie = await addMember(server.url, cookie, { name: 'Bea Builder', email: 'bea@example.com', password: 'bea has a long password' });
    const beaId = ((await call('GET', '/api/me', beaCookie)) as { user: User }).user.id;
    await call('POST', '/api/areas', cookie, { name: 'Press', slug: 'press', responseTargetMinutes: 1 });
    await call('PUT', '/api/areas/press/escalation', cookie, { steps: emptyThenOne(beaId), repeat: 0 });
    const raised = (await call('POST', '/api/problems', cookie, { title: 'Press 4 jams', area: 'press' })) as Problem;
    expect(raised.escalation).toMatchObject({ step: 0, escalated: false });
    expect(await server.stop('SIGKILL')).toBe('SIGKILL');

    // Start again on the same database, a minute and more later (on a test clock: no real waiting).
    const db = await openConfiguredDatabase(loadConfig({ ANDON_DATA_DIR: data.dir, ...env }));
    cleanups.push(() => db.close());
    await migrateDatabase(db);
    const clock = new TestClock();
    clock.advance(MINUTE + 1_000);
    // Say the killed instance had leased the job as it died: the lease must run out first, then the job is done.
    const key = `escalation:${raised.id}`;
    expect(await findJobByKey(db, key)).toBeDefined();
    await db.transaction((tx) => leaseDueJobs(tx, 'killed instance', clock.now(), clock.now() + JOB_LEASE_MS, 10));
    const restarted = await appOn(db, clock, server.url);
    await restarted.jobs.runDue();
    expect(await escalatedEntries(db, raised.number)).toBe(0);
    clock.advance(JOB_LEASE_MS + 1);
    await restarted.jobs.runDue();
    expect(await escalatedEntries(db, raised.number)).toBe(1);

    // And once only: another start, past the empty step's five minutes, finds nothing left to do.
    const again = await appOn(db, clock, server.url);
    clock.advance(5 * MINUTE);
    await Promise.all([again.jobs.runDue(), restarted.jobs.runDue()]);
    expect(await escalationRecords(db, [raised.number])).toEqual([{
      escalated: [SKIPPED_TO_STEP_2], alerted: ['Alerted Bea Builder'], alerts: [{ step: 2, userIds: [beaId] }],
    }]);
    const state = (await asBrowser(again, cookie).request({ method: 'GET', url: `/api/problems/${raised.number}` })).json<Problem>().escalation;
    expect(state).toMatchObject({ step: 2, escalated: true, nextAt: null });
  }, 120_000); // a real server process starts here, on a machine shared with other test runs
});
