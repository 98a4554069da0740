import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findAreaBySlug } from '../server/areas/store.ts';
import { FLOW_ROLLUP_DAYS_PER_RUN, FLOW_ROLLUP_EVERY_MS, FLOW_ROLLUP_PAUSE_MS, flowRollupJob } from '../server/flow/rollup/job.ts';
import { createJobRunner, JOB_LEASE_MS, type JobHandler, type JobRunner } from '../server/jobs/runner.ts';
import { leaseDueJobs } from '../server/jobs/store.ts';
import { readRolledUpDays } from '../server/flow/rollup/store.ts';
import type { FlowFigures, FlowReport } from '../shared/flow.ts';
import type { Problem } from '../shared/problems.ts';
import { createTestApp, setUpAdmin, type Caller, type TestApp } from './helpers/app.ts';
import { publishLearning } from './helpers/learnings.ts';
import { idOf } from './helpers/members.ts';

// The rollup of the flow report (server/flow/rollup): what the report answers is the same before
// the job rolls a change up and after, and every kind of change marks its day.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

let t: TestApp;
let admin: Caller;
/** 10:00 UTC on the first day of the test's problems. */
let dayOne: number;

beforeEach(async () => {
  t = await createTestApp();
  admin = await setUpAdmin(t.app);
  await ok('POST', '/api/areas', { name: 'Press', slug: 'press', responseTargetMinutes: 10 });
  t.clock.freeze();
  await t.app.jobs.runDue(); // the jobs due at start
  dayOne = Math.ceil(t.clock.now() / DAY) * DAY + 10 * HOUR;
  at(0);
});
afterEach(() => t.close());

async function ok(method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: object): Promise<unknown> {
  const response = await admin.request({ method, url, payload });
  expect(response.statusCode, response.body).toBeLessThan(300);
  return response.json();
}

const pull = async (area: string, level: 'help' | 'stop' = 'help') => ((await ok('POST', '/api/problems', { title: `A ${level} in ${area}`, area, level })) as Problem).number;
const move = (number: number, payload: object) => ok('POST', `/api/problems/${number}/status`, payload);

/** Moves the test clock on to `ms` after day one's 10:00. */
function at(ms: number): void {
  t.clock.advance(dayOne + ms - t.clock.now());
}

/** Lets the rollup job's time come, and runs it (and any other job due). */
async function rollUp(): Promise<void> {
  t.clock.advance(FLOW_ROLLUP_EVERY_MS);
  await t.app.jobs.runDue();
}

/** A week from the day before day one, 12:00: day one and the days after are whole days inside it. */
async function report(): Promise<FlowReport> {
  const from = dayOne - DAY + 2 * HOUR;
  return (await ok('GET', `/api/flow?from=${new Date(from).toISOString()}&to=${new Date(from + 7 * DAY).toISOString()}`)) as FlowReport;
}

const areaOf = (r: FlowReport, slug: string): FlowFigures => {
  const area = r.areas.find((a) => a.slug === slug);
  if (!area) throw new Error(`no ${slug} in the report`);
  return area;
};

/** Whether the area's day one is rolled up as it is now (false: marked as changed since, or never rolled up). */
async function rolledUp(slug: string): Promise<boolean> {
  const area = await findAreaBySlug(t.db, slug);
  if (!area) throw new Error(`no area ${slug}`);
  const day = dayOne - 10 * HOUR;
  return (await readRolledUpDays(t.db, day, day + DAY, area.id)).every((row) => row.figures !== null);
}

