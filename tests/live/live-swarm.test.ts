import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveEvent } from '../../shared/live.ts';
import type { TimelineEntry } from '../../shared/timeline.ts';
import { inviteMember } from '../helpers/members.ts';
import { ORIGIN, type Caller } from '../helpers/app.ts';
import { connect, startLiveApp, type LiveApp, type LiveClient } from './live-harness.ts';

let t: LiveApp;
let bo: Caller & { id: string };
beforeAll(async () => {
  t = await startLiveApp();
  bo = await inviteMember(t.app, t.admin, 'Bo Member');
});
afterAll(() => t.close());

const events = (client: LiveClient) => client.messages.filter((m): m is LiveEvent => m.type === 'event');
const names = (client: LiveClient, after: number) => events(client).filter((e) => e.seq > after).map((e) => e.name);

describe('the swarm on the live stream', () => {
  it('pushes joins, entries, verdicts, presence and status changes to a client following the problem, each with its seq', async () => {
    const [number] = await t.raise(1);
    const client = await connect(t.url, { cookie: t.admin.cookie, origin: ORIGIN });
    client.send({ type: 'subscribe', problem: number });
    await client.waitFor((c) => c.messages.some((m) => m.type === 'subscribed'));
    const start = (client.messages.find((m) => m.type === 'welcome') as { seq: number }).seq;

    const request = (method: 'POST' | 'PUT' | 'PATCH', url: string, payload?: object) =>
      bo.request({ method, url: `/api/problems/${number}${url}`, ...(payload ? { payload } : {}) });
    await request('POST', '/swarm');
    await client.waitFor((c) => names(c, start).filter((n) => n === 'problem.updated').length === 1);
    // The joined, lead and status entries, then the whole problem for boards.
    expect(names(client, start)).toEqual(['timeline.added', 'timeline.added', 'timeline.added', 'problem.updated']);
    const updated = events(client).find((e) => e.name === 'problem.updated')!;
    expect(updated.data).toMatchObject({ status: 'swarming', lead: { id: bo.id }, swarm: [{ id: bo.id }] });

    const mark = events(client).at(-1)!.seq;
    await request('PUT', '/presence');
    const hypothesis = (await request('POST', '/timeline', { kind: 'hypothesis', body: 'Cold cache' })).json<TimelineEntry>();
    const result = (await request('POST', '/timeline', { kind: 'result', body: 'Warm cache: fast' })).json<TimelineEntry>();
    await request('PATCH', `/timeline/${hypothesis.id}`, { verdict: 'confirmed', evidence: result.id });
    await request('PUT', '/presence'); // a heartbeat from somebody already present is no event
    await bo.request({ method: 'POST', url: `/api/problems/${number}/status`, payload: { status: 'contained' } });
    await client.waitFor((c) => names(c, mark).includes('problem.updated'));
    expect(names(client, mark)).toEqual(['presence.changed', 'timeline.added', 'timeline.added', 'timeline.edited', 'timeline.added', 'problem.updated']);

    const after = events(client).filter((e) => e.seq > mark);
    expect(after[0].data).toMatchObject({ problemNumber: number, people: [{ id: bo.id, name: 'Bo Member' }] });
    // A timeline event carries the entry, not the whole problem.
    expect(after[3].data).toEqual({ ...hypothesis, verdict: 'confirmed', evidenceId: result.id });
    expect(after[4].data).toMatchObject({ kind: 'status', body: 'swarming → contained' });
    const seqs = events(client).map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    client.ws.close();
  });
});
