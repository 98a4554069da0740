import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProblemEvent } from '../../shared/live.ts';
import { newestEventSeq } from '../../server/events/store.ts';
import { connect, startLiveApp, type LiveApp, type LiveClient } from './live-harness.ts';

let t: LiveApp;
beforeAll(async () => {
  t = await startLiveApp();
  for (const name of ['Line 1', 'Line 2']) {
    const response = await t.admin.request({ method: 'POST', url: '/api/areas', payload: { name } });
    expect(response.statusCode).toBe(201);
  }
});
afterAll(() => t.close());

const events = (client: LiveClient) => client.messages.filter((m): m is ProblemEvent => m.type === 'event');

async function subscribe(client: LiveClient, message: object) {
  const before = client.messages.length;
  client.send({ type: 'subscribe', ...message });
  await client.waitFor((c) => c.messages.slice(before).some((m) => m.type === 'subscribed'));
  return client.messages.slice(before).find((m) => m.type === 'subscribed');
}

async function retitle(number: number, title: string): Promise<void> {
  const response = await t.app.inject({
    method: 'PATCH', url: `/api/problems/${number}`, headers: { authorization: t.token }, payload: { title },
  });
  expect(response.statusCode).toBe(200);
}

describe('following part of the stream', () => {
  it('narrows to the areas asked for', async () => {
    const client = await connect(t.url, { authorization: t.token });
    expect(await subscribe(client, { areas: ['line-1'] })).toEqual({ type: 'subscribed', areas: ['line-1'], problem: null });

    await t.raise(2, { area: 'line-2' });
    await t.raise(1);
    const [last] = await t.raise(1, { area: 'line-1' });
    await client.waitFor((c) => events(c).some((e) => e.data.number === last));

    expect(events(client).map((e) => e.data.area)).toEqual(['line-1']);
    client.ws.close();
  });

  it('shows an area\'s followers a problem moving out of it', async () => {
    const [moved] = await t.raise(1, { area: 'line-1' });
    const live = await connect(t.url, { authorization: t.token });
    await subscribe(live, { areas: ['line-1'] });
    const before = live.messages.filter((m) => m.type === 'event').length;
    const response = await t.app.inject({
      method: 'PATCH', url: `/api/problems/${moved}`, headers: { authorization: t.token }, payload: { area: 'line-2' },
    });
    expect(response.statusCode).toBe(200);
    await live.waitFor((c) => events(c).length > before);
    expect(events(live).at(-1)?.data).toMatchObject({ number: moved, area: 'line-2' });
    live.ws.close();
  });

  it('narrows to one problem, then widens back to everything with an empty subscribe', async () => {
    const [watched, other] = await t.raise(2);
    const client = await connect(t.url, { authorization: t.token });
    expect(await subscribe(client, { problem: watched })).toEqual({ type: 'subscribed', areas: null, problem: watched });

    await retitle(other, 'not watched');
    await retitle(watched, 'watched, first change');
    await retitle(other, 'still not watched');
    await retitle(watched, 'watched, second change');
    await client.waitFor((c) => events(c).length === 2);
    expect(events(client).map((e) => e.data.title)).toEqual(['watched, first change', 'watched, second change']);

    expect(await subscribe(client, {})).toEqual({ type: 'subscribed', areas: null, problem: null });
    await retitle(other, 'seen again');
    await client.waitFor((c) => events(c).length === 3);
    expect(events(client).at(-1)?.data).toMatchObject({ number: other, title: 'seen again' });
    client.ws.close();
  });

  it('applies the subscription to stored events a resuming client catches up on', async () => {
    const start = await newestEventSeq(t.db);
    await t.raise(3, { area: 'line-2' });
    await t.raise(2, { area: 'line-1' });
    // Subscribe first (hello resumes only while nothing has been sent yet), then resume.
    const client = await connect(t.url, { authorization: t.token });
    await subscribe(client, { areas: ['line-1'] });
    client.send({ type: 'hello', protocol: 1, since: start });
    const [last] = await t.raise(1, { area: 'line-1' });
    await client.waitFor((c) => events(c).some((e) => e.data.number === last));
    expect(events(client).map((e) => e.data.area)).toEqual(['line-1', 'line-1', 'line-1']);
    client.ws.close();
  });

  it('finds one problem\'s stored events for a resuming client that follows only that problem', async () => {
    const start = await newestEventSeq(t.db);
    const [watched, other] = await t.raise(2);
    await retitle(other, 'not watched');
    await retitle(watched, 'watched');
    const client = await connect(t.url, { authorization: t.token });
    await subscribe(client, { problem: watched });
    client.send({ type: 'hello', protocol: 1, since: start });
    await client.waitFor((c) => events(c).length === 2);
    expect(events(client).map((e) => [e.name, e.data.number])).toEqual([['problem.raised', watched], ['problem.updated', watched]]);
    client.ws.close();
  });
});
