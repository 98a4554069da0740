import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ErrorBody } from '../shared/errors.ts';
import { ENTRY_BODY_MAX, type EntryRevisionList, type TimelineEntry, type TimelineList } from '../shared/timeline.ts';
import { createTestApp, createToken, setUpAdmin, type Caller, type TestApp } from './helpers/app.ts';
import { inviteMember } from './helpers/members.ts';

let t: TestApp;
let admin: Caller;
let bo: Caller & { id: string };

beforeEach(async () => {
  t = await createTestApp();
  admin = await setUpAdmin(t.app);
  bo = await inviteMember(t.app, admin, 'Bo Member');
  for (const title of ['Checkout is slow', 'Another problem']) {
    expect((await admin.request({ method: 'POST', url: '/api/problems', payload: { title } })).statusCode).toBe(201);
  }
});
afterEach(() => t.close());

const add = (who: Caller, kind: string, body: string, number = 1) =>
  who.request({ method: 'POST', url: `/api/problems/${number}/timeline`, payload: { kind, body } });
const edit = (who: Caller, id: string, payload: object, number = 1) =>
  who.request({ method: 'PATCH', url: `/api/problems/${number}/timeline/${id}`, payload });
const timeline = async (number = 1) => (await admin.request({ method: 'GET', url: `/api/problems/${number}/timeline` })).json<TimelineList>().items;

describe('adding entries', () => {
  it('adds each kind of entry in order, with its author, and lists them oldest first', async () => {
    const kinds = ['observation', 'hypothesis', 'experiment', 'result', 'action', 'note'];
    for (const kind of kinds) {
      const response = await add(bo, kind, `**${kind}** seen`);
      expect(response.statusCode).toBe(201);
      expect(response.json()).toMatchObject({ kind, body: `**${kind}** seen`, problemNumber: 1, author: { kind: 'user', id: bo.id, name: 'Bo Member' }, verdict: null, editedAt: null });
      t.clock.advance(1);
    }
    expect((await timeline()).map((e: { kind: string }) => e.kind)).toEqual(kinds);
    expect(await timeline(2)).toEqual([]);
  });

  it('refuses an unknown kind, a system kind, a blank or too long body, an unknown problem and nobody signed in, adding nothing', async () => {
    const cases = [
      await add(bo, 'rumour', 'x'),
      await add(bo, 'status', 'resolved, trust me'),
      await add(bo, 'note', ''),
      await add(bo, 'note', '   '),
      await add(bo, 'note', 'x'.repeat(ENTRY_BODY_MAX + 1)),
      await bo.request({ method: 'POST', url: '/api/problems/1/timeline', payload: { kind: 'note', body: 'x', extra: 1 } }),
    ];
    for (const response of cases) {
      expect(response.statusCode).toBe(400);
      expect(response.json<ErrorBody>().error.code).toBe('validation_failed');
    }
    expect((await add(bo, 'note', 'x', 99)).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'POST', url: '/api/problems/1/timeline', payload: { kind: 'note', body: 'x' } })).statusCode).toBe(401);
    expect((await add(bo, 'note', 'x'.repeat(ENTRY_BODY_MAX))).statusCode).toBe(201);
    expect(await timeline()).toHaveLength(1);
  });
});

