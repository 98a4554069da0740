import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ErrorBody } from '../shared/errors.ts';
import type { Presence, Problem } from '../shared/problems.ts';
import type { TimelineList } from '../shared/timeline.ts';
import { createTestApp, createToken, setUpAdmin, type Caller, type TestApp } from './helpers/app.ts';
import { idOf, inviteMember } from './helpers/members.ts';

let t: TestApp;
let admin: Caller & { id: string };
let bo: Caller & { id: string };
let cy: Caller & { id: string };
let token: string;

beforeEach(async () => {
  t = await createTestApp();
  const caller = await setUpAdmin(t.app);
  admin = { ...caller, id: await idOf(caller) };
  bo = await inviteMember(t.app, admin, 'Bo Member');
  cy = await inviteMember(t.app, admin, 'Cy Member');
  token = await createToken(admin);
  const raised = await t.app.inject({ method: 'POST', url: '/api/problems', headers: { authorization: token }, payload: { title: 'Checkout is slow' } });
  expect(raised.statusCode).toBe(201);
});
afterEach(() => t.close());

const join = (who: Caller) => who.request({ method: 'POST', url: '/api/problems/1/swarm' });
const leave = (who: Caller) => who.request({ method: 'DELETE', url: '/api/problems/1/swarm' });
const lead = (who: Caller, userId: string) => who.request({ method: 'PUT', url: '/api/problems/1/lead', payload: { userId } });
const problem = async () => (await admin.request({ method: 'GET', url: '/api/problems/1' })).json<Problem>();
const timelineKinds = async () =>
  (await admin.request({ method: 'GET', url: '/api/problems/1/timeline' })).json<TimelineList>().items.map((e: { kind: string; body: string }) => `${e.kind}: ${e.body}`);

describe('joining the swarm', () => {
  it('makes the first joiner the lead, moves raised to swarming and records the first response', async () => {
    const before = await problem();
    expect(before).toMatchObject({ status: 'raised', swarm: [], lead: null, firstRespondedAt: null });
    t.clock.advance(90_000);
    const response = await join(bo);
    expect(response.statusCode).toBe(200);
    const joined = response.json<Problem>();
    expect(joined).toMatchObject({ status: 'swarming', swarm: [{ id: bo.id, name: 'Bo Member' }], lead: { id: bo.id, name: 'Bo Member' } });
    expect(Date.parse(joined.firstRespondedAt!) - Date.parse(before.raisedAt)).toBeGreaterThanOrEqual(90_000);
    expect(joined.history.at(-1)).toMatchObject({ from: 'raised', to: 'swarming', by: { id: bo.id } });
    expect(await problem()).toEqual(joined);
    expect(await timelineKinds()).toEqual([
      'joined: Bo Member joined the swarm', 'lead: Bo Member leads the swarm', 'status: raised → swarming',
    ]);
  });

  it('is idempotent: joining twice answers the same swarm and adds no row or entry', async () => {
    const first = (await join(bo)).json<Problem>();
    const [again, third] = await Promise.all([join(bo), join(bo)]);
    expect(again.statusCode).toBe(200);
    expect(third.statusCode).toBe(200);
    expect(again.json()).toEqual(first);
    expect((await problem()).swarm).toHaveLength(1);
    expect(await timelineKinds()).toHaveLength(3);
  });

  it('keeps the lead and the first response time when others join later', async () => {
    const first = (await join(bo)).json<Problem>();
    t.clock.advance(5_000);
    const second = (await join(cy)).json<Problem>();
    expect(second.swarm.map((m: { name: string }) => m.name)).toEqual(['Bo Member', 'Cy Member']);
    expect(second.lead?.id).toBe(bo.id);
    expect(second.firstRespondedAt).toBe(first.firstRespondedAt);
  });

  it('refuses an API token (a swarm is people), somebody not signed in, and an unknown problem, changing nothing', async () => {
    const byToken = await t.app.inject({ method: 'POST', url: '/api/problems/1/swarm', headers: { authorization: token } });
    expect(byToken.statusCode).toBe(403);
    expect(byToken.json<ErrorBody>().error.code).toBe('people_only');
    expect((await t.app.inject({ method: 'POST', url: '/api/problems/1/swarm' })).statusCode).toBe(401);
    expect((await bo.request({ method: 'POST', url: '/api/problems/99/swarm' })).statusCode).toBe(404);
    expect(await problem()).toMatchObject({ status: 'raised', swarm: [], lead: null, firstRespondedAt: null });
  });

  it('refuses to join a resolved problem with 409', async () => {
    await admin.request({ method: 'POST', url: '/api/problems/1/status', payload: { status: 'resolved' } });
    const response = await join(bo);
    expect(response.statusCode).toBe(409);
    expect((await problem()).swarm).toEqual([]);
  });
});

