import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ErrorBody } from '../shared/errors.ts';
import { LEARNING_FIELD_MAX, type Learning, type LearningDetail, type MyLearnings, type ProblemLearning } from '../shared/learnings.ts';
import type { Problem } from '../shared/problems.ts';
import { createTestApp, createToken, setUpAdmin, type Caller, type TestApp } from './helpers/app.ts';
import { emptyLearning, publishLearning, resolvedProblem, saveLearning } from './helpers/learnings.ts';
import { inviteMember } from './helpers/members.ts';

let t: TestApp;
let admin: Caller;
let bo: Caller & { id: string };
let cy: Caller & { id: string };

beforeEach(async () => {
  t = await createTestApp();
  admin = await setUpAdmin(t.app);
  bo = await inviteMember(t.app, admin, 'Bo Member');
  cy = await inviteMember(t.app, admin, 'Cy Member');
});
afterEach(() => t.close());

const problem = async (number: number) => (await admin.request({ method: 'GET', url: `/api/problems/${number}` })).json<Problem>();
const detail = async (id: string, who: Caller = admin) => {
  const response = await who.request({ method: 'GET', url: `/api/learnings/${id}` });
  expect(response.statusCode).toBe(200);
  return response.json<LearningDetail>();
};

describe('capturing a learning', () => {
  it('prefills the form from the problem and its timeline: confirmed hypotheses as the cause, actions as the changes', async () => {
    const number = await resolvedProblem(bo, 'Checkout times out');
    const answer = (await bo.request({ method: 'GET', url: `/api/problems/${number}/learning` })).json<ProblemLearning>();
    expect(answer.learning).toBeNull();
    expect(answer.prefill).toEqual({
      title: 'Checkout times out', summary: 'Checkout times out, seen by support', cause: 'The pool is too small', changes: 'Raised the pool to 50',
    });
  });

  it('lets anyone who joined the swarm write the draft, and nobody else', async () => {
    const number = await resolvedProblem(bo, 'Checkout times out', undefined, [cy]);
    const dee = await inviteMember(t.app, admin, 'Dee Member');
    const draft = await saveLearning(bo, number, { title: 'Pool too small', summary: 'Checkout timed out', tags: ['database', 'checkout'] });
    expect(draft).toMatchObject({ state: 'draft', revision: 0, problemNumber: number, area: 'general', tags: ['database', 'checkout'], publishedAt: null });
    const outsider = await dee.request({ method: 'PUT', url: `/api/problems/${number}/learning`, payload: emptyLearning('Mine now') });
    expect(outsider.statusCode).toBe(403);
    expect(outsider.json<ErrorBody>().error.code).toBe('not_in_swarm');
    // Cy swarmed too (and left): the same learning is updated.
    expect((await cy.request({ method: 'DELETE', url: `/api/problems/${number}/swarm` })).statusCode).toBe(200);
    const edited = await saveLearning(cy, number, { title: 'Pool too small', summary: 'Checkout timed out at noon', tags: ['database'] });
    expect(edited.id).toBe(draft.id);
    expect(edited.summary).toBe('Checkout timed out at noon');
    expect((await detail(draft.id)).revisions).toEqual([]);
  });

  it('refuses a blank title, an oversized field, a bad tag, an unknown owner or day, and a dismissed problem, changing nothing', async () => {
    const number = await resolvedProblem(bo, 'Checkout times out');
    const put = (payload: object) => bo.request({ method: 'PUT', url: `/api/problems/${number}/learning`, payload: { ...emptyLearning('T'), ...payload } });
    const cases = [
      await put({ title: '   ' }),
      await put({ summary: 'x'.repeat(LEARNING_FIELD_MAX + 1) }),
      await put({ tags: ['Not A Slug'] }),
      await put({ tags: ['a', 'a'] }),
      await put({ followUps: [{ text: 'Alert on pool use', ownerId: 'nobody', dueOn: '2030-01-01' }] }),
      await put({ followUps: [{ text: 'Alert on pool use', ownerId: bo.id, dueOn: '2030-02-30' }] }),
      await put({ followUps: [{ text: 'Alert', ownerId: bo.id, dueOn: 'tomorrow' }] }),
      await put({ extra: true }),
    ];
    for (const response of cases) {
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json<ErrorBody>().error.code).toBe('validation_failed');
    }
    expect((await bo.request({ method: 'GET', url: `/api/problems/${number}/learning` })).json<ProblemLearning>().learning).toBeNull();
    expect((await bo.request({ method: 'PUT', url: '/api/problems/999/learning', payload: emptyLearning('T') })).statusCode).toBe(404);

    const other = (await bo.request({ method: 'POST', url: '/api/problems', payload: { title: 'False alarm' } })).json<Problem>();
    await bo.request({ method: 'POST', url: `/api/problems/${other.number}/status`, payload: { status: 'dismissed', reason: 'not-a-problem' } });
    expect((await admin.request({ method: 'PUT', url: `/api/problems/${other.number}/learning`, payload: emptyLearning('T') })).statusCode).toBe(409);
  });
});

