import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Area } from '../shared/areas.ts';
import type { ErrorBody } from '../shared/errors.ts';
import type { HistoryPage } from '../shared/history.ts';
import type { Problem } from '../shared/problems.ts';
import { createTestApp, setUpAdmin, type Caller, type TestApp } from './helpers/app.ts';

let t: TestApp;
let admin: Caller;
beforeEach(async () => {
  t = await createTestApp();
  admin = await setUpAdmin(t.app);
});
afterEach(() => t.close());

const DAY = 86_400_000;

async function pull(title: string, area?: string): Promise<number> {
  const answer = await admin.request({ method: 'POST', url: '/api/problems', payload: { title, ...(area ? { area } : {}) } });
  expect(answer.statusCode).toBe(201);
  return answer.json<Problem>().number;
}
async function close(number: number, status: 'resolved' | 'dismissed' = 'resolved'): Promise<void> {
  const payload = status === 'resolved' ? { status } : { status, reason: 'not-a-problem' };
  expect((await admin.request({ method: 'POST', url: `/api/problems/${number}/status`, payload })).statusCode).toBe(200);
}
async function history(query: string): Promise<HistoryPage> {
  const answer = await admin.request({ method: 'GET', url: `/api/history${query}` });
  expect(answer.statusCode).toBe(200);
  return answer.json<HistoryPage>();
}
const titles = (page: HistoryPage) => page.items.map((i) => i.title);

describe('history of closed problems', () => {
  it('lists resolved and dismissed problems, newest first, not the open ones', async () => {
    const a = await pull('Belt stopped');
    await pull('Still open');
    const c = await pull('False alarm');
    await close(a);
    await close(c, 'dismissed');
    const page = await history('');
    expect(page.items.map((i) => [i.title, i.status, i.area, i.areaName])).toEqual([
      ['False alarm', 'dismissed', 'general', 'General'],
      ['Belt stopped', 'resolved', 'general', 'General'],
    ]);
    expect(page.nextCursor).toBeNull();
  });

  it('searches titles literally: %, _ and \\ match only themselves, case does not matter', async () => {
    const titlesToClose = ['Disk 100% full', 'Disk 1000 full', 'log_rotate broke', 'logXrotate broke', 'path C:\\temp gone', 'path C:temp gone'];
    for (const title of titlesToClose) await close(await pull(title));
    expect(titles(await history(`?q=${encodeURIComponent('100%')}`))).toEqual(['Disk 100% full']);
    expect(titles(await history(`?q=${encodeURIComponent('%')}`))).toEqual(['Disk 100% full']);
    expect(titles(await history(`?q=${encodeURIComponent('g_r')}`))).toEqual(['log_rotate broke']);
    expect(titles(await history(`?q=${encodeURIComponent('c:\\t')}`))).toEqual(['path C:\\temp gone']);
    expect(titles(await history('?q=DISK')).sort()).toEqual(['Disk 100% full', 'Disk 1000 full']);
  });

  it('filters by area and by the period the problem was raised in', async () => {
    const packing = (await admin.request({ method: 'POST', url: '/api/areas', payload: { name: 'Packing' } })).json<Area>();
    await close(await pull('Old in general'));
    t.clock.advance(10 * DAY);
    const day = new Date(t.clock.now()).toISOString().slice(0, 10);
    await close(await pull('New in packing', packing.slug));
    await close(await pull('New in general'));

    expect(titles(await history(`?area=${packing.slug}`))).toEqual(['New in packing']);
    expect(titles(await history(`?from=${day}`))).toEqual(['New in general', 'New in packing']);
    expect(titles(await history(`?to=${day}&area=general`))).toEqual(['New in general', 'Old in general']);
    const before = new Date(t.clock.now() - DAY).toISOString().slice(0, 10);
    expect(titles(await history(`?to=${before}`))).toEqual(['Old in general']);
    expect(titles(await history(`?from=${day}&to=${day}&q=general`))).toEqual(['New in general']);
  });

  it('pages with a cursor, with no problem missed or repeated', async () => {
    const numbers: number[] = [];
    for (let i = 1; i <= 7; i++) {
      numbers.push(await pull(`Problem ${i}`));
      await close(numbers.at(-1)!);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: HistoryPage = await history(`?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...titles(page));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(['Problem 7', 'Problem 6', 'Problem 5', 'Problem 4', 'Problem 3', 'Problem 2', 'Problem 1']);
  });

  it('answers 400 for a bad filter and 404 for an unknown area', async () => {
    for (const query of ['?from=yesterday', '?cursor=abc', '?limit=0', '?from=2026-05-02&to=2026-05-01', '?colour=red']) {
      const answer = await admin.request({ method: 'GET', url: `/api/history${query}` });
      expect(answer.statusCode, query).toBe(400);
      expect(answer.json<ErrorBody>().error.code).toBe('validation_failed');
    }
    expect((await admin.request({ method: 'GET', url: '/api/history?area=nowhere' })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/api/history' })).statusCode).toBe(401);
  });
});
