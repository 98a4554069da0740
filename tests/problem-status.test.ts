import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ErrorBody } from '../shared/errors.ts';
import type { Problem } from '../shared/problems.ts';
import type { TimelineList } from '../shared/timeline.ts';
import { createTestApp, setUpAdmin, type Caller, type TestApp } from './helpers/app.ts';

let t: TestApp;
let admin: Caller;

beforeEach(async () => {
  t = await createTestApp();
  admin = await setUpAdmin(t.app);
  for (const title of ['Checkout is slow', 'Checkout is slow again']) {
    expect((await admin.request({ method: 'POST', url: '/api/problems', payload: { title } })).statusCode).toBe(201);
  }
});
afterEach(() => t.close());

const move = (payload: object, number = 2) => admin.request({ method: 'POST', url: `/api/problems/${number}/status`, payload });
const problem = async (number = 2) => (await admin.request({ method: 'GET', url: `/api/problems/${number}` })).json<Problem>();
const statusEntries = async (number = 2) =>
  (await admin.request({ method: 'GET', url: `/api/problems/${number}/timeline` })).json<TimelineList>().items
    .filter((e: { kind: string }) => e.kind === 'status').map((e: { body: string }) => e.body);

describe('the status route', () => {
  it('moves a problem through contained and resolved, recording who and when, on the timeline too', async () => {
    t.clock.advance(60_000);
    const contained = await move({ status: 'contained' });
    expect(contained.statusCode).toBe(200);
    t.clock.advance(60_000);
    const resolved = (await move({ status: 'resolved' })).json<Problem>();
    expect(resolved.status).toBe('resolved');
    expect(resolved.history.map((h: { to: string }) => h.to)).toEqual(['raised', 'contained', 'resolved']);
    expect(resolved.history[2]).toMatchObject({ from: 'contained', by: { name: 'Ada Admin' } });
    expect(Date.parse(resolved.history[2].at) - Date.parse(resolved.history[1].at)).toBeGreaterThanOrEqual(60_000);
    expect(await statusEntries()).toEqual(['raised → contained', 'contained → resolved']);
  });

  it('dismisses with each reason, and reopens a dismissed or resolved problem', async () => {
    const duplicate = (await move({ status: 'dismissed', reason: 'duplicate', duplicateOf: 1 })).json<Problem>();
    expect(duplicate.history.at(-1)).toMatchObject({ to: 'dismissed', reason: 'Duplicate of #1' });
    const reopened = (await move({ status: 'raised' })).json<Problem>();
    expect(reopened.status).toBe('raised');
    expect((await move({ status: 'dismissed', reason: 'not-a-problem' })).json<Problem>().history.at(-1)?.reason).toBe('Not a problem');
    await move({ status: 'raised' });
    expect((await move({ status: 'dismissed', reason: 'other', text: ' a drill ' })).json<Problem>().history.at(-1)?.reason).toBe('a drill');
    await move({ status: 'raised' });
    await move({ status: 'resolved' });
    expect((await move({ status: 'swarming' })).json<Problem>().status).toBe('swarming');
    expect(await statusEntries()).toContain('raised → dismissed: Duplicate of #1');
  });

  it('answers 409 for a move the lifecycle does not allow, and changes nothing', async () => {
    await move({ status: 'resolved' });
    const before = await problem();
    const response = await move({ status: 'contained' });
    expect(response.statusCode).toBe(409);
    expect(response.json<ErrorBody>().error.code).toBe('invalid_status_change');
    expect(await problem()).toEqual(before);
  });

  it('refuses a dismissal without a proper reason, and reasons on other moves, changing nothing', async () => {
    const cases = [
      await move({ status: 'dismissed' }),
      await move({ status: 'dismissed', reason: 'boring' }),
      await move({ status: 'dismissed', reason: 'duplicate' }),
      await move({ status: 'dismissed', reason: 'duplicate', duplicateOf: 2 }),
      await move({ status: 'dismissed', reason: 'duplicate', duplicateOf: 77 }),
      await move({ status: 'dismissed', reason: 'other' }),
      await move({ status: 'dismissed', reason: 'other', text: '   ' }),
      await move({ status: 'contained', reason: 'not-a-problem' }),
      await move({ status: 'nonsense' }),
    ];
    for (const response of cases) expect(response.statusCode).toBe(400);
    expect(await problem()).toMatchObject({ status: 'raised', history: [{ to: 'raised' }] });
    expect(await statusEntries()).toEqual([]);
    expect((await t.app.inject({ method: 'POST', url: '/api/problems/2/status', payload: { status: 'contained' } })).statusCode).toBe(401);
    expect((await move({ status: 'contained' }, 9)).statusCode).toBe(404);
  });

  it('answers the problem unchanged when asked for the status it has (a double click)', async () => {
    const first = (await move({ status: 'contained' })).json<Problem>();
    const again = await move({ status: 'contained' });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(first);
  });

  it('is the same path as PATCH: a status change there is checked and written on the timeline too', async () => {
    expect((await admin.request({ method: 'PATCH', url: '/api/problems/2', payload: { status: 'contained' } })).statusCode).toBe(200);
    expect((await admin.request({ method: 'PATCH', url: '/api/problems/2', payload: { status: 'raised' } })).statusCode).toBe(409);
    expect(await statusEntries()).toEqual(['raised → contained']);
  });
});
