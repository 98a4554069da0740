import { parseFeed } from '@rowanmanning/feed-parser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CreatedFeedToken } from '../shared/learnings.ts';
import { createTestApp, createToken, ORIGIN, setUpAdmin, type Caller, type TestApp } from './helpers/app.ts';
import { publishLearning, resolvedProblem } from './helpers/learnings.ts';
import { inviteMember } from './helpers/members.ts';

let t: TestApp;
let admin: Caller;
let bo: Caller & { id: string };

beforeEach(async () => {
  t = await createTestApp();
  admin = await setUpAdmin(t.app);
  bo = await inviteMember(t.app, admin, 'Bo Member');
});
afterEach(() => t.close());

const HOSTILE = 'Pool was **small**. <script>alert(1)</script> [x](javascript:alert(2))';

async function twoLearnings() {
  const first = await publishLearning(admin, await resolvedProblem(admin, 'Checkout times out'), { title: 'Pool too small', summary: HOSTILE, cause: 'Ten connections', tags: ['database'] });
  t.clock.advance(60_000);
  const area = (await admin.request({ method: 'POST', url: '/api/areas', payload: { name: 'Packing' } })).json<{ slug: string }>().slug;
  const number = await resolvedProblem(admin, 'Labels blank');
  await admin.request({ method: 'PATCH', url: `/api/problems/${number}`, payload: { area } });
  const second = await publishLearning(admin, number, { title: 'Ribbon ran out' });
  return { first, second, area };
}

const feedToken = async (who: Caller) => {
  const response = await who.request({ method: 'POST', url: '/api/feed-token' });
  expect(response.statusCode).toBe(201);
  return response.json<CreatedFeedToken>();
};

describe('the Atom feed of learnings', () => {
  it('is read by a feed parser with a person\'s feed token, all learnings or one area\'s, with safe HTML content', async () => {
    const { first, area } = await twoLearnings();
    const { path, token } = await feedToken(bo);
    const response = await t.app.inject({ method: 'GET', url: path });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('application/atom+xml');
    const feed = parseFeed(response.body);
    expect(feed.items.map((item) => item.title)).toEqual(['Ribbon ran out', 'Pool too small']);
    const pool = feed.items[1];
    expect(pool.url).toBe(`${ORIGIN}/learnings/${first.id}`);
    expect(pool.content).toContain('<strong>small</strong>');
    expect(pool.content).not.toMatch(/<script|javascript:/);
    expect(pool.categories.map((c) => c.term)).toEqual(['database']);

    const perArea = parseFeed((await t.app.inject({ method: 'GET', url: '/api/learnings/feed.atom', query: { token, area } })).body);
    expect(perArea.items.map((item) => item.title)).toEqual(['Ribbon ran out']);
  });

  it('is refused without a valid token, with a session instead, and once the token is revoked or replaced', async () => {
    await twoLearnings();
    expect((await t.app.inject({ method: 'GET', url: '/api/learnings/feed.atom' })).statusCode).toBe(400);
    expect((await bo.request({ method: 'GET', url: '/api/learnings/feed.atom' })).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'GET', url: '/api/learnings/feed.atom', query: { token: 'feed_guess' } })).statusCode).toBe(401);
    const old = await feedToken(bo);
    const replaced = await feedToken(bo);
    expect((await t.app.inject({ method: 'GET', url: old.path })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: replaced.path })).statusCode).toBe(200);
    expect((await bo.request({ method: 'DELETE', url: '/api/feed-token' })).statusCode).toBe(204);
    const revoked = await t.app.inject({ method: 'GET', url: replaced.path });
    expect(revoked.statusCode).toBe(401);
    expect(revoked.body).not.toContain('Pool too small');
    // An API token cannot have one: a feed token belongs to a person.
    const apiToken = await createToken(admin);
    expect((await t.app.inject({ method: 'POST', url: '/api/feed-token', headers: { authorization: apiToken } })).statusCode).toBe(403);
  });
});

describe('Markdown export', () => {
  it('exports one learning and the whole library as Markdown built from a tree', async () => {
    const { first } = await twoLearnings();
    const one = await bo.request({ method: 'GET', url: `/api/learnings/${first.id}/export.md` });
    expect(one.statusCode).toBe(200);
    expect(one.headers['content-type']).toContain('text/markdown');
    expect(one.body).toMatch(/^# Pool too small\n/);
    expect(one.body).toContain('## What happened');
    expect(one.body).toContain('Pool was **small**.');
    expect(one.body).toContain('## Why it happened\n\nTen connections');
    expect(one.body).toContain(`[open in Andon](${ORIGIN}/learnings/${first.id})`);

    const library = await bo.request({ method: 'GET', url: '/api/learnings/export.md' });
    expect(library.statusCode).toBe(200);
    expect(library.body).toMatch(/^# Learnings\n/);
    expect(library.body.indexOf('## Ribbon ran out')).toBeLessThan(library.body.indexOf('## Pool too small'));
    expect(library.body).toContain('### What happened');
    expect((await bo.request({ method: 'GET', url: '/api/learnings/nope/export.md' })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/api/learnings/export.md' })).statusCode).toBe(401);
  });
});
