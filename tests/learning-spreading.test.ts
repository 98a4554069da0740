import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LearningDetail, NotSpreading } from '../shared/learnings.ts';
import { createTestApp, createToken, setUpAdmin, type Caller, type TestApp } from './helpers/app.ts';
import { publishLearning, resolvedProblem, saveLearning } from './helpers/learnings.ts';
import { inviteMember } from './helpers/members.ts';

type Person = Caller & { id: string };
let t: TestApp;
let admin: Caller;
let bo: Person;
let rey: Person;
let sue: Person;
let eli: Person;
let uma: Person;
beforeEach(async () => {
  t = await createTestApp();
  admin = await setUpAdmin(t.app);
  [bo, rey, sue, eli, uma] = await Promise.all(['Bo Swarmer', 'Rey Responder', 'Sue Responder', 'Eli Escalation', 'Uma Outsider'].map((name) => inviteMember(t.app, admin, name)));
  expect((await admin.request({ method: 'PUT', url: '/api/areas/general/responders', payload: { userIds: [rey.id, sue.id] } })).statusCode).toBe(200);
  expect((await admin.request({ method: 'PUT', url: '/api/areas/general/escalation', payload: { steps: [{ userIds: [eli.id], waitMinutes: 5 }], repeat: 0 } })).statusCode).toBe(200);
});
afterEach(() => t.close());

const DAY = 86_400_000;

async function notSpreading(who: Caller): Promise<NotSpreading> {
  const response = await who.request({ method: 'GET', url: '/api/learnings/not-spreading' });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<NotSpreading>();
}

/** A learning published by Bo (who swarmed it), acknowledged by these people; a day after the one before. */
async function published(title: string, acknowledgedBy: Caller[]) {
  const learning = await publishLearning(bo, await resolvedProblem(bo, title), { title });
  for (const who of acknowledgedBy) expect((await who.request({ method: 'POST', url: `/api/learnings/${learning.id}/acknowledge` })).statusCode).toBe(200);
  t.clock.advance(DAY);
  return learning;
}

const view = (answer: NotSpreading) => answer.areas.map((a) => ({
  area: a.area, members: a.members, count: a.count,
  learnings: a.learnings.map((l) => ({ title: l.title, membersAcknowledged: l.membersAcknowledged, share: l.share, notAcknowledged: l.notAcknowledged.map((p) => p.name) })),
}));

describe("the lead's view of learnings that are not spreading", () => {
  it("lists, per area, the published learnings fewer than half of whose members acknowledged, oldest first, with who has not", async () => {
    // Members of General: Rey and Sue (responders), Eli (escalation path), Bo (swarmed every problem).
    await published('Nobody read this', [uma]); // an outsider's acknowledgement counts for nothing
    await published('Half read', [rey, sue]);
    await published('Read by most', [rey, sue, eli]);
    await published('One read', [rey]);
    await saveLearning(bo, await resolvedProblem(bo, 'Still a draft'), { title: 'Still a draft' });

    const expected = [{
      area: 'general', members: 4, count: 2,
      learnings: [
        { title: 'Nobody read this', membersAcknowledged: 0, share: 0, notAcknowledged: ['Bo Swarmer', 'Eli Escalation', 'Rey Responder', 'Sue Responder'] },
        { title: 'One read', membersAcknowledged: 1, share: 0.25, notAcknowledged: ['Bo Swarmer', 'Eli Escalation', 'Sue Responder'] },
      ],
    }];
    const answer = await notSpreading(admin);
    expect(answer.percent).toBe(50);
    expect(view(answer)).toEqual(expected);
    expect(view(await notSpreading(rey))).toEqual(expected);

    // Acknowledging moves it out of the list.
    await sue.request({ method: 'POST', url: `/api/learnings/${answer.areas[0].learnings[1].id}/acknowledge` });
    expect(view(await notSpreading(admin))[0].learnings.map((l) => l.title)).toEqual(['Nobody read this']);
  });

  it('shows an area to admins, API tokens and its responders only; to anyone else nothing', async () => {
    await published('Nobody read this', []);
    expect((await admin.request({ method: 'POST', url: '/api/areas', payload: { name: 'Press', slug: 'press' } })).statusCode).toBe(201);
    expect((await admin.request({ method: 'PUT', url: '/api/areas/press/responders', payload: { userIds: [uma.id] } })).statusCode).toBe(200);

    expect((await notSpreading(admin)).areas.map((a) => a.area)).toEqual(['general']);
    const token = await createToken(admin);
    const byToken = await t.app.inject({ method: 'GET', url: '/api/learnings/not-spreading', headers: { authorization: token } });
    expect(byToken.json<NotSpreading>().areas.map((a) => a.area)).toEqual(['general']);
    expect((await notSpreading(rey)).areas.map((a) => a.area)).toEqual(['general']);
    // On the escalation path, a swarmer, a responder of another area: not the area's lead.
    for (const who of [eli, bo, uma]) expect((await notSpreading(who)).areas).toEqual([]);
    expect((await t.app.inject({ method: 'GET', url: '/api/learnings/not-spreading' })).statusCode).toBe(401);
  });

  it('no longer counts a deactivated person among the members, here and in the spread', async () => {
    const learning = await published('One read', [rey]);
    expect((await admin.request({ method: 'PATCH', url: `/api/members/${sue.id}`, payload: { active: false } })).statusCode).toBe(200);
    expect(view(await notSpreading(admin))).toEqual([{
      area: 'general', members: 3, count: 1,
      learnings: [{ title: 'One read', membersAcknowledged: 1, share: 1 / 3, notAcknowledged: ['Bo Swarmer', 'Eli Escalation'] }],
    }]);
    const detail = (await admin.request({ method: 'GET', url: `/api/learnings/${learning.id}` })).json<LearningDetail>();
    expect(detail.spread).toMatchObject({ members: 3, membersAcknowledged: 1 });
  });
  it("counts who swarmed a problem in the area the problem is in now: moved, it takes its swarm's joins along", async () => {
    const learning = await published('Spread in General', []);
    const members = async () => (await admin.request({ method: 'GET', url: `/api/learnings/${learning.id}` })).json<LearningDetail>().spread.members;
    expect(await members()).toBe(4);
    const raised = await uma.request({ method: 'POST', url: '/api/problems', payload: { title: 'Uma swarms here once', details: 'once' } });
    const { number } = raised.json<{ number: number }>();
    expect((await uma.request({ method: 'POST', url: `/api/problems/${number}/swarm` })).statusCode).toBe(200);
    expect(await members()).toBe(5);
    expect((await admin.request({ method: 'POST', url: '/api/areas', payload: { name: 'Press', slug: 'press' } })).statusCode).toBe(201);
    expect((await admin.request({ method: 'PATCH', url: `/api/problems/${number}`, payload: { area: 'press' } })).statusCode).toBe(200);
    expect(await members()).toBe(4);
    expect((await admin.request({ method: 'PATCH', url: `/api/problems/${number}`, payload: { area: 'general' } })).statusCode).toBe(200);
    expect(await members()).toBe(5);
  });
});