describe('leaving and the lead', () => {
  it('hands the lead to who joined next when the lead leaves, and to nobody when the swarm empties', async () => {
    await join(bo);
    await join(cy);
    const afterBo = (await leave(bo)).json<Problem>();
    expect(afterBo.swarm.map((m: { id: string }) => m.id)).toEqual([cy.id]);
    expect(afterBo.lead).toEqual({ id: cy.id, name: 'Cy Member' });
    const empty = (await leave(cy)).json<Problem>();
    expect(empty).toMatchObject({ swarm: [], lead: null, status: 'swarming' });
    expect(await timelineKinds()).toContain('left: Bo Member left the swarm');
    expect(await timelineKinds()).toContain('lead: Cy Member leads the swarm');
  });

  it('answers leaving when not in the swarm with the problem unchanged', async () => {
    await join(bo);
    const before = await problem();
    const response = await leave(cy);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual(before);
  });

  it('lets anyone in the swarm take the lead, and the lead hand it over', async () => {
    await join(bo);
    await join(cy);
    const taken = await lead(cy, cy.id);
    expect(taken.statusCode).toBe(200);
    expect(taken.json<Problem>().lead?.id).toBe(cy.id);
    const handed = await lead(cy, bo.id);
    expect(handed.json<Problem>().lead?.id).toBe(bo.id);
    expect(await timelineKinds()).toEqual(expect.arrayContaining(['lead: Cy Member took the lead', 'lead: Cy Member handed the lead to Bo Member']));
  });

  it('refuses a lead who is not in the swarm, a taker outside it, and a hand-over by somebody who is not the lead', async () => {
    await join(bo);
    const outsider = await lead(bo, admin.id);
    expect(outsider.statusCode).toBe(400);
    expect(outsider.json<ErrorBody>().error.details).toEqual([{ field: 'userId', message: 'is not in the swarm' }]);
    expect((await lead(bo, 'no-such-user')).statusCode).toBe(400);
    const outside = await lead(admin, bo.id);
    expect(outside.statusCode).toBe(403);
    expect(outside.json<ErrorBody>().error.code).toBe('not_in_swarm');
    expect((await lead(bo, bo.id)).statusCode).toBe(200); // already the lead: a double click changes nothing
    await join(cy);
    await join(admin);
    const notLead = await lead(cy, admin.id);
    expect(notLead.statusCode).toBe(403);
    expect(notLead.json<ErrorBody>().error.code).toBe('not_the_lead');
    expect((await lead(bo, 'x'.repeat(101))).statusCode).toBe(400);
    expect((await problem()).lead?.id).toBe(bo.id);
  });
});

describe('presence', () => {
  it('answers who has the problem open within the last 45 seconds', async () => {
    const first = await bo.request({ method: 'PUT', url: '/api/problems/1/presence' });
    expect(first.statusCode).toBe(200);
    expect(first.json<Presence>().people.map((p: { name: string }) => p.name)).toEqual(['Bo Member']);
    t.clock.advance(30_000);
    const both = (await cy.request({ method: 'PUT', url: '/api/problems/1/presence' })).json<Presence>();
    expect(both.people.map((p: { name: string }) => p.name)).toEqual(['Cy Member', 'Bo Member']);
    t.clock.advance(20_000);
    const later = (await cy.request({ method: 'PUT', url: '/api/problems/1/presence' })).json<Presence>();
    expect(later.people.map((p: { name: string }) => p.name)).toEqual(['Cy Member']);
  });

  it('is for people on a known problem', async () => {
    expect((await t.app.inject({ method: 'PUT', url: '/api/problems/1/presence', headers: { authorization: token } })).statusCode).toBe(403);
    expect((await bo.request({ method: 'PUT', url: '/api/problems/2/presence' })).statusCode).toBe(404);
  });
});