describe('the flow rollup', () => {
  it('answers a change at once, before the job rolls it up, and the same after', async () => {
    const first = await pull('press'); // day one: answered in 4 minutes, contained at 10
    at(4 * MINUTE);
    await ok('POST', `/api/problems/${first}/swarm`);
    at(10 * MINUTE);
    await move(first, { status: 'contained' });
    at(DAY);
    await pull('press', 'stop'); // day two: nobody answers
    await pull('general');
    at(3 * DAY);

    const unrolled = await report();
    expect(await rolledUp('press')).toBe(false);
    expect(areaOf(unrolled, 'press').pulls.total).toBe(2);
    expect(areaOf(unrolled, 'press').times.respond).toMatchObject({ count: 1, medianMs: 4 * MINUTE, withinTarget: { count: 1, of: 2 } });
    expect(areaOf(unrolled, 'press').distribution.respond.unreached).toBe(1);
    expect(unrolled.all.pulls.total).toBe(3);

    await rollUp();
    expect(await rolledUp('press')).toBe(true);
    expect(await rolledUp('general')).toBe(true);
    expect(await report()).toEqual(unrolled);

    // Resolved on day four: the report says so before the job has run, and after.
    at(3 * DAY + HOUR);
    await move(first, { status: 'resolved' });
    expect(await rolledUp('press')).toBe(false);
    const resolved = await report();
    expect(areaOf(resolved, 'press').times.resolve).toMatchObject({ count: 1, medianMs: 3 * DAY + HOUR });
    await rollUp();
    expect(await rolledUp('press')).toBe(true);
    expect(await report()).toEqual(resolved);
  });

  it('counts a day from its problems while a target there has yet to pass, then from the rollup', async () => {
    await pull('press'); // a 10-minute target, nobody answers
    at(HOUR);
    await rollUp(); // rolled up with its target passed: not reached
    at(DAY);
    expect(areaOf(await report(), 'press').distribution.respond.unreached).toBe(1);

    at(DAY + 13 * HOUR + 52 * MINUTE); // 23:52 on day two
    await pull('press'); // its target passes at 00:02 on day three
    at(DAY + 13 * HOUR + 53 * MINUTE);
    await t.app.jobs.runDue(); // the rollup job, long due, rolls the day up at 23:53, before the target passes
    expect(await rolledUp('press')).toBe(true);
    expect(areaOf(await report(), 'press').distribution.respond.unreached).toBe(1);
    at(DAY + 14 * HOUR + 3 * MINUTE);
    expect(areaOf(await report(), 'press').distribution.respond.unreached).toBe(2);
  });

  it('is rolled up once by one of two instances, and after a crash by the other', async () => {
    await pull('press');
    let runs = 0;
    const instance = (): JobRunner => {
      const rollUpJob: JobHandler = async (...args) => {
        runs += 1;
        await flowRollupJob(t.clock, () => runner)(...args);
      };
      const runner: JobRunner = createJobRunner(t.db, { 'flow-rollup': rollUpJob }, { clock: t.clock });
      return runner;
    };
    const [one, two] = [instance(), instance()];
    t.clock.advance(FLOW_ROLLUP_EVERY_MS);
    await Promise.all([one.runDue(), two.runDue()]);
    expect(runs).toBe(1);
    expect(await rolledUp('press')).toBe(true);

    // An instance takes the next run and dies holding it: the other does it once the lease runs out.
    await pull('press');
    t.clock.advance(FLOW_ROLLUP_EVERY_MS);
    const leased = await t.db.transaction((tx) => leaseDueJobs(tx, 'an instance that died', t.clock.now(), t.clock.now() + JOB_LEASE_MS, 10));
    expect(leased.map((job) => job.kind)).toContain('flow-rollup');
    await two.runDue();
    expect(await rolledUp('press')).toBe(false);
    t.clock.advance(JOB_LEASE_MS + 1);
    await two.runDue();
    expect(runs).toBe(2);
    expect(await rolledUp('press')).toBe(true);
    expect(areaOf(await report(), 'press').pulls.total).toBe(2);
  });

  it('rolls a backlog up a few days per run, pausing between runs, and resumes after a crash', async () => {
    // More marked days than a run takes: one pull in each of a dozen areas (a target no test step passes).
    const slugs = Array.from({ length: FLOW_ROLLUP_DAYS_PER_RUN + 2 }, (_, i) => `line-${i}`);
    for (const slug of slugs) await ok('POST', '/api/areas', { name: slug, slug, responseTargetMinutes: 600 });
    for (const slug of slugs) await pull(slug);
    const day = dayOne - 10 * HOUR;
    const marked = async () => (await readRolledUpDays(t.db, day, day + DAY, null)).filter((row) => row.figures === null).length;
    const unrolled = await report();
    expect(await marked()).toBe(slugs.length);

    t.clock.advance(FLOW_ROLLUP_EVERY_MS);
    await t.app.jobs.runDue();
    expect(await marked()).toBe(2);
    await t.app.jobs.runDue(); // the next run waits for its pause
    expect(await marked()).toBe(2);
    expect(await report()).toEqual(unrolled);

    // The instance that takes the next run dies holding it: the rest is rolled up once its lease runs out.
    t.clock.advance(FLOW_ROLLUP_PAUSE_MS);
    const leased = await t.db.transaction((tx) => leaseDueJobs(tx, 'an instance that died', t.clock.now(), t.clock.now() + JOB_LEASE_MS, 10));
    expect(leased.map((job) => job.kind)).toContain('flow-rollup');
    await t.app.jobs.runDue();
    expect(await marked()).toBe(2);
    t.clock.advance(JOB_LEASE_MS + 1);
    await t.app.jobs.runDue();
    expect(await marked()).toBe(0);
    expect(await report()).toEqual(unrolled);

    // Nothing left: the next run is a while away again.
    await pull('line-0');
    t.clock.advance(FLOW_ROLLUP_PAUSE_MS);
    await t.app.jobs.runDue();
    expect(await marked()).toBe(1);
    t.clock.advance(FLOW_ROLLUP_EVERY_MS);
    await t.app.jobs.runDue();
    expect(await marked()).toBe(0);
  });

  // Each kind of change to what the report counts of a problem: the day is marked in the same
  // transaction (so a report reads it from the problems), and the report shows the change before the
  // job has run and after.
  interface Change {
    /** What comes before the change, rolled up with the problem. */
    prepare?: (number: number) => Promise<unknown>;
    change: (number: number) => Promise<unknown>;
    figure: (r: FlowReport) => unknown;
    expected: unknown;
  }
  let learningId = '';
  const changes: Array<[string, Change]> = [
    ['a pull', { change: () => pull('press'), figure: (r) => areaOf(r, 'press').pulls.total, expected: 2 }],
    ['a first response (joining the swarm)', { change: (n) => ok('POST', `/api/problems/${n}/swarm`), figure: (r) => areaOf(r, 'press').times.respond.count, expected: 1 }],
    ['containing', { change: (n) => move(n, { status: 'contained' }), figure: (r) => areaOf(r, 'press').times.contain.count, expected: 1 }],
    ['resolving', { change: (n) => move(n, { status: 'resolved' }), figure: (r) => areaOf(r, 'press').times.resolve.count, expected: 1 }],
    ['learning', { prepare: (n) => move(n, { status: 'resolved' }), change: (n) => move(n, { status: 'learned' }), figure: (r) => areaOf(r, 'press').times.learn.count, expected: 1 }],
    ['dismissing', { change: (n) => move(n, { status: 'dismissed', reason: 'not-a-problem' }), figure: (r) => areaOf(r, 'press').dismissed.byReason['not-a-problem'], expected: 1 }],
    ['reopening', {
      prepare: (n) => move(n, { status: 'dismissed', reason: 'not-a-problem' }),
      change: (n) => move(n, { status: 'raised' }),
      figure: (r) => areaOf(r, 'press').dismissed.count,
      expected: 0,
    }],
    ['escalating', { change: (n) => ok('POST', `/api/problems/${n}/escalate`), figure: (r) => areaOf(r, 'press').escalations.escalated, expected: 1 }],
    ['a change of level', { change: (n) => ok('PATCH', `/api/problems/${n}`, { level: 'stop' }), figure: (r) => areaOf(r, 'press').pulls.byLevel.stop, expected: 1 }],
    ['a move to another area', {
      change: (n) => ok('PATCH', `/api/problems/${n}`, { area: 'general' }),
      figure: (r) => [areaOf(r, 'press').pulls.total, areaOf(r, 'general').pulls.total],
      expected: [0, 1],
    }],
    ['a recurrence link', {
      prepare: async () => {
        const earlier = await pull('general');
        await move(earlier, { status: 'resolved' });
        learningId = (await publishLearning(admin, earlier, { title: 'The seal wears out' })).id;
      },
      change: (n) => ok('POST', `/api/problems/${n}/recurrences`, { learningId }),
      figure: (r) => [areaOf(r, 'press').recurrence.problems, ...[areaOf(r, 'press'), r.all].map((f) => f.recurrence.learnings.map((l) => [l.title, l.count]))],
      expected: [1, [['The seal wears out', 1]], [['The seal wears out', 1]]],
    }],
  ];

  it.each(changes)('marks the day of %s and shows it before and after the job', async (_name, { prepare, change, figure, expected }) => {
    // A target past the test's roll-ups: no countdown escalates but the one a change asks for.
    await ok('PATCH', '/api/areas/press', { responseTargetMinutes: 120 });
    await ok('PUT', '/api/areas/press/escalation', { steps: [{ userIds: [await idOf(admin)], waitMinutes: 60 }], repeat: 0 });
    const number = await pull('press');
    t.clock.advance(MINUTE);
    await prepare?.(number);
    await rollUp();
    expect(await rolledUp('press')).toBe(true);
    const before = figure(await report());

    await change(number);
    expect(await rolledUp('press')).toBe(false);
    const changed = await report();
    expect(figure(changed)).not.toEqual(before);
    expect(figure(changed)).toEqual(expected);

    await rollUp();
    expect(await rolledUp('press')).toBe(true);
    expect(figure(await report())).toEqual(expected);
  });
});
