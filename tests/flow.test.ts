import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FlowReport, FlowSpan } from '../shared/flow.ts';
import type { Problem } from '../shared/problems.ts';
import { createTestApp, createToken, setUpAdmin, type Caller, type TestApp } from './helpers/app.ts';
import { idOf } from './helpers/members.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

let t: TestApp;
let admin: Caller;
let token: string;
let t0: number;

beforeEach(async () => {
  t = await createTestApp();
  admin = await setUpAdmin(t.app);
  token = await createToken(admin);
  await t.app.jobs.runDue(); // the retention job due at start
  expect((await admin.request({ method: 'POST', url: '/api/areas', payload: { name: 'Press', slug: 'press', responseTargetMinutes: 10 } })).statusCode).toBe(201);
  const path = { steps: [{ userIds: [await idOf(admin)], waitMinutes: 10 }], repeat: 0 };
  expect((await admin.request({ method: 'PUT', url: '/api/areas/general/escalation', payload: path })).statusCode).toBe(200);
  t.clock.freeze();
  t0 = t.clock.now();
});
afterEach(() => t.close());

/** Moves the test clock on to `at` (ms after t0). */
function at(ms: number): void {
  t.clock.advance(t0 + ms - t.clock.now());
}

async function pull(area: string, level: 'help' | 'stop', by: 'person' | 'api'): Promise<number> {
  const payload = { title: `A ${level} in ${area}`, area, level };
  const response = by === 'person'
    ? await admin.request({ method: 'POST', url: '/api/problems', payload })
    : await t.app.inject({ method: 'POST', url: '/api/problems', headers: { authorization: token }, payload });
  expect(response.statusCode).toBe(201);
  return response.json<Problem>().number;
}

async function join(number: number): Promise<void> {
  expect((await admin.request({ method: 'POST', url: `/api/problems/${number}/swarm` })).statusCode).toBe(200);
}

async function move(number: number, payload: object): Promise<void> {
  const response = await admin.request({ method: 'POST', url: `/api/problems/${number}/status`, payload });
  expect(response.statusCode, response.body).toBe(200);
}

/**
 * Six problems with known times. Press has a 10-minute target (5 for Stop), General 5 minutes and
 * an escalation path of one step.
 */
async function fixture(): Promise<void> {
  const p1 = await pull('press', 'help', 'person'); // respond 4 min, contain 10, resolve 30, learned 60 after resolving
  at(4 * MINUTE); await join(p1);
  at(10 * MINUTE); await move(p1, { status: 'contained' });
  at(30 * MINUTE); await move(p1, { status: 'resolved' });
  at(90 * MINUTE); await move(p1, { status: 'learned' });

  at(HOUR); const p2 = await pull('press', 'stop', 'api'); // respond 2 min, resolved (so contained) at 20
  at(HOUR + 2 * MINUTE); await join(p2);
  at(HOUR + 20 * MINUTE); await move(p2, { status: 'resolved' });

  at(2 * HOUR); const p3 = await pull('press', 'help', 'api'); // respond 15 min, contain 20, not resolved
  at(2 * HOUR + 15 * MINUTE); await join(p3);
  at(2 * HOUR + 20 * MINUTE); await move(p3, { status: 'contained' });

  at(3 * HOUR); const p4 = await pull('press', 'help', 'person'); // dismissed at once, nobody joined
  at(3 * HOUR + MINUTE); await move(p4, { status: 'dismissed', reason: 'not-a-problem' });

  at(4 * HOUR); await pull('general', 'help', 'person'); // nobody joins: escalates to step 1
  at(4 * HOUR + 6 * MINUTE); await t.app.jobs.runDue();

  at(8 * DAY); await pull('press', 'stop', 'person'); // the second week; its target passes unanswered
  at(8 * DAY + HOUR);
}

async function flow(query: string): Promise<FlowReport> {
  const response = await admin.request({ method: 'GET', url: `/api/flow?${query}` });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<FlowReport>();
}

