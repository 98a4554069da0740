import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorBody } from '../shared/errors.ts';
import type { FlowReport } from '../shared/flow.ts';
import { SUGGESTIONS_SHOWN_MAX, type Learning, type Suggestions } from '../shared/learnings.ts';
import { createTestApp, createToken, setUpAdmin, type Caller, type TestApp } from './helpers/app.ts';
import { publishLearning, resolvedProblem } from './helpers/learnings.ts';
import { inviteMember } from './helpers/members.ts';

// Suggestions are a pure read while someone types; the page reports what it showed once per visit.

const DAY = 86_400_000;
let t: TestApp;
let admin: Caller;
let bo: Caller;
let pool: Learning;
let ribbon: Learning;
let t0: number;

beforeAll(async () => {
  t = await createTestApp();
  admin = await setUpAdmin(t.app);
  bo = await inviteMember(t.app, admin, 'Bo Typist');
  t.clock.freeze();
  t0 = t.clock.now();
  pool = await publishLearning(admin, await resolvedProblem(admin, 'Checkout timed out'), { title: 'Connection pool exhausted at checkout' });
  ribbon = await publishLearning(admin, await resolvedProblem(admin, 'Labels printed blank'), { title: 'Ribbon ran out in the label printer' });
}, 60_000);
afterAll(() => t.close());

async function shown(): Promise<number> {
  const period = `from=${new Date(t0 - DAY).toISOString()}&to=${new Date(t0 + 7 * DAY).toISOString()}`;
  const response = await admin.request({ method: 'GET', url: `/api/flow?${period}` });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<FlowReport>().all.suggestions.shown;
}

const report = (who: Caller, body: unknown) => who.request({ method: 'POST', url: '/api/learnings/suggestions-shown', payload: body as object });

describe('suggestions shown', () => {
  it('counts nothing while someone types, and each learning once per person and day when the page reports them', async () => {
    for (const typed of ['conn', 'connection', 'connection po', 'connection pool', 'connection pool exh']) {
      const answer = await bo.request({ method: 'GET', url: '/api/learnings/suggest', query: { q: typed } });
      expect(answer.json<Suggestions>().items.map((s) => s.id)).toContain(pool.id);
    }
    expect(await shown()).toBe(0);

    expect((await report(bo, { learningIds: [pool.id, ribbon.id] })).statusCode).toBe(204);
    expect(await shown()).toBe(2);
    // Another visit the same day shows the same learning again: still once.
    expect((await report(bo, { learningIds: [pool.id] })).statusCode).toBe(204);
    expect(await shown()).toBe(2);
    t.clock.advance(DAY);
    expect((await report(bo, { learningIds: [pool.id] })).statusCode).toBe(204);
    expect(await shown()).toBe(3);
  });

  it("passes over learnings that are gone, and counts nothing for an API token's report", async () => {
    const before = await shown();
    expect((await report(bo, { learningIds: ['no-such-learning'] })).statusCode).toBe(204);
    const token = await createToken(admin);
    const scripted = await t.app.inject({ method: 'POST', url: '/api/learnings/suggestions-shown', headers: { authorization: token }, payload: { learningIds: [ribbon.id] } });
    expect(scripted.statusCode).toBe(204);
    expect(await shown()).toBe(before);
  });

  it('refuses a report that is not a list of learnings, and counts nothing from it', async () => {
    const before = await shown();
    const tooMany = Array.from({ length: SUGGESTIONS_SHOWN_MAX + 1 }, (_, i) => `${ribbon.id}-${i}`);
    for (const body of [{}, { learningIds: [] }, { learningIds: [ribbon.id, ribbon.id] }, { learningIds: tooMany }, { learningIds: [7] }, { learningIds: [ribbon.id], extra: 1 }]) {
      const response = await report(bo, body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.json<ErrorBody>().error.code).toBeTruthy();
    }
    expect(await shown()).toBe(before);
  });
});