describe('editing an entry', () => {
  it('lets the author change the body and keeps every earlier version', async () => {
    const entry = (await add(bo, 'observation', 'first words')).json<TimelineEntry>();
    t.clock.advance(1_000);
    const edited = await edit(bo, entry.id, { body: 'second words' });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ id: entry.id, body: 'second words', at: entry.at });
    expect(edited.json<TimelineEntry>().editedAt).not.toBeNull();
    t.clock.advance(1_000);
    await edit(bo, entry.id, { body: 'third words' });
    const revisions = (await admin.request({ method: 'GET', url: `/api/problems/1/timeline/${entry.id}/revisions` })).json<EntryRevisionList>().items;
    expect(revisions.map((r: { body: string }) => r.body)).toEqual(['first words', 'second words']);
    expect(revisions[0].writtenAt).toBe(entry.at);
    expect(revisions[1].writtenAt).toBe(edited.json<TimelineEntry>().editedAt);
    expect((await timeline())[0].body).toBe('third words');
  });

  it('refuses somebody else, a system entry, a blank body and an entry of another problem, changing nothing', async () => {
    const entry = (await add(bo, 'observation', 'mine')).json<TimelineEntry>();
    const byAdmin = await edit(admin, entry.id, { body: 'not yours' });
    expect(byAdmin.statusCode).toBe(403);
    expect(byAdmin.json<ErrorBody>().error.code).toBe('not_the_author');
    expect((await edit(bo, entry.id, { body: '  ' })).statusCode).toBe(400);
    expect((await edit(bo, entry.id, { body: 'x'.repeat(ENTRY_BODY_MAX + 1) })).statusCode).toBe(400);
    expect((await edit(bo, entry.id, { body: 'elsewhere' }, 2)).statusCode).toBe(404);
    expect((await edit(bo, 'no-such-entry', { body: 'x' })).statusCode).toBe(404);
    await bo.request({ method: 'POST', url: '/api/problems/1/swarm' });
    const joined = (await timeline()).find((e: { kind: string }) => e.kind === 'joined');
    expect((await edit(bo, joined!.id, { body: 'I was here first' })).statusCode).toBe(403);
    expect((await timeline())[0]).toEqual(entry);
    expect((await admin.request({ method: 'GET', url: `/api/problems/1/timeline/${entry.id}/revisions` })).json<EntryRevisionList>().items).toEqual([]);
  });
});

describe('the hypothesis ledger', () => {
  it('confirms or refutes a hypothesis, pointing at a result', async () => {
    const hypothesis = (await add(bo, 'hypothesis', 'The cache is cold')).json<TimelineEntry>();
    const result = (await add(admin, 'result', 'Warming it fixed p99')).json<TimelineEntry>();
    const confirmed = await edit(admin, hypothesis.id, { verdict: 'confirmed', evidence: result.id });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json()).toMatchObject({ id: hypothesis.id, verdict: 'confirmed', evidenceId: result.id, body: 'The cache is cold' });
    const refuted = await edit(bo, hypothesis.id, { verdict: 'refuted', evidence: result.id });
    expect(refuted.json<TimelineEntry>().verdict).toBe('refuted');
  });

  it('refuses a verdict on something else, evidence that is not a result or from another problem, and a bad verdict, changing nothing', async () => {
    const hypothesis = (await add(bo, 'hypothesis', 'The cache is cold')).json<TimelineEntry>();
    const observation = (await add(bo, 'observation', 'p99 is 4 s')).json<TimelineEntry>();
    const result = (await add(bo, 'result', 'Warming fixed it')).json<TimelineEntry>();
    const elsewhere = (await add(bo, 'result', 'Unrelated', 2)).json<TimelineEntry>();
    const cases = [
      await edit(bo, observation.id, { verdict: 'confirmed', evidence: result.id }),
      await edit(bo, hypothesis.id, { verdict: 'confirmed', evidence: observation.id }),
      await edit(bo, hypothesis.id, { verdict: 'confirmed', evidence: elsewhere.id }),
      await edit(bo, hypothesis.id, { verdict: 'confirmed', evidence: 'no-such-entry' }),
      await edit(bo, hypothesis.id, { verdict: 'maybe', evidence: result.id }),
      await edit(bo, hypothesis.id, { verdict: 'confirmed' }),
      await edit(bo, hypothesis.id, { body: 'x', verdict: 'confirmed', evidence: result.id }),
    ];
    for (const response of cases) expect(response.statusCode).toBe(400);
    expect(cases[2].json<ErrorBody>().error.details).toEqual([{ field: 'evidence', message: 'is not a result entry of this problem' }]);
    const entries = await timeline();
    expect(entries.every((e: { verdict: unknown }) => e.verdict === null)).toBe(true);
  });
});

describe('machines', () => {
  it('lets an API token add a note, shown as written by the token', async () => {
    const token = await createToken(admin, 'deploy-bot');
    const response = await t.app.inject({ method: 'POST', url: '/api/problems/1/timeline', headers: { authorization: token }, payload: { kind: 'note', body: 'rolled back' } });
    expect(response.statusCode).toBe(201);
    expect(response.json<TimelineEntry>().author).toMatchObject({ kind: 'token', name: 'deploy-bot' });
  });
});
