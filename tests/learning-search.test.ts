import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Learning, SearchHit, SearchResults, Suggestions } from '../shared/learnings.ts';
import { analyzeSearchWords } from '../server/learnings/search/store.ts';
import { createTestApp, setUpAdmin, type Caller, type TestApp } from './helpers/app.ts';
import { publishLearning, resolvedProblem, saveLearning } from './helpers/learnings.ts';

// One app for the file: every test reads the same library of learnings (and the last ones change it).
let t: TestApp;
let admin: Caller;
const made: Record<string, Learning> = {};
let packingSlug: string;

const LIBRARY = [
  { key: 'pool', title: 'Checkout timed out: connection pool exhausted', summary: 'Customers could not pay for twenty minutes.', cause: 'The database connection pool was too small for the new workers.', changes: 'Raised the pool size.', detection: 'Alert on pool saturation.', tags: ['database', 'checkout'] },
  { key: 'deploy', title: 'Deploy broke the login page', summary: 'A deploy shipped a bad config; logins failed.', cause: 'The config was not validated before deploying.', changes: 'Validate config in CI.', detection: 'Synthetic login check.', tags: ['deploy'] },
  { key: 'mention', title: 'Slow reports on Mondays', summary: 'Reports were slow while a backup ran.', cause: 'The backup and the reports both read the database; the pool was fine.', changes: 'Moved the backup.', detection: 'Watch report latency.', tags: ['reports'] },
  { key: 'label', title: 'Labels printed blank', summary: 'The packing line printed blank labels.', cause: 'Printer ribbon ran out.', changes: 'Ribbon stock on the line.', detection: 'Count blank labels.', tags: ['printer'] },
] as const;

beforeAll(async () => {
  t = await createTestApp();
  admin = await setUpAdmin(t.app);
  const area = await admin.request({ method: 'POST', url: '/api/areas', payload: { name: 'Packing' } });
  packingSlug = area.json<{ slug: string }>().slug;
  for (const entry of LIBRARY) {
    const number = await resolvedProblem(admin, entry.title);
    if (entry.key === 'label') await admin.request({ method: 'PATCH', url: `/api/problems/${number}`, payload: { area: packingSlug } });
    const { key: _key, ...body } = entry;
    made[entry.key] = await publishLearning(admin, number, { ...body, tags: [...body.tags] });
    t.clock.advance(86_400_000);
  }
});
afterAll(() => t.close());

const search = async (query: Record<string, string>) => {
  const response = await admin.request({ method: 'GET', url: '/api/learnings', query });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<SearchResults>();
};
const titles = (hits: SearchHit[]) => hits.map((h) => h.title.map((p) => p.text).join(''));
const marked = (parts: SearchHit['snippet']) => parts.map((p) => (p.hit ? `[${p.text}]` : p.text)).join('');

describe('full-text search', () => {
  it('ranks a learning about the words above one that only mentions them, and finds stemmed forms', async () => {
    const { items } = await search({ q: 'connection pools' });
    expect(titles(items)[0]).toBe('Checkout timed out: connection pool exhausted');
    expect(items.map((h) => h.id)).not.toContain(made.label.id);
    // "deploying" and "deploy" share a stem.
    expect(titles((await search({ q: 'deploying' })).items)).toEqual(['Deploy broke the login page']);
  });

  it('finds the learnings holding every word, for few words and for many', async () => {
    const ids = async (q: string) => (await search({ q })).items.map((h) => h.id).sort();
    expect(await ids('database pool')).toEqual([made.pool.id, made.mention.id].sort());
    expect(await ids('database pool workers')).toEqual([made.pool.id]);
    expect(await ids('database pool workers saturation customers')).toEqual([made.pool.id]);
    expect(await ids('database pool workers saturation backup')).toEqual([]);
  });

  it('finds the same learnings for three words once PostgreSQL knows which words are rare', async () => {
    // With statistics on the table of words, three words of which one is rare ("workers", "backup":
    // in one learning each) are looked for through the GIN index rather than the table (migration
    // 0021): the same learnings either way. SQLite has one way.
    await analyzeSearchWords(t.db);
    const ids = async (q: string) => (await search({ q })).items.map((h) => h.id).sort();
    expect(await ids('database pool workers')).toEqual([made.pool.id]);
    expect(await ids('database pool backup')).toEqual([made.mention.id]);
    expect(await ids('database pool ribbon')).toEqual([]);
  });

  it('highlights the matched words in the title and a snippet, as parts rather than markup', async () => {
    const [hit] = (await search({ q: 'ribbon' })).items;
    expect(hit.id).toBe(made.label.id);
    expect(hit.snippet.some((p) => p.hit && /ribbon/i.test(p.text))).toBe(true);
    expect(marked(hit.snippet)).toMatch(/\[ribbon\]/i);
    const [pool] = (await search({ q: 'pool' })).items;
    expect(marked(pool.title)).toBe('Checkout timed out: connection [pool] exhausted');
    expect(JSON.stringify(pool)).not.toMatch(/<b>|<mark>|\\u0002|\\u0003/);
  });

  it('filters by area, tag and day of publishing, and answers an unknown area or tag with nothing', async () => {
    expect((await search({ area: packingSlug })).items.map((h) => h.id)).toEqual([made.label.id]);
    expect((await search({ q: 'pool', tag: 'reports' })).items.map((h) => h.id)).toEqual([made.mention.id]);
    expect((await search({ tag: 'data' })).items).toEqual([]);
    expect((await search({ area: 'nowhere' })).items).toEqual([]);
    const day = (learning: Learning) => (learning.publishedAt ?? '').slice(0, 10);
    expect((await search({ from: day(made.deploy), to: day(made.mention) })).items.map((h) => h.id)).toEqual([made.mention.id, made.deploy.id]);
  });

  it('pages with a cursor, newest first without words', async () => {
    const first = await search({});
    expect(first.items.map((h) => h.id)).toEqual([made.label.id, made.mention.id, made.deploy.id, made.pool.id]);
    expect(first.nextCursor).toBeNull();
    const bad = await admin.request({ method: 'GET', url: '/api/learnings', query: { cursor: 'not-a-cursor' } });
    expect(bad.statusCode).toBe(400);
  });

  it('treats hostile input as words: a 4xx or an empty result, never a 5xx', async () => {
    const hostile = ['"', '*', 'NEAR(', 'OR OR', '-', '"pool', 'pool*', 'NEAR(pool deploy)', 'title:pool', '^pool', 'AND', 'NOT pool', '(', ')', "'; drop table learnings; --", '\u0000', '&|!:*', 'pool & !deploy'];
    for (const q of hostile) {
      for (const url of ['/api/learnings', '/api/learnings/suggest']) {
        const response = await admin.request({ method: 'GET', url, query: { q } });
        expect(response.statusCode, `${url} ${JSON.stringify(q)}: ${response.body}`).toBe(200);
      }
    }
    // Words inside the noise still count as words.
    expect((await search({ q: '"pool*' })).items.map((h) => h.id)).toContain(made.pool.id);
    for (const url of ['/api/learnings', '/api/learnings/suggest']) {
      const long = await admin.request({ method: 'GET', url, query: { q: 'pool '.repeat(1000) } });
      expect(long.statusCode).toBe(400);
      expect(long.json<{ error: { code: string } }>().error.code).toBe('validation_failed');
    }
    expect((await search({ q: 'pool' })).items.length).toBeGreaterThan(0);
  });
});