describe('publishing', () => {
  it('publishes only for a resolved problem, moving it to learned through its status history', async () => {
    const open = (await bo.request({ method: 'POST', url: '/api/problems', payload: { title: 'Still burning' } })).json<Problem>();
    await bo.request({ method: 'POST', url: `/api/problems/${open.number}/swarm` });
    const early = await saveLearning(bo, open.number, { title: 'Too early', summary: 's', cause: 'c' });
    const refused = await bo.request({ method: 'POST', url: `/api/learnings/${early.id}/publish` });
    expect(refused.statusCode).toBe(409);
    expect(refused.json<ErrorBody>().error.code).toBe('problem_not_resolved');
    expect((await problem(open.number)).status).toBe('swarming');
    expect((await detail(early.id)).learning.state).toBe('draft');

    const number = await resolvedProblem(bo, 'Checkout times out');
    const empty = await saveLearning(bo, number, { title: 'Pool too small' });
    expect((await bo.request({ method: 'POST', url: `/api/learnings/${empty.id}/publish` })).statusCode).toBe(400);
    t.clock.advance(60_000);
    const published = await publishLearning(bo, number, { title: 'Pool too small' });
    expect(published).toMatchObject({ state: 'published', revision: 1 });
    expect(published.publishedAt).not.toBeNull();
    const learned = await problem(number);
    expect(learned.status).toBe('learned');
    expect(learned.history.at(-1)).toMatchObject({ from: 'resolved', to: 'learned', at: published.publishedAt });
    // Publishing again answers it as it is.
    const again = await bo.request({ method: 'POST', url: `/api/learnings/${published.id}/publish` });
    expect(again.json<Learning>().publishedAt).toBe(published.publishedAt);
    expect((await problem(number)).history.filter((c) => c.to === 'learned')).toHaveLength(1);
  });

  it('keeps every published version when it is edited afterwards', async () => {
    const number = await resolvedProblem(bo, 'Checkout times out');
    const published = await publishLearning(bo, number, { title: 'Pool too small', cause: 'Pool of 10' });
    t.clock.advance(1000);
    await saveLearning(bo, number, { title: 'Pool too small', summary: 'What happened', cause: 'Pool of 10 for 40 workers' });
    await saveLearning(bo, number, { title: 'Connection pool too small', summary: 'What happened', cause: 'Pool of 10 for 40 workers' });
    const { learning, revisions } = await detail(published.id);
    expect(learning).toMatchObject({ revision: 3, title: 'Connection pool too small' });
    expect(revisions.map((r) => [r.revision, r.title, r.cause, r.editedBy])).toEqual([
      [1, 'Pool too small', 'Pool of 10', 'Bo Member'],
      [2, 'Pool too small', 'Pool of 10 for 40 workers', 'Bo Member'],
      [3, 'Connection pool too small', 'Pool of 10 for 40 workers', 'Bo Member'],
    ]);
  });
});

describe('follow-up actions', () => {
  it('tracks each with its owner and day, on the owner\'s home and as overdue once the day has passed', async () => {
    const number = await resolvedProblem(bo, 'Checkout times out');
    const today = new Date(t.clock.now()).toISOString().slice(0, 10);
    const learning = await publishLearning(bo, number, {
      title: 'Pool too small',
      followUps: [{ text: 'Alert on pool use', ownerId: cy.id, dueOn: today }, { text: 'Load test checkout', ownerId: bo.id, dueOn: '2999-01-01' }],
    });
    expect(learning.followUps.map((f) => [f.text, f.owner.name, f.overdue, f.doneAt])).toEqual([
      ['Alert on pool use', 'Cy Member', false, null], ['Load test checkout', 'Bo Member', false, null],
    ]);
    const mine = (await cy.request({ method: 'GET', url: '/api/learnings/mine' })).json<MyLearnings>();
    expect(mine.followUps.map((f) => [f.text, f.learningTitle])).toEqual([['Alert on pool use', 'Pool too small']]);
    const overdue = async () => (await admin.request({ method: 'GET', url: '/api/learnings/overdue-follow-ups' })).json<{ count: number }>().count;
    expect(await overdue()).toBe(0);

    t.clock.advance(2 * 86_400_000);
    expect(await overdue()).toBe(1);
    const alert = learning.followUps[0];
    expect((await cy.request({ method: 'GET', url: '/api/learnings/mine' })).json<MyLearnings>().followUps[0].overdue).toBe(true);
    // Someone else who is neither owner nor swarm cannot tick it off; the owner can.
    const dee = await inviteMember(t.app, admin, 'Dee Member');
    expect((await dee.request({ method: 'PATCH', url: `/api/learnings/${learning.id}/follow-ups/${alert.id}`, payload: { done: true } })).statusCode).toBe(403);
    const done = await cy.request({ method: 'PATCH', url: `/api/learnings/${learning.id}/follow-ups/${alert.id}`, payload: { done: true } });
    expect(done.statusCode).toBe(200);
    expect(done.json<Learning>().followUps[0].doneAt).not.toBeNull();
    expect(await overdue()).toBe(0);
    expect((await cy.request({ method: 'GET', url: '/api/learnings/mine' })).json<MyLearnings>().followUps).toEqual([]);

    // Saving the list again with the ids keeps what is done.
    const kept = await saveLearning(bo, number, {
      title: 'Pool too small', summary: 'What happened', cause: 'Why it happened',
      followUps: learning.followUps.map((f) => ({ id: f.id, text: f.text, ownerId: f.owner.id, dueOn: f.dueOn })),
    });
    expect(kept.followUps.map((f) => f.doneAt !== null)).toEqual([true, false]);
  });
});

