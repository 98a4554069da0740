import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listEventsAfter } from '../server/events/store.ts';
import { findJobByKey } from '../server/jobs/store.ts';
import { listTimelineEntries } from '../server/timeline/store.ts';
import type { Area } from '../shared/areas.ts';
import type { ErrorBody } from '../shared/errors.ts';
import type { Problem, ProblemList } from '../shared/problems.ts';
import { createTestApp, setUpAdmin, type Caller, type TestApp } from './helpers/app.ts';
import { idOf, inviteMember, type Member } from './helpers/people.ts';

let t: TestApp;
let admin: Caller;
let adminId: string;
let bea: Member;
beforeEach(async () => {
  t = await createTestApp();
  admin = await setUpAdmin(t.app);
  adminId = await idOf(admin);
  bea = await inviteMember(t, admin, 'Bea Builder');
  await t.app.jobs.runDue(); // the hourly retention job, due at start: counts below are escalations only
  // Only the test moves time on: a step checked a second before it is due must not pass on a slow machine.
  t.clock.freeze();
});
afterEach(() => t.close());

const MINUTE = 60_000;

async function area(slug: string, responseTargetMinutes: number, path?: { steps: { userIds: string[]; waitMinutes: number }[]; repeat: number }) {
  expect((await admin.request({ method: 'POST', url: '/api/areas', payload: { name: slug, slug, responseTargetMinutes } })).statusCode).toBe(201);
  await admin.request({ method: 'PUT', url: `/api/areas/${slug}/responders`, payload: { userIds: [adminId] } });
  if (path) expect((await admin.request({ method: 'PUT', url: `/api/areas/${slug}/escalation`, payload: path })).statusCode).toBe(200);
}

async function pull(areaSlug: string, level: 'help' | 'stop' = 'help') {
  const response = await admin.request({ method: 'POST', url: '/api/problems', payload: { title: 'Press 4 jams', area: areaSlug, level } });
  expect(response.statusCode).toBe(201);
  return response.json<Problem>();
}

const problem = async (number: number) => (await admin.request({ method: 'GET', url: `/api/problems/${number}` })).json<Problem>();
const escalations = async (problemId: string) =>
  (await listTimelineEntries(t.db, problemId)).filter((e) => e.kind === 'escalated' || e.kind === 'alerted').map((e) => e.body);

describe('responders and the escalation path', () => {
  it('are set by an admin and answered on GET area, with names', async () => {
    await area('press', 5, { steps: [{ userIds: [bea.id], waitMinutes: 3 }, { userIds: [], waitMinutes: 2 }], repeat: 1 });
    const answered = (await admin.request({ method: 'GET', url: '/api/areas/press' })).json<Area>();
    expect(answered.responders).toEqual([{ id: adminId, name: 'Ada Admin' }]);
    expect(answered.escalation).toEqual({ steps: [{ users: [{ id: bea.id, name: 'Bea Builder' }], waitMinutes: 3 }, { users: [], waitMinutes: 2 }], repeat: 1 });
  });

  it("lets the area's responders edit them, and refuses anyone else with 403", async () => {
    await area('press', 5);
    const refused = await bea.caller.request({ method: 'PUT', url: '/api/areas/press/escalation', payload: { steps: [], repeat: 0 } });
    expect(refused.statusCode).toBe(403);
    expect((await bea.caller.request({ method: 'PUT', url: '/api/areas/press/responders', payload: { userIds: [bea.id] } })).statusCode).toBe(403);
    await admin.request({ method: 'PUT', url: '/api/areas/press/responders', payload: { userIds: [bea.id] } });
    const allowed = await bea.caller.request({ method: 'PUT', url: '/api/areas/press/escalation', payload: { steps: [{ userIds: [adminId], waitMinutes: 1 }], repeat: 0 } });
    expect(allowed.statusCode).toBe(200);
  });

  it('refuses bad input with 400 and changes nothing', async () => {
    await area('press', 5, { steps: [{ userIds: [bea.id], waitMinutes: 3 }], repeat: 0 });
    const bad = [
      { url: 'responders', payload: { userIds: ['no-such-user'] } },
      { url: 'escalation', payload: { steps: [{ userIds: ['no-such-user'], waitMinutes: 3 }], repeat: 0 } },
      { url: 'escalation', payload: { steps: [{ userIds: [bea.id], waitMinutes: 0 }], repeat: 0 } },
      { url: 'escalation', payload: { steps: [{ userIds: [bea.id], waitMinutes: 10_081 }], repeat: 0 } },
      { url: 'escalation', payload: { steps: Array.from({ length: 11 }, () => ({ userIds: [], waitMinutes: 1 })), repeat: 0 } },
      { url: 'escalation', payload: { steps: [], repeat: 11 } },
      { url: 'escalation', payload: { steps: [] } },
    ];
    for (const { url, payload } of bad) {
      const response = await admin.request({ method: 'PUT', url: `/api/areas/press/${url}`, payload });
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json<ErrorBody>().error.code).toBe('validation_failed');
    }
    const unchanged = (await admin.request({ method: 'GET', url: '/api/areas/press' })).json<Area>();
    expect(unchanged.responders).toEqual([{ id: adminId, name: 'Ada Admin' }]);
    expect(unchanged.escalation.steps).toHaveLength(1);
    expect((await admin.request({ method: 'PUT', url: '/api/areas/nowhere/responders', payload: { userIds: [] } })).statusCode).toBe(404);
  });
});