const fortnight = () => `from=${new Date(t0 - MINUTE).toISOString()}&to=${new Date(t0 - MINUTE + 14 * DAY).toISOString()}`;
const span = (count: number, medianMin: number | null, p90Min: number | null, within?: [number, number]): FlowSpan => ({
  count,
  medianMs: medianMin === null ? null : medianMin * MINUTE,
  p90Ms: p90Min === null ? null : p90Min * MINUTE,
  withinTarget: within ? { count: within[0], of: within[1], share: within[1] === 0 ? null : within[0] / within[1] } : null,
});

describe('GET /api/flow', () => {
  it('answers the hand-computed figures of a fixture, per area and for all, by nearest rank', async () => {
    await fixture();
    const report = await flow(fortnight());
    const press = report.areas.find((a) => a.slug === 'press');
    const general = report.areas.find((a) => a.slug === 'general');
    if (!press || !general) throw new Error('an area is missing from the report');

    expect(press.pulls).toEqual({ total: 5, byLevel: { help: 3, stop: 2 }, bySource: { person: 3, api: 2, 'pull-link': 0, integration: 0 } });
    expect(press.weeks.map((w) => w.total)).toEqual([4, 1]);
    expect(press.weeks[1].byLevel.stop).toBe(1);
    // respond [2, 4, 15] → median rank 2, p90 rank 3; contain [10, 20, 20]; resolve [20, 30] → ranks 1 and 2; learn [60].
    expect(press.times).toEqual({
      respond: span(3, 4, 15, [2, 4]),
      contain: span(3, 20, 20, [1, 4]),
      resolve: span(2, 20, 30, [0, 4]),
      learn: span(1, 60, 60),
    });
    expect(press.distribution.respond).toEqual({ half: 2, target: 0, double: 1, quadruple: 0, beyond: 0, unreached: 1 });
    expect(press.distribution.resolve).toEqual({ half: 0, target: 0, double: 0, quadruple: 2, beyond: 0, unreached: 2 });
    expect(press.dismissed).toEqual({ count: 1, share: 0.2, byReason: { duplicate: 0, 'not-a-problem': 1, other: 0 } });
    expect(press.escalations).toEqual({ problems: 5, escalated: 0, share: 0, byStep: [], repeated: 0 });

    expect(general.pulls.total).toBe(1);
    expect(general.times.respond).toEqual(span(0, null, null, [0, 1]));
    expect(general.escalations).toEqual({ problems: 1, escalated: 1, share: 1, byStep: [{ step: 1, count: 1 }], repeated: 0 });

    expect(report.all.pulls.total).toBe(6);
    expect(report.all.weeks.map((w) => w.total)).toEqual([5, 1]);
    expect(report.all.times.respond).toEqual(span(3, 4, 15, [2, 5]));
    expect(report.all.escalations.share).toBe(1 / 6);
    expect(report.all.dismissed.share).toBe(1 / 6);
  });

  it('counts how far each escalation went as it goes, through a repeat of the path', async () => {
    const path = { steps: [{ userIds: [await idOf(admin)], waitMinutes: 10 }, { userIds: [await idOf(admin)], waitMinutes: 10 }], repeat: 1 };
    expect((await admin.request({ method: 'PUT', url: '/api/areas/general/escalation', payload: path })).statusCode).toBe(200);
    await pull('general', 'help', 'person');
    const period = `from=${new Date(t0).toISOString()}&to=${new Date(t0 + DAY).toISOString()}`;
    const escalations = async (minutes: number) => {
      at(minutes * MINUTE);
      await t.app.jobs.runDue();
      return (await flow(period)).all.escalations;
    };
    // General's target is 5 minutes; then each step waits 10 before the next, and the path runs once more.
    expect(await escalations(4)).toEqual({ problems: 1, escalated: 0, share: 0, byStep: [], repeated: 0 });
    expect(await escalations(6)).toEqual({ problems: 1, escalated: 1, share: 1, byStep: [{ step: 1, count: 1 }], repeated: 0 });
    expect(await escalations(16)).toEqual({ problems: 1, escalated: 1, share: 1, byStep: [{ step: 2, count: 1 }], repeated: 0 });
    expect(await escalations(26)).toEqual({ problems: 1, escalated: 1, share: 1, byStep: [{ step: 1, count: 1 }], repeated: 1 });
  });

  it('answers nearest ranks with many samples, and ranks all areas together', async () => {
    // 70 answered pulls, the nth answered after n minutes: Press the first 15, General the other 55.
    for (let n = 1; n <= 70; n++) {
      at(n * HOUR);
      const number = await pull(n <= 15 ? 'press' : 'general', 'help', 'person');
      at(n * HOUR + n * MINUTE);
      await join(number);
    }
    const report = await flow(`from=${new Date(t0).toISOString()}&to=${new Date(t0 + 4 * DAY).toISOString()}`);
    const respond = (slug: string) => report.areas.find((a) => a.slug === slug)?.times.respond;
    // Ranks ceil(p × n): for all 70, 35 and 63; for Press's 15, 8 and 14; for General's 55, 28 and 50
    // (the place floor(p × (n - 1)) that SQLite's percentile_disc takes would answer ranks 13 and 49).
    expect(report.all.times.respond).toMatchObject({ count: 70, medianMs: 35 * MINUTE, p90Ms: 63 * MINUTE });
    expect(respond('press')).toMatchObject({ count: 15, medianMs: 8 * MINUTE, p90Ms: 14 * MINUTE });
    expect(respond('general')).toMatchObject({ count: 55, medianMs: 43 * MINUTE, p90Ms: 65 * MINUTE });
  });

  it('answers the figures of one area when asked, and zeros for a period with nothing in it', async () => {
    await fixture();
    const general = await flow(`${fortnight()}&area=general`);
    expect(general.area).toBe('general');
    expect(general.areas.map((a) => a.slug)).toEqual(['general']);
    expect(general.all.pulls.total).toBe(1);
    expect(general.all.times.respond.count).toBe(0);

    const before = await flow(`from=${new Date(t0 - 30 * DAY).toISOString()}&to=${new Date(t0 - DAY).toISOString()}`);
    expect(before.all.pulls.total).toBe(0);
    expect(before.all.weeks).toHaveLength(5);
    expect(before.all.times.resolve).toEqual(span(0, null, null, [0, 0]));
    expect(before.all.dismissed.share).toBeNull();
    // Every area is listed, with nothing pulled too.
    expect(before.areas.map((a) => [a.slug, a.pulls.total])).toEqual(expect.arrayContaining([['general', 0], ['press', 0]]));
  });

  it('defaults to the last 30 days', async () => {
    await fixture();
    const report = await flow('');
    expect(Date.parse(report.to) - Date.parse(report.from)).toBe(30 * DAY);
    expect(report.all.pulls.total).toBe(6);
  });

  it('exports each figure as CSV', async () => {
    await fixture();
    const response = await admin.request({ method: 'GET', url: `/api/flow/times.csv?${fortnight()}` });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    const lines = response.body.trim().split('\r\n');
    expect(lines[0]).toBe('from,to,area,measure,count,median_ms,p90_ms,within_target,target_of,within_target_share');
    expect(lines).toContainEqual(expect.stringMatching(/,press,respond,3,240000,900000,2,4,0\.5$/));
    const pulls = await admin.request({ method: 'GET', url: `/api/flow/pulls.csv?${fortnight()}&area=press` });
    expect(pulls.body.trim().split('\r\n').slice(1).map((line) => line.split(',').slice(2, 5))).toEqual([
      ['all', expect.any(String), '4'], ['all', expect.any(String), '1'], ['press', expect.any(String), '4'], ['press', expect.any(String), '1'],
    ]);
    expect((await admin.request({ method: 'GET', url: '/api/flow/people.csv' })).statusCode).toBe(400);
  });

  it('refuses a bad period or an unknown area with a clear 4xx, and a caller nobody knows', async () => {
    const iso = (ms: number) => new Date(ms).toISOString();
    for (const [query, status] of [
      [`from=${iso(t0)}&to=${iso(t0 - DAY)}`, 400],
      [`from=${iso(t0 - 400 * DAY)}&to=${iso(t0)}`, 400],
      ['from=yesterday', 400],
      ['area=nowhere', 404],
      ['area=Not%20A%20Slug', 400],
      ['week=1', 400],
    ] as const) {
      const response = await admin.request({ method: 'GET', url: `/api/flow?${query}` });
      expect(response.statusCode, query).toBe(status);
      expect(response.json()).toHaveProperty('error.code');
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/flow' })).statusCode).toBe(401);
  });
});