describe('spread', () => {
  it('counts who acknowledged it, and what share of the area\'s members (responders and swarmers) did', async () => {
    const dee = await inviteMember(t.app, admin, 'Dee Member');
    const eve = await inviteMember(t.app, admin, 'Eve Outsider');
    expect((await admin.request({ method: 'PUT', url: '/api/areas/general/responders', payload: { userIds: [cy.id, dee.id] } })).statusCode).toBe(200);
    const number = await resolvedProblem(bo, 'Checkout times out');
    const learning = await publishLearning(bo, number, { title: 'Pool too small' });

    let spread = (await detail(learning.id)).spread;
    expect(spread).toMatchObject({ members: 3, membersAcknowledged: 0, share: 0, acknowledged: [] });
    const unread = async (who: Caller) => (await who.request({ method: 'GET', url: '/api/learnings/mine' })).json<MyLearnings>().unread.map((u) => u.title);
    expect(await unread(cy)).toEqual(['Pool too small']);

    for (const who of [cy, eve, cy]) {
      const response = await who.request({ method: 'POST', url: `/api/learnings/${learning.id}/acknowledge` });
      expect(response.statusCode).toBe(200);
      t.clock.advance(1000);
    }
    const after = await detail(learning.id, cy);
    spread = after.spread;
    expect(spread.acknowledged.map((a) => a.name)).toEqual(['Cy Member', 'Eve Outsider']);
    expect(spread).toMatchObject({ members: 3, membersAcknowledged: 1 });
    expect(spread.share).toBeCloseTo(1 / 3);
    expect(after.learning.acknowledgedByMe).toBe(true);
    expect((await detail(learning.id, dee)).learning.acknowledgedByMe).toBe(false);
    expect(await unread(cy)).toEqual([]);
    expect(await unread(dee)).toEqual(['Pool too small']);

    await bo.request({ method: 'POST', url: `/api/learnings/${learning.id}/acknowledge` });
    await dee.request({ method: 'POST', url: `/api/learnings/${learning.id}/acknowledge` });
    expect((await detail(learning.id)).spread).toMatchObject({ members: 3, membersAcknowledged: 3, share: 1 });
  });

  it('refuses to acknowledge a draft or as an API token', async () => {
    const number = await resolvedProblem(bo, 'Checkout times out');
    const draft = await saveLearning(bo, number, { title: 'Pool too small' });
    expect((await cy.request({ method: 'POST', url: `/api/learnings/${draft.id}/acknowledge` })).statusCode).toBe(409);
    const token = await createToken(admin);
    expect((await t.app.inject({ method: 'POST', url: `/api/learnings/${draft.id}/acknowledge`, headers: { authorization: token } })).statusCode).toBe(403);
    expect((await cy.request({ method: 'POST', url: '/api/learnings/nope/acknowledge' })).statusCode).toBe(404);
    expect((await detail(draft.id)).spread.acknowledged).toEqual([]);
  });
});

describe('recurrence and suggestion opens', () => {
  it('links a later problem to the learning ("this happened before") and counts it, and counts opens from a suggestion', async () => {
    const number = await resolvedProblem(bo, 'Checkout times out');
    const learning = await publishLearning(bo, number, { title: 'Pool too small' });
    const again = (await cy.request({ method: 'POST', url: '/api/problems', payload: { title: 'Checkout slow again' } })).json<Problem>();
    const link = () => cy.request({ method: 'POST', url: `/api/problems/${again.number}/recurrences`, payload: { learningId: learning.id } });
    expect((await link()).statusCode).toBe(201);
    expect((await link()).statusCode).toBe(201);
    expect((await cy.request({ method: 'POST', url: `/api/problems/${number}/recurrences`, payload: { learningId: learning.id } })).statusCode).toBe(400);
    expect((await cy.request({ method: 'POST', url: `/api/problems/${again.number}/recurrences`, payload: { learningId: 'nope' } })).statusCode).toBe(400);

    for (let i = 0; i < 2; i++) expect((await cy.request({ method: 'POST', url: `/api/learnings/${learning.id}/suggestion-opens` })).statusCode).toBe(204);
    const { learning: counted, recurrences } = await detail(learning.id);
    expect(counted).toMatchObject({ recurrences: 1, suggestionOpens: 2 });
    expect(recurrences.map((r) => [r.number, r.title])).toEqual([[again.number, 'Checkout slow again']]);
  });
});