describe('countdown and escalation', () => {
  it('alerts the responders at once, then escalates through the path, skipping an empty step at once', async () => {
    await area('press', 5, { steps: [{ userIds: [bea.id], waitMinutes: 3 }, { userIds: [], waitMinutes: 30 }, { userIds: [adminId], waitMinutes: 2 }], repeat: 0 });
    const raised = await pull('press');
    const dueAt = Date.parse(raised.raisedAt) + 5 * MINUTE;
    expect(raised.escalation).toEqual({ step: 0, round: 0, escalated: false, escalatedAt: null, nextAt: new Date(dueAt).toISOString(), responseDueAt: new Date(dueAt).toISOString() });
    expect(await escalations(raised.id)).toEqual(['Alerted the responders: Ada Admin']);

    t.clock.advance(5 * MINUTE - 1_000);
    await t.app.jobs.runDue();
    expect((await problem(raised.number)).escalation.step).toBe(0); // not yet

    t.clock.advance(1_000);
    await t.app.jobs.runDue();
    const first = (await problem(raised.number)).escalation;
    expect(first).toMatchObject({ step: 1, round: 0, escalated: true });
    expect(Date.parse(first.nextAt!) - Date.parse(first.escalatedAt!)).toBe(3 * MINUTE);
    expect((await escalations(raised.id)).slice(1)).toEqual(['Nobody joined in time: escalated to step 1', 'Alerted Bea Builder']);

    // Step 2 has nobody: after step 1's three minutes, step 3 is reached at once, not 30 minutes later.
    t.clock.advance(3 * MINUTE);
    await t.app.jobs.runDue();
    const third = (await problem(raised.number)).escalation;
    expect(third).toMatchObject({ step: 3, round: 0, escalated: true, nextAt: null });
    expect((await escalations(raised.id)).slice(3)).toEqual(['Nobody joined in time: escalated to step 3; skipped step 2 (nobody in it)', 'Alerted Ada Admin']);
    expect(await findJobByKey(t.db, `escalation:${raised.id}`)).toBeUndefined(); // nobody is left: nothing pending
  });

  it('runs the path again `repeat` times, then stops', async () => {
    await area('press', 1, { steps: [{ userIds: [bea.id], waitMinutes: 1 }], repeat: 1 });
    const raised = await pull('press');
    t.clock.advance(MINUTE);
    await t.app.jobs.runDue();
    expect((await problem(raised.number)).escalation).toMatchObject({ step: 1, round: 0 });
    t.clock.advance(MINUTE);
    await t.app.jobs.runDue();
    expect((await problem(raised.number)).escalation).toMatchObject({ step: 1, round: 1, nextAt: null });
    expect(await findJobByKey(t.db, `escalation:${raised.id}`)).toBeUndefined();
    expect(await escalations(raised.id)).toHaveLength(5); // responders alerted, then two escalations with their alerts
  });

  it('in an area with nobody on its path, lets the countdown run late without escalating or telling boards', async () => {
    await area('press', 1);
    const raised = await pull('press');
    const before = (await listEventsAfter(t.db, 0, 1000)).length;
    t.clock.advance(MINUTE);
    expect(await t.app.jobs.runDue()).toBe(1);
    expect((await problem(raised.number)).escalation).toMatchObject({ step: 0, escalated: false, nextAt: null });
    expect((await listEventsAfter(t.db, 0, 1000)).length).toBe(before);
    expect(await findJobByKey(t.db, `escalation:${raised.id}`)).toBeUndefined();
  });

  it('halves the response target for a Stop pull', async () => {
    await area('press', 10, { steps: [{ userIds: [bea.id], waitMinutes: 1 }], repeat: 0 });
    const raised = await pull('press', 'stop');
    expect(Date.parse(raised.escalation.responseDueAt) - Date.parse(raised.raisedAt)).toBe(5 * MINUTE);
    t.clock.advance(5 * MINUTE);
    await t.app.jobs.runDue();
    expect((await problem(raised.number)).escalation).toMatchObject({ step: 1, escalated: true });
  });

  it('stops once someone joins (the problem is no longer raised)', async () => {
    await area('press', 5, { steps: [{ userIds: [bea.id], waitMinutes: 3 }], repeat: 0 });
    const raised = await pull('press');
    const joined = await bea.caller.request({ method: 'PATCH', url: `/api/problems/${raised.number}`, payload: { status: 'swarming' } });
    expect(joined.json<Problem>().escalation).toMatchObject({ step: 0, escalated: false, nextAt: null });
    t.clock.advance(10 * MINUTE);
    expect(await t.app.jobs.runDue()).toBeGreaterThan(0); // the pending job runs, finds someone joined and does nothing
    expect((await problem(raised.number)).escalation).toMatchObject({ step: 0, escalated: false, nextAt: null });
    expect(await escalations(raised.id)).toEqual(['Alerted the responders: Ada Admin']);
    const now = await bea.caller.request({ method: 'POST', url: `/api/problems/${raised.number}/escalate` });
    expect(now.statusCode).toBe(409);
  });

  it('stops once someone joins the swarm through the join route, before the countdown runs out', async () => {
    await area('press', 5, { steps: [{ userIds: [], waitMinutes: 3 }, { userIds: [bea.id], waitMinutes: 3 }], repeat: 0 });
    const raised = await pull('press');
    t.clock.advance(5 * MINUTE - 1_000);
    const joined = await bea.caller.request({ method: 'POST', url: `/api/problems/${raised.number}/swarm` });
    expect(joined.statusCode).toBe(200);
    expect((await problem(raised.number)).escalation).toMatchObject({ step: 0, escalated: false, nextAt: null });

    t.clock.advance(10 * MINUTE);
    await t.app.jobs.runDue();
    const after = await problem(raised.number);
    expect(after.status).toBe('swarming');
    expect(after.escalation).toMatchObject({ step: 0, escalated: false, escalatedAt: null, nextAt: null });
    expect(await escalations(raised.id)).toEqual(['Alerted the responders: Ada Admin']);
    const alerted = (await listEventsAfter(t.db, 0, 1000)).filter((e) => e.name === 'problem.alerted').map((e) => JSON.parse(e.data) as { reason: string });
    expect(alerted.map((a) => a.reason)).not.toContain('escalated');
    expect(await findJobByKey(t.db, `escalation:${raised.id}`)).toBeUndefined();
  });

  it('escalates now at the press of a button, replacing the pending countdown', async () => {
    await area('press', 5, { steps: [{ userIds: [bea.id], waitMinutes: 3 }, { userIds: [adminId], waitMinutes: 3 }], repeat: 0 });
    const raised = await pull('press');
    const pressed = await bea.caller.request({ method: 'POST', url: `/api/problems/${raised.number}/escalate` });
    expect(pressed.statusCode).toBe(200);
    expect(pressed.json<Problem>().escalation).toMatchObject({ step: 1, escalated: true });
    expect((await escalations(raised.id)).slice(1)).toEqual(['Bea Builder escalated now: escalated to step 1', 'Alerted Bea Builder']);

    // The countdown that was due at five minutes is gone: step 1 gets its full three minutes from the press.
    t.clock.advance(3 * MINUTE - 1_000);
    expect(await t.app.jobs.runDue()).toBe(0);
    t.clock.advance(1_000);
    expect(await t.app.jobs.runDue()).toBe(1);
    expect((await problem(raised.number)).escalation).toMatchObject({ step: 2, nextAt: null });

    const nobodyLeft = await bea.caller.request({ method: 'POST', url: `/api/problems/${raised.number}/escalate` });
    expect(nobodyLeft.statusCode).toBe(409);
    expect(nobodyLeft.json<ErrorBody>().error.code).toBe('nobody_left');
    expect((await bea.caller.request({ method: 'POST', url: '/api/problems/9999/escalate' })).statusCode).toBe(404);
  });

  it('tells boards: each escalation is a problem.updated event with the whole problem', async () => {
    await area('press', 1, { steps: [{ userIds: [bea.id], waitMinutes: 1 }], repeat: 0 });
    const raised = await pull('press');
    const seen: unknown[] = [];
    t.clock.advance(MINUTE);
    await t.app.jobs.runDue();
    for (const event of await listEventsAfter(t.db, 0, 100)) if (event.name === 'problem.updated') seen.push(JSON.parse(event.data) as unknown);
    expect(seen).toEqual([expect.objectContaining({ number: raised.number, escalation: expect.objectContaining({ step: 1, escalated: true }) as unknown })]);
    // Marked changed too, so a client catching up with `updatedSince` sees the escalation.
    const since = new Date(Date.parse(raised.raisedAt) + 30_000).toISOString();
    const changed = (await admin.request({ method: 'GET', url: `/api/problems?updatedSince=${since}` })).json<ProblemList>().items;
    expect(changed.map((p: { number: number }) => p.number)).toEqual([raised.number]);
  });
});
