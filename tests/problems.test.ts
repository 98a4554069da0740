import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listProblems } from '../server/problems/store.ts';
import type { ApiTokenList } from '../shared/accounts.ts';
import type { ErrorBody } from '../shared/errors.ts';
import type { Problem, ProblemList } from '../shared/problems.ts';
import { createTestApp, createToken, setUpAdmin, type Caller, type TestApp } from './helpers/app.ts';

let t: TestApp;
let admin: Caller;
let token: string;

beforeEach(async () => {
  t = await createTestApp();
  admin = await setUpAdmin(t.app);
  token = await createToken(admin);
});
afterEach(() => t.close());

const raise = (payload: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/api/problems', headers: { authorization: token, ...headers }, payload: payload as object });
const countProblems = async () => (await listProblems(t.db, {}, 1_000)).length;

describe('pulling the cord', () => {
  it('records a problem in the default area as a Help pull and answers it whole', async () => {
    const response = await raise({ title: '  Deploy of checkout failed  ', details: 'step 3 timed out' });
    expect(response.statusCode).toBe(201);
    const problem = response.json<Problem>();
    expect(problem).toMatchObject({
      number: 1, title: 'Deploy of checkout failed', details: 'step 3 timed out', area: 'general', level: 'help', status: 'raised',
      raisedBy: { kind: 'token', name: 'monitoring' },
    });
    expect(new Date(problem.raisedAt).toISOString()).toBe(problem.raisedAt);
    expect((await admin.request({ method: 'GET', url: '/api/problems/1' })).json()).toEqual(problem);
  });

  it('numbers problems 1, 2, 3… and lets a person pull Stop in a named area', async () => {
    await admin.request({ method: 'POST', url: '/api/areas', payload: { name: 'Line 3' } });
    await raise({ title: 'first' });
    const stop = await admin.request({ method: 'POST', url: '/api/problems', payload: { title: 'Smoke at press', area: 'line-3', level: 'stop' } });
    expect(stop.json()).toMatchObject({ number: 2, area: 'line-3', level: 'stop', raisedBy: { kind: 'user', name: 'Ada Admin' } });
  });

  it('answers a retry with the same key and body with the first answer, and creates nothing new', async () => {
    const first = await raise({ title: 'Disk full on db-2' }, { 'idempotency-key': 'alert-123' });
    const retry = await raise({ title: 'Disk full on db-2' }, { 'idempotency-key': 'alert-123' });
    expect(retry.statusCode).toBe(201);
    expect(retry.json()).toEqual(first.json());
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(await countProblems()).toBe(1);
  });

  it('refuses the same key with a different body with 422', async () => {
    await raise({ title: 'Disk full on db-2' }, { 'idempotency-key': 'alert-123' });
    const other = await raise({ title: 'Disk full on db-3' }, { 'idempotency-key': 'alert-123' });
    expect(other.statusCode).toBe(422);
    expect(other.json<ErrorBody>().error.code).toBe('idempotency_key_reused');
    expect(await countProblems()).toBe(1);
  });

  it('keeps each caller\'s keys apart', async () => {
    await raise({ title: 'from the token' }, { 'idempotency-key': 'same' });
    const person = await admin.request({ method: 'POST', url: '/api/problems', headers: { 'idempotency-key': 'same' }, payload: { title: 'from a person' } });
    expect(person.statusCode).toBe(201);
    expect(person.json<Problem>().title).toBe('from a person');
  });

  it.each([
    ['an empty key', ''],
    ['a key with a space', 'alert 123'],
    ['a key with a non-ASCII character', 'alerté'],
    ['a key over 200 characters', 'k'.repeat(201)],
  ])('refuses %s with 400 naming Idempotency-Key, and records nothing', async (_what, key) => {
    const response = await raise({ title: 'Disk full on db-2' }, { 'idempotency-key': key });
    expect(response.statusCode).toBe(400);
    const { error } = response.json<ErrorBody>();
    expect(error.code).toBe('validation_failed');
    expect(error.details.map((d: { field?: string }) => d.field)).toContain('Idempotency-Key');
    expect(await countProblems()).toBe(0);
  });

  it('takes a key of exactly 200 visible ASCII characters', async () => {
    const response = await raise({ title: 'Disk full on db-2' }, { 'idempotency-key': `~!${'k'.repeat(198)}` });
    expect(response.statusCode).toBe(201);
  });

  it('records concurrent double submissions with one key exactly once', async () => {
    const responses = await Promise.all(Array.from({ length: 20 }, () => raise({ title: 'double click' }, { 'idempotency-key': 'k' })));
    expect(new Set(responses.map((r) => r.json<Problem>().number))).toEqual(new Set([1]));
    expect(await countProblems()).toBe(1);
  });
});

describe('refusing bad pulls', () => {
  const cases: Array<[string, unknown, string | undefined]> = [
    ['a missing title', { details: 'x' }, 'title'],
    ['an empty title', { title: '' }, 'title'],
    ['a blank title', { title: '    ' }, 'title'],
    ['a title of 10,000 characters', { title: 'x'.repeat(10_000) }, 'title'],
    ['a number as title', { title: 5 }, 'title'],
    ['an unknown level', { title: 'x', level: 'purple' }, 'level'],
    ['an unknown area', { title: 'x', area: 'nowhere' }, 'area'],
    ['an area that is not a slug', { title: 'x', area: 'No Where' }, 'area'],
    ['an unknown field', { title: 'x', severity: 'high' }, 'severity'],
    ['details over 20,000 characters', { title: 'x', details: 'y'.repeat(20_001) }, 'details'],
  ];
  for (const [what, payload, field] of cases) {
    it(`refuses ${what} with 400 naming the field, and changes nothing`, async () => {
      const response = await raise(payload);
      expect(response.statusCode).toBe(400);
      const { error } = response.json<ErrorBody>();
      expect(error.code).toBe('validation_failed');
      expect(error.details.map((d: { field?: string }) => d.field)).toContain(field);
      expect(await countProblems()).toBe(0);
    });
  }

  it('refuses malformed JSON with 400', async () => {
    const response = await t.app.inject({
      method: 'POST', url: '/api/problems', headers: { authorization: token, 'content-type': 'application/json' }, payload: '{"title": "x"',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json<ErrorBody>().error.code).toBe('invalid_json');
  });

  it('refuses a body over 1 MiB with 413', async () => {
    const response = await raise({ title: 'x', details: 'y'.repeat(1024 * 1024) });
    expect(response.statusCode).toBe(413);
    expect(response.json<ErrorBody>().error).toMatchObject({ code: 'body_too_large' });
    expect(await countProblems()).toBe(0);
  });

  it('refuses a revoked token', async () => {
    const id = (await admin.request({ method: 'GET', url: '/api/tokens' })).json<ApiTokenList>().items[0].id;
    expect((await admin.request({ method: 'DELETE', url: `/api/tokens/${id}` })).statusCode).toBe(204);
    const response = await raise({ title: 'after revoke' });
    expect(response.statusCode).toBe(401);
    expect(await countProblems()).toBe(0);
  });

  it('answers an unknown problem with a JSON 404', async () => {
    const response = await admin.request({ method: 'GET', url: '/api/problems/999' });
    expect(response.statusCode).toBe(404);
    expect(response.json<ErrorBody>().error.code).toBe('not_found');
  });

  it('never shows internals on a server error', async () => {
    // The database going away under a running app is a server error that is nobody's input.
    await t.db.close();
    const response = await raise({ title: 'boom' });
    expect(response.statusCode).toBe(500);
    expect(response.body).not.toMatch(/sqlite|postgres|pool|closed|at .*\.ts|stack/i);
    expect(response.json<ErrorBody>().error.code).toBe('internal_error');
  });
});

describe('listing problems', () => {
  it('lists newest first, filters, and pages with a cursor', async () => {
    await admin.request({ method: 'POST', url: '/api/areas', payload: { name: 'Payments' } });
    for (let i = 1; i <= 5; i++) await raise({ title: `p${i}`, level: i % 2 ? 'help' : 'stop', area: i > 3 ? 'payments' : 'general' });

    const first = (await admin.request({ method: 'GET', url: '/api/problems?limit=2' })).json<ProblemList>();
    expect(first.items.map((p: { number: number }) => p.number)).toEqual([5, 4]);
    const second = (await admin.request({ method: 'GET', url: `/api/problems?limit=2&cursor=${first.nextCursor}` })).json<ProblemList>();
    expect(second.items.map((p: { number: number }) => p.number)).toEqual([3, 2]);
    const last = (await admin.request({ method: 'GET', url: `/api/problems?limit=2&cursor=${second.nextCursor}` })).json<ProblemList>();
    expect(last).toMatchObject({ items: [{ number: 1 }], nextCursor: null });

    const stops = (await admin.request({ method: 'GET', url: '/api/problems?level=stop' })).json<ProblemList>();
    expect(stops.items.map((p: { number: number }) => p.number)).toEqual([4, 2]);
    const payments = (await admin.request({ method: 'GET', url: '/api/problems?area=payments' })).json<ProblemList>();
    expect(payments.items.map((p: { number: number }) => p.number)).toEqual([5, 4]);
  });

  it('filters by status and refuses a limit over 200', async () => {
    await raise({ title: 'a' });
    await raise({ title: 'b' });
    await admin.request({ method: 'PATCH', url: '/api/problems/1', payload: { status: 'swarming' } });
    const swarming = (await admin.request({ method: 'GET', url: '/api/problems?status=swarming' })).json<ProblemList>();
    expect(swarming.items.map((p: { number: number }) => p.number)).toEqual([1]);
    expect((await admin.request({ method: 'GET', url: '/api/problems?limit=201' })).statusCode).toBe(400);
    expect((await admin.request({ method: 'GET', url: '/api/problems?status=nope' })).statusCode).toBe(400);
  });
});

describe('moving a problem along', () => {
  it('records each status change in the history and refuses moves that make no sense', async () => {
    await raise({ title: 'queue backed up' });
    await admin.request({ method: 'PATCH', url: '/api/problems/1', payload: { status: 'swarming' } });
    const contained = await admin.request({ method: 'PATCH', url: '/api/problems/1', payload: { status: 'contained' } });
    expect(contained.json<Problem>().history.map((h: { to: string }) => h.to)).toEqual(['raised', 'swarming', 'contained']);

    const back = await admin.request({ method: 'PATCH', url: '/api/problems/1', payload: { status: 'raised' } });
    expect(back.statusCode).toBe(409);
    const dismissWithoutReason = await admin.request({ method: 'PATCH', url: '/api/problems/1', payload: { status: 'dismissed' } });
    expect(dismissWithoutReason.statusCode).toBe(400);
    expect((await admin.request({ method: 'GET', url: '/api/problems/1' })).json<Problem>().status).toBe('contained');
  });
});

describe('recently changed problems', () => {
  it('lists only problems changed since a time, so the board can show what was resolved today', async () => {
    await raise({ title: 'old' });
    t.clock.advance(2 * 86_400_000);
    await raise({ title: 'new' });
    const since = new Date(t.clock.now() - 86_400_000).toISOString();
    const recent = (await admin.request({ method: 'GET', url: `/api/problems?updatedSince=${encodeURIComponent(since)}` })).json<ProblemList>();
    expect(recent.items.map((p: { title: string }) => p.title)).toEqual(['new']);
    expect((await admin.request({ method: 'GET', url: '/api/problems?updatedSince=yesterday' })).statusCode).toBe(400);
  });
});
