import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listEventsAfter } from '../server/events/store.ts';
import type { AlertPreferences, ProblemAlert } from '../shared/alerts.ts';
import type { ErrorBody } from '../shared/errors.ts';
import type { Problem } from '../shared/problems.ts';
import { createTestApp, createToken, setUpAdmin, type Caller, type TestApp } from './helpers/app.ts';
import { idOf, inviteMember, type Member } from './helpers/people.ts';

let t: TestApp;
let admin: Caller;
let adminId: string;
let bea: Member;
let cy: Member;
let dee: Member;
beforeEach(async () => {
  t = await createTestApp();
  admin = await setUpAdmin(t.app);
  adminId = await idOf(admin);
  bea = await inviteMember(t, admin, 'Bea Builder');
  cy = await inviteMember(t, admin, 'Cy Follower');
  dee = await inviteMember(t, admin, 'Dee Elsewhere');
});
afterEach(() => t.close());

const MINUTE = 60_000;
const preferencesOf = async (caller: Caller) => (await caller.request({ method: 'GET', url: '/api/me/alert-preferences' })).json<AlertPreferences>();

async function area(slug: string, responderIds: string[], steps: { userIds: string[]; waitMinutes: number }[] = []) {
  expect((await admin.request({ method: 'POST', url: '/api/areas', payload: { name: slug, slug, responseTargetMinutes: 5 } })).statusCode).toBe(201);
  expect((await admin.request({ method: 'PUT', url: `/api/areas/${slug}/responders`, payload: { userIds: responderIds } })).statusCode).toBe(200);
  expect((await admin.request({ method: 'PUT', url: `/api/areas/${slug}/escalation`, payload: { steps, repeat: 0 } })).statusCode).toBe(200);
}

async function pull(by: Caller, areaSlug: string, level: 'help' | 'stop' = 'help') {
  const response = await by.request({ method: 'POST', url: '/api/problems', payload: { title: 'Press 4 jams', area: areaSlug, level } });
  expect(response.statusCode).toBe(201);
  return response.json<Problem>();
}

/** The alerts of one problem as every tab reads them from the log. */
async function alertsOf(number: number): Promise<ProblemAlert[]> {
  const events = await listEventsAfter(t.db, 0, 1000);
  return events.filter((e) => e.name === 'problem.alerted' && e.problemNumber === number).map((e) => JSON.parse(e.data) as ProblemAlert);
}

describe('alert preferences', () => {
  it('start with every channel on and no followed area, and are kept as a person sets them', async () => {
    expect(await preferencesOf(bea.caller)).toEqual({ areas: [], tags: [], banner: true, sound: true, notification: true });
    await area('press', []);
    const chosen = { areas: ['press', 'general'], banner: true, sound: false, notification: false };
    const saved = await bea.caller.request({ method: 'PUT', url: '/api/me/alert-preferences', payload: chosen });
    expect(saved.statusCode).toBe(200);
    expect(saved.json<AlertPreferences>()).toEqual({ ...chosen, areas: ['general', 'press'], tags: [] });
    expect(await preferencesOf(bea.caller)).toEqual({ ...chosen, areas: ['general', 'press'], tags: [] });
    // Each person has their own.
    expect(await preferencesOf(cy.caller)).toEqual({ areas: [], tags: [], banner: true, sound: true, notification: true });
  });

  it('refuses bad input with 400 in the error shape and changes nothing', async () => {
    const before = { areas: ['general'], banner: false, sound: true, notification: true };
    expect((await bea.caller.request({ method: 'PUT', url: '/api/me/alert-preferences', payload: before })).statusCode).toBe(200);
    const bad = [
      { areas: ['no-such-area'], banner: true, sound: true, notification: true },
      { areas: ['general', 'general'], banner: true, sound: true, notification: true },
      { areas: ['Not A Slug!'], banner: true, sound: true, notification: true },
      { areas: [], banner: 'yes', sound: true, notification: true },
      { areas: [], banner: true, sound: true },
      { areas: [], banner: true, sound: true, notification: true, email: true },
      { areas: Array.from({ length: 501 }, (_, i) => `area-${i}`), banner: true, sound: true, notification: true },
    ];
    for (const payload of bad) {
      const response = await bea.caller.request({ method: 'PUT', url: '/api/me/alert-preferences', payload });
      expect(response.statusCode, JSON.stringify(payload).slice(0, 80)).toBe(400);
      expect(response.json<ErrorBody>().error.code).toBe('validation_failed');
    }
    expect(await preferencesOf(bea.caller)).toEqual({ ...before, tags: [] });
  });

  it('belong to people: an API token gets 403, nobody signed in gets 401', async () => {
    const token = await createToken(admin);
    const byToken = await t.app.inject({ method: 'GET', url: '/api/me/alert-preferences', headers: { authorization: token } });
    expect(byToken.statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/me/alert-preferences' })).statusCode).toBe(401);
  });
});

describe('who a problem alerts', () => {
  it("alerts the area's responders and its followers when it is raised, not the others nor the person who pulled", async () => {
    await area('press', [bea.id, adminId]);
    await cy.caller.request({ method: 'PUT', url: '/api/me/alert-preferences', payload: { areas: ['press'], banner: true, sound: true, notification: true } });
    // Following another area does not bring this one's pulls.
    await dee.caller.request({ method: 'PUT', url: '/api/me/alert-preferences', payload: { areas: ['general'], banner: true, sound: true, notification: true } });

    const problem = await pull(admin, 'press', 'stop');
    const [alert, ...more] = await alertsOf(problem.number);
    expect(more).toEqual([]);
    expect(alert).toMatchObject({ problemNumber: problem.number, title: 'Press 4 jams', area: 'press', areaName: 'press', level: 'stop', pulledBy: 'Ada Admin', reason: 'raised', step: null });
    expect([...alert.userIds].sort()).toEqual([bea.id, cy.id].sort());
  });

  it('alerts the people of the escalation step it reaches, when nobody joined in time', async () => {
    await area('press', [bea.id], [{ userIds: [dee.id], waitMinutes: 3 }]);
    const problem = await pull(cy.caller, 'press');
    t.clock.advance(5 * MINUTE);
    await t.app.jobs.runDue();
    const alerts = await alertsOf(problem.number);
    expect(alerts.map((a) => ({ reason: a.reason, step: a.step, userIds: a.userIds }))).toEqual([
      { reason: 'raised', step: null, userIds: [bea.id] },
      { reason: 'escalated', step: 1, userIds: [dee.id] },
    ]);
  });

  it('records no alert when a problem concerns nobody', async () => {
    await area('press', []);
    const problem = await pull(admin, 'press');
    expect(await alertsOf(problem.number)).toEqual([]);
  });

  it('stops alerting a follower who unfollows', async () => {
    await area('press', []);
    const follow = (areas: string[]) => cy.caller.request({ method: 'PUT', url: '/api/me/alert-preferences', payload: { areas, banner: true, sound: true, notification: true } });
    await follow(['press']);
    expect((await alertsOf((await pull(admin, 'press')).number))[0]?.userIds).toEqual([cy.id]);
    await follow([]);
    expect(await alertsOf((await pull(admin, 'press')).number)).toEqual([]);
  });
});