describe('suggestions while typing', () => {
  it('answers at most three, best first, matching a half-typed last word', async () => {
    const suggest = async (q: string) => (await admin.request({ method: 'GET', url: '/api/learnings/suggest', query: { q } })).json<Suggestions>().items;
    expect((await suggest('checkout is tim')).map((s) => s.id)[0]).toBe(made.pool.id);
    expect((await suggest('the pool the deploy the reports the labels the printer'))).toHaveLength(3);
    expect(await suggest('')).toEqual([]);
    expect(await suggest('zebra')).toEqual([]);
  });

  it('takes a half-typed last word as a prefix from its third letter on', async () => {
    const suggest = async (q: string) => (await admin.request({ method: 'GET', url: '/api/learnings/suggest', query: { q } })).json<Suggestions>().items;
    // Two letters stand for too many words to merge at each keystroke: "ch" is only the word "ch".
    expect(await suggest('zebra ch')).toEqual([]);
    expect((await suggest('zebra che')).map((s) => s.id)).toContain(made.pool.id);
    // Nor does a plural s count: "pas" stems to "pa", which would stand for every word in "pa".
    expect(await suggest('zebra pas')).toEqual([]);
    expect((await suggest('zebra pack')).map((s) => s.id)).toContain(made.label.id);
    // A prefix longer than the shorter ones indexed, read from an index of its own.
    expect((await suggest('zebra checko')).map((s) => s.id)).toContain(made.pool.id);
    // Once the text goes on past it, the word is finished: "che " is the word "che", not a prefix.
    expect(await suggest('zebra che ')).toEqual([]);
  });

  it('leaves stop words out, as PostgreSQL does on both databases: "the" alone finds nothing', async () => {
    const suggest = async (q: string) => (await admin.request({ method: 'GET', url: '/api/learnings/suggest', query: { q } })).json<Suggestions>().items;
    expect(await suggest('was the')).toEqual([]);
    expect((await search({ q: 'the' })).items).toEqual([]);
    expect((await search({ q: 'the pool was' })).items.map((h) => h.id)).toEqual((await search({ q: 'pool' })).items.map((h) => h.id));
  });
});

describe('the index follows changes', () => {
  it('finds a learning by its new words as soon as it is edited, and not by the old ones', async () => {
    const learning = made.deploy;
    await saveLearning(admin, learning.problemNumber, {
      title: 'Release broke the login page', summary: 'A release shipped a bad setting.', cause: 'Settings not checked.', changes: 'Check settings.', detection: 'Probe.', tags: ['release'],
    });
    expect((await search({ q: 'deploying' })).items).toEqual([]);
    expect((await search({ q: 'release' })).items.map((h) => h.id)).toEqual([learning.id]);
    expect((await search({ tag: 'deploy' })).items).toEqual([]);
  });

  it('drops a deleted learning from search and suggestions at once, and keeps drafts out', async () => {
    expect((await admin.request({ method: 'DELETE', url: `/api/learnings/${made.label.id}` })).statusCode).toBe(204);
    expect((await search({ q: 'ribbon' })).items).toEqual([]);
    expect((await admin.request({ method: 'GET', url: '/api/learnings/suggest', query: { q: 'ribbon' } })).json<Suggestions>().items).toEqual([]);
    expect((await admin.request({ method: 'GET', url: `/api/learnings/${made.label.id}` })).statusCode).toBe(404);

    const number = await resolvedProblem(admin, 'Draft only');
    await saveLearning(admin, number, { title: 'Zeppelin draft', summary: 'zeppelin' });
    expect((await search({ q: 'zeppelin' })).items).toEqual([]);
  });
});
